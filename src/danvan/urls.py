from django.contrib import admin
from django.urls import include, path

from danvan.units import views as unit_views

handler404 = "danvan.common.errors.not_found"

urlpatterns = [
    path("", unit_views.home, name="home"),
    path("accounts/", include("danvan.accounts.urls")),
    path("units/", include("danvan.units.urls")),
    path("sources/", include("danvan.ingestion.urls")),
    path("documents/", include("danvan.documents.urls")),
    path("meetings/", include("danvan.meetings.urls")),
    path("models/", include("danvan.initiatives.urls")),
    path("records/", include("danvan.records.urls")),
    path("plans/", include("danvan.plans.urls")),
    path("figures/", include("danvan.datasets.urls")),
    path("reports/", include("danvan.reports.urls")),
    path("dashboard/", include("danvan.dashboards.urls")),
    path("situation/", include("danvan.situation.urls")),
    path("hot-spots/", include("danvan.incidents.urls")),
    path("dialogues/", include("danvan.dialogues.urls")),
    path("petitions/", include("danvan.petitions.urls")),
    path("api/v1/", include("danvan.api")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# No /media/ route in any mode: stored files are served only by the views that
# check the user's scope (danvan.common.files.serve_file).
