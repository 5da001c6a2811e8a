from django.urls import path

from danvan.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("export.xlsx", views.meeting_export, name="export"),
    path("new/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/conclusions/", views.conclusion_add, name="conclusion_add"),
    path("<int:pk>/tasks/", views.task_add, name="task_add"),
    path("<int:pk>/papers/<slug:kind>/", views.paper_generate, name="paper_generate"),
    path("papers/<int:pk>/", views.paper_download, name="download"),
    path(
        "conclusions/<int:pk>/delete/",
        views.conclusion_delete,
        name="conclusion_delete",
    ),
    path("conclusions/<int:pk>/task/", views.conclusion_task, name="conclusion_task"),
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/export.xlsx", views.task_export, name="task_export"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/status/", views.task_status, name="task_status"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
]
