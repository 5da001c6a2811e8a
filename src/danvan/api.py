"""The JSON API, version 1: one router, the OpenAPI description and its docs.

Each app registers its viewsets in its own ``api.py``; they are mounted here.
The description and the docs are for signed-in users only, like the API.
"""

from django.contrib.auth.decorators import login_required
from django.urls import include, path, re_path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from danvan.datasets.api.approval import CompletenessViewSet, SubmissionViewSet
from danvan.datasets.api.catalogue import IndicatorViewSet, ReportFormViewSet
from danvan.datasets.api.sums import SumsViewSet
from danvan.datasets.api.values import SubmissionValuesView
from danvan.dialogues import api as dialogues_api
from danvan.documents.api import DocumentViewSet
from danvan.incidents import api as incidents_api
from danvan.initiatives.api import InitiativeViewSet
from danvan.meetings.api import MeetingViewSet, TaskViewSet
from danvan.petitions import api as petitions_api
from danvan.plans.api import PlanViewSet
from danvan.reports.api import ReportViewSet
from danvan.reports.api_types import ReportTypeViewSet
from danvan.situation import api as situation_api
from danvan.units.api import AreaViewSet

router = DefaultRouter()
router.register("areas", AreaViewSet, basename="area")
router.register("documents", DocumentViewSet, basename="document")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("forms", ReportFormViewSet, basename="report-form")
router.register("submissions", SubmissionViewSet, basename="submission")
router.register("completeness", CompletenessViewSet, basename="completeness")
router.register("figures/sums", SumsViewSet, basename="figure-sums")
router.register("initiatives", InitiativeViewSet, basename="initiative")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("tasks", TaskViewSet, basename="task")
router.register("plans", PlanViewSet, basename="plan")
router.register("reports", ReportViewSet, basename="report")
router.register("report-types", ReportTypeViewSet, basename="report-type")
# The people's apps list their routes in their own ``api.py`` (``ROUTES``).
for app in (situation_api, incidents_api, dialogues_api, petitions_api):
    for prefix, viewset, basename in app.ROUTES:
        router.register(prefix, viewset, basename=basename)


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
def not_found(request: Request, rest: str = "") -> Response:
    """Any other address under the API: a JSON 404, like the API's own."""
    raise NotFound


urlpatterns = [
    path("", include(router.urls)),
    # A body's form for a period, read and written in bulk (not a collection).
    path("values/", SubmissionValuesView.as_view(), name="data-value"),
    path(
        "schema/",
        SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]),
        name="api-schema",
    ),
    # The split view serves Swagger UI's start-up script as a file of its own,
    # which the Content-Security-Policy allows; an inline one it would block.
    path(
        "docs/",
        login_required(
            SpectacularSwaggerSplitView.as_view(
                url_name="api-schema",
                template_name="api/swagger_ui.html",
                permission_classes=[IsAuthenticated],
            )
        ),
        name="api-docs",
    ),
    # Last: an id the router cannot match ("a/b") answers JSON, not the HTML page.
    re_path(r"^(?P<rest>.*)$", not_found, name="api-not-found"),
]
