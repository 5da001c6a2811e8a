from django.urls import path

from danvan.initiatives.views import imports, judging, register, stats

app_name = "initiatives"

urlpatterns = [
    path("", register.initiative_list, name="list"),
    path("export/", register.initiative_export, name="export"),
    path("new/", register.initiative_create, name="create"),
    path("similar/", register.similar, name="similar"),
    path("replicated/", register.most_replicated, name="replicated"),
    path("review/", judging.review_queue, name="review"),
    path("stats/", stats.stats_page, name="stats"),
    path("stats/areas/", stats.stats_areas, name="stats_areas"),
    path("import/", imports.import_upload, name="import"),
    path("import/template/", imports.import_template, name="import_template"),
    path("import/<str:token>/", imports.import_preview, name="import_preview"),
    path("import/<str:token>/confirm/", imports.import_confirm, name="import_confirm"),
    path("import/<str:token>/cancel/", imports.import_cancel, name="import_cancel"),
    path("files/<int:pk>/", register.attachment_download, name="attachment"),
    path("<int:pk>/", register.initiative_detail, name="detail"),
    path("<int:pk>/edit/", register.initiative_edit, name="edit"),
    path("<int:pk>/submit/", register.initiative_submit, name="submit"),
    path("<int:pk>/status/", register.initiative_status, name="status"),
    path("<int:pk>/progress/", register.progress_add, name="progress"),
    path("<int:pk>/continue/", register.initiative_continue, name="continue"),
    path("<int:pk>/adopt/", register.initiative_adopt, name="adopt"),
    path("<int:pk>/accept/", judging.initiative_accept, name="accept"),
    path("<int:pk>/return/", judging.initiative_return, name="return"),
    path("<int:pk>/evaluate/", judging.initiative_evaluate, name="evaluate"),
    path("<int:pk>/commend/", judging.initiative_commend, name="commend"),
    path("<int:pk>/publish/", judging.initiative_publish, name="publish"),
]
