"""The JSON API, version 1: one router, the OpenAPI description and its docs.

Each app registers its viewsets in its own ``api.py``; they are mounted here.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from danvan.documents.api import DocumentViewSet
from danvan.initiatives.api import InitiativeViewSet
from danvan.meetings.api import MeetingViewSet, TaskViewSet
from danvan.units.api import AreaViewSet

router = DefaultRouter()
router.register("areas", AreaViewSet, basename="area")
router.register("documents", DocumentViewSet, basename="document")
router.register("initiatives", InitiativeViewSet, basename="initiative")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("tasks", TaskViewSet, basename="task")

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"
    ),
]
