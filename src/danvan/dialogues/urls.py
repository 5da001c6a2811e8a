from django.urls import URLPattern, URLResolver, path

from danvan.dialogues.views import issues, receptions, sessions, stats

app_name = "dialogues"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", sessions.session_list, name="list"),
    path("export.xlsx", sessions.session_export, name="export"),
    path("new/", sessions.session_create, name="create"),
    path("<int:pk>/", sessions.session_detail, name="session_detail"),
    path("<int:pk>/edit/", sessions.session_edit, name="session_edit"),
    path("<int:pk>/opinions/new/", sessions.issue_add, name="issue_add"),
    path("<int:pk>/minutes.docx", sessions.session_minutes, name="minutes"),
    path("opinions/", issues.issue_list, name="issue_list"),
    path("opinions/export.xlsx", issues.issue_export, name="issue_export"),
    path("opinions/<int:pk>/answer/", issues.issue_answer, name="issue_answer"),
    path("opinions/<int:pk>/follow-up/", issues.issue_follow, name="issue_follow"),
    path("receptions/", receptions.reception_list, name="reception_list"),
    path(
        "receptions/export.xlsx", receptions.reception_export, name="reception_export"
    ),
    path("receptions/new/", receptions.reception_create, name="reception_create"),
    path("statistics/", stats.stats_page, name="stats"),
    path("statistics.xlsx", stats.stats_export, name="stats_export"),
]
