from django.urls import path

from danvan.units import views

app_name = "units"

urlpatterns = [
    path("", views.area_list, name="area_list"),
    path("areas/<int:pk>/", views.area_detail, name="area_detail"),
    path("areas/<int:pk>/children/", views.area_children, name="area_children"),
    path("areas/<int:pk>/villages/", views.village_create, name="village_create"),
    path("bodies/<int:pk>/", views.body_detail, name="body_detail"),
    path("people/", views.person_list, name="person_list"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("pick/areas/", views.pick_areas, name="pick_areas"),
    path("pick/bodies/", views.pick_bodies, name="pick_bodies"),
]
