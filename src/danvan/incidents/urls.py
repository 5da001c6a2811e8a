from django.urls import URLPattern, URLResolver, path

from danvan.incidents.views import communes, register

app_name = "incidents"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", register.incident_list, name="list"),
    path("export.xlsx", register.incident_export, name="export"),
    path("new/", register.incident_create, name="create"),
    path("communes/", communes.communes, name="communes"),
    path("communes/export.xlsx", communes.communes_export, name="communes_export"),
    path("<int:pk>/", register.incident_detail, name="incident_detail"),
    path("<int:pk>/edit/", register.incident_edit, name="incident_edit"),
    path("<int:pk>/follow-up/", register.follow_up_add, name="follow_up_add"),
    path("<int:pk>/link/", register.link_add, name="link_add"),
    path("<int:pk>/unlink/", register.link_remove, name="link_remove"),
]
