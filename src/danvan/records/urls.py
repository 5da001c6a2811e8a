from django.urls import path

from danvan.records import views

app_name = "records"

urlpatterns = [
    path("texts/<int:pk>/", views.source_records, name="source_records"),
    path(
        "texts/<int:pk>/documents/<int:index>/",
        views.make_document,
        name="make_document",
    ),
    path("texts/<int:pk>/meeting/", views.make_meeting, name="make_meeting"),
    path("texts/<int:pk>/people/<int:index>/", views.make_person, name="make_person"),
    path("texts/<int:pk>/figures/<int:index>/", views.make_figure, name="make_figure"),
]
