from django.urls import path

from danvan.ingestion import views

app_name = "ingestion"

urlpatterns = [
    path("", views.source_list, name="source_list"),
    path("new/", views.ingest, name="ingest"),
    path("batches/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("<int:pk>/", views.source_detail, name="source_detail"),
    path("<int:pk>/original/", views.source_original, name="source_original"),
]
