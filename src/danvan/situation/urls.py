from django.urls import path

from danvan.situation.views import entries, period, topics

app_name = "situation"

urlpatterns = [
    path("", entries.entry_list, name="list"),
    path("export.xlsx", entries.entry_export, name="export"),
    path("new/", entries.entry_create, name="create"),
    path("import/", entries.entry_import, name="import"),
    path("<int:pk>/", entries.entry_detail, name="entry_detail"),
    path("<int:pk>/edit/", entries.entry_edit, name="entry_edit"),
    path("<int:pk>/delete/", entries.entry_delete, name="entry_delete"),
    path("period/", period.period_view, name="period"),
    path("period/export.xlsx", period.period_export, name="period_export"),
    path("topics/", topics.topic_list, name="topic_list"),
    path("topics/new/", topics.topic_create, name="topic_create"),
    path("topics/<int:pk>/", topics.topic_detail, name="topic_detail"),
    path("topics/<int:pk>/edit/", topics.topic_edit, name="topic_edit"),
]
