from django.urls import path

from danvan.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_create, name="create"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/groups/", views.group_add, name="group_add"),
    path("<int:pk>/targets/new/", views.target_add, name="target_add"),
    path("<int:pk>/targets.xlsx", views.targets_export, name="targets_export"),
    path("<int:pk>/targets/import/", views.targets_import, name="targets_import"),
    path("<int:pk>/tasks/new/", views.task_add, name="task_add"),
    path("groups/<int:pk>/", views.group_edit, name="group_edit"),
    path("targets/<int:pk>/", views.target_detail, name="target_detail"),
    path("targets/<int:pk>/edit/", views.target_edit, name="target_edit"),
    path("targets/<int:pk>/progress/", views.progress_add, name="progress_add"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/status/", views.task_status, name="task_status"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
]
