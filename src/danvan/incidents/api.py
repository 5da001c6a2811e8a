"""The hot spots API (``/api/v1/incidents/``): the hot spots the user sees,
each with its follow-ups nested and the keys of the petitions, dialogues and
meetings linked to it that the user reads.

The list takes the filters of the page (``?q=`` accent-free, ``area``,
``status``, ``severity``, ``topic``, ``overdue=1``, ``escalating=1``,
``sort``). Writes go through the services: ``POST`` opens a hot spot,
``PATCH`` changes its own fields, ``POST …/follow-ups/`` adds a follow-up
(its changes applied), ``POST …/link/`` and ``…/unlink/`` take lists of keys.
"""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from danvan.accounts.models import User
from danvan.common.api import (
    ListedModelSerializer,
    PrefetchedListSerializer,
    ScopedRelatedField,
    filtered,
    prefetch_list,
    validation_error,
)
from danvan.common.kept import list_params
from danvan.common.paging import Paginator, PartsPagination, area_parts
from danvan.dialogues.models import Session
from danvan.incidents import services
from danvan.incidents.filters import IncidentFilterSet
from danvan.incidents.kept import FIGURES
from danvan.incidents.models import FollowUp, Incident, Severity, Status
from danvan.meetings.models import Meeting
from danvan.petitions.models import Petition
from danvan.situation.models import Topic
from danvan.units.models import Area, Body


class IncidentFollowUpSerializer(ListedModelSerializer[FollowUp]):
    class Meta:
        list_serializer_class = PrefetchedListSerializer
        model = FollowUp
        fields = [
            "id",
            "on",
            "text",
            "status",
            "severity",
            "people",
            "escalating",
            "next_review_on",
        ]
        read_only_fields = fields


class IncidentSerializer(ListedModelSerializer[Incident]):
    area = ScopedRelatedField(Area)
    owner_body = ScopedRelatedField(Body)
    topic = serializers.PrimaryKeyRelatedField(queryset=Topic.objects.all())
    severity = serializers.ChoiceField(choices=Severity.choices)
    follow_ups = IncidentFollowUpSerializer(many=True, read_only=True)
    petitions = ScopedRelatedField(Petition, many=True, read_only=True)
    dialogues = ScopedRelatedField(Session, many=True, read_only=True)
    meetings = ScopedRelatedField(Meeting, many=True, read_only=True)

    class Meta:
        model = Incident
        fields = [
            "id",
            "title",
            "area",
            "place",
            "topic",
            "owner_body",
            "arose_on",
            "severity",
            "people",
            "status",
            "escalating",
            "cause",
            "parties",
            "due_on",
            "next_review_on",
            "closed_on",
            "summary",
            "follow_ups",
            "petitions",
            "dialogues",
            "meetings",
        ]
        read_only_fields = ["status", "escalating", "closed_on"]

    def create(self, validated_data: dict[str, Any]) -> Incident:
        try:
            return services.open_incident(
                actor=self.context["request"].user, **validated_data
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc

    def update(self, instance: Incident, validated_data: dict[str, Any]) -> Incident:
        try:
            return services.update_incident(
                actor=self.context["request"].user,
                incident=instance,
                **validated_data,
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc


class FollowUpInput(serializers.Serializer[dict[str, Any]]):
    on = serializers.DateField()
    text = serializers.CharField()
    status = serializers.ChoiceField(
        choices=Status.choices, required=False, allow_blank=True
    )
    severity = serializers.ChoiceField(
        choices=Severity.choices, required=False, allow_null=True
    )
    people = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    escalating = serializers.BooleanField(required=False, allow_null=True, default=None)
    next_review_on = serializers.DateField(required=False, allow_null=True)


class LinkInput(serializers.Serializer[dict[str, Any]]):
    petitions = serializers.ListField(child=serializers.IntegerField(), required=False)
    dialogues = serializers.ListField(child=serializers.IntegerField(), required=False)
    meetings = serializers.ListField(child=serializers.IntegerField(), required=False)


class IncidentViewSet(viewsets.ModelViewSet[Incident]):
    """Hot spots of the user's units and of the units below, with their
    follow-ups and links."""

    serializer_class = IncidentSerializer
    pagination_class = PartsPagination
    paginator: PartsPagination
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Incident]:
        user = self.request.user
        rows: QuerySet[Incident] = Incident.objects.visible_to(user)
        if self.action == "list":
            params = self.request.query_params
            rows, filters = filtered(IncidentFilterSet, params, rows, user=user)
            counted = rows

            def count() -> int:
                # Each range of the scope on its own, as the list page counts
                # (the same kept figure: the page's count serves the API's).
                return Paginator(counted, 1, parts=area_parts(filters(), user)).count

            self.paginator.count = lambda: FIGURES.kept(
                "list-count", user, list_params(params), count
            )
        return rows.prefetch_related(
            prefetch_list(
                "follow_ups", FollowUp.objects.order_by("incident_id", "on", "pk")
            ),
            prefetch_list("petitions", Petition.objects.visible_to(user).only("pk")),
            prefetch_list("dialogues", Session.objects.visible_to(user).only("pk")),
            prefetch_list("meetings", Meeting.objects.visible_to(user).only("pk")),
        )

    def _reread(self, incident: Incident) -> Response:
        fresh = self.get_queryset().get(pk=incident.pk)
        return Response(self.get_serializer(fresh).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=FollowUpInput, responses=IncidentSerializer)
    @action(detail=True, methods=["post"], url_path="follow-ups")
    def follow_ups(self, request: Request, pk: str) -> Response:
        """Add a follow-up; answers the hot spot as it is after it."""
        data = FollowUpInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["status"] = values.get("status") or ""
        incident = self.get_object()
        try:
            services.add_follow_up(
                actor=cast("User", request.user), incident=incident, **values
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc
        return self._reread(incident)

    @extend_schema(request=LinkInput, responses=IncidentSerializer)
    @action(detail=True, methods=["post"])
    def link(self, request: Request, pk: str) -> Response:
        """Link petitions, dialogues and meetings (keys) the user reads."""
        data = LinkInput(data=request.data)
        data.is_valid(raise_exception=True)
        incident = self.get_object()
        services.link(
            actor=cast("User", request.user), incident=incident, **data.validated_data
        )
        return self._reread(incident)

    @extend_schema(request=LinkInput, responses=IncidentSerializer)
    @action(detail=True, methods=["post"])
    def unlink(self, request: Request, pk: str) -> Response:
        """Remove links to petitions, dialogues and meetings (keys)."""
        data = LinkInput(data=request.data)
        data.is_valid(raise_exception=True)
        incident = self.get_object()
        services.unlink(
            actor=cast("User", request.user), incident=incident, **data.validated_data
        )
        return self._reread(incident)


# (prefix, viewset, basename) for ``danvan.api``'s router.
ROUTES: list[tuple[str, Any, str]] = [("incidents", IncidentViewSet, "incident")]
