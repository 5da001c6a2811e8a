from django.urls import path

from danvan.reports.views import files, reports, types

app_name = "reports"

urlpatterns = [
    # Reports: the list, a new report (drafted by the system), its page.
    path("", reports.report_list, name="list"),
    path("new/", reports.report_create, name="create"),
    path("<int:pk>/", reports.report_detail, name="report_detail"),
    path("<int:pk>/redraft/", reports.redraft, name="redraft"),
    path("<int:pk>/below/", reports.subunits, name="subunits"),
    path(
        "<int:pk>/sections/<int:section_pk>/",
        reports.section_save,
        name="section_save",
    ),
    path(
        "<int:pk>/sections/<int:section_pk>/history/",
        reports.section_history,
        name="section_history",
    ),
    path(
        "<int:pk>/sections/<int:section_pk>/restore/",
        reports.section_restore,
        name="section_restore",
    ),
    path("<int:pk>/comments/", reports.comment_add, name="comment_add"),
    # The workflow.
    path("<int:pk>/submit/", reports.submit, name="submit"),
    path("<int:pk>/approve/", reports.approve, name="approve"),
    path("<int:pk>/return/", reports.return_report, name="return"),
    path("<int:pk>/send/", reports.send, name="send"),
    path("<int:pk>/meeting/", reports.present, name="present"),
    # The paper.
    path("<int:pk>/report.docx", files.docx, name="docx"),
    path("<int:pk>/report.pdf", files.pdf, name="pdf"),
    path("<int:pk>/annex.xlsx", files.annex_xlsx, name="annex_xlsx"),
    # Report types and their outlines.
    path("types/", types.type_list, name="type_list"),
    path("types/new/", types.type_create, name="type_create"),
    path("types/<int:pk>/", types.type_detail, name="type_detail"),
    path("types/<int:pk>/edit/", types.type_edit, name="type_edit"),
    path("types/<int:pk>/outline/add/", types.outline_add, name="outline_add"),
    path(
        "types/<int:pk>/outline/<int:section_pk>/edit/",
        types.outline_edit,
        name="outline_edit",
    ),
    path(
        "types/<int:pk>/outline/<int:section_pk>/remove/",
        types.outline_remove,
        name="outline_remove",
    ),
    path(
        "types/<int:pk>/outline/<int:section_pk>/move/",
        types.outline_move,
        name="outline_move",
    ),
]
