"""The situation API (``/api/v1/situation/``, ``/api/v1/situation-topics/``),
mounted by ``danvan.api`` from ``ROUTES``.

Entries are read from ``visible_to`` and written through the services (an
editor of the reporting body); the list takes the page's filters (``q``
accent-free, ``area``, ``period`` as ``quarter:2026:3``, ``topic``,
``assessment``, ``sort``). Topics are a read-only catalogue.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from danvan.common.api import ScopedRelatedField, filtered, validation_error
from danvan.common.filters import sort_choices
from danvan.common.paging import PartsPagination
from danvan.situation import periods, services
from danvan.situation.filters import EntryFilterSet
from danvan.situation.kept import list_count
from danvan.situation.models import Assessment, Entry, Topic
from danvan.units.models import Area, Body


class TopicSerializer(serializers.ModelSerializer[Topic]):
    class Meta:
        model = Topic
        fields = ["id", "code", "name", "description", "order", "active"]
        read_only_fields = fields


def _bodies(user: Any) -> QuerySet[Body]:
    if user is None:
        return Body.objects.none()
    return Body.objects.editable_by(user)


class EntrySerializer(serializers.ModelSerializer[Entry]):
    body = ScopedRelatedField(Body, _bodies)
    area = ScopedRelatedField(Area)
    topic = serializers.SlugRelatedField(
        slug_field="code", queryset=Topic.objects.filter(active=True)
    )
    period = serializers.CharField(
        source="period_spec",
        help_text="The period as type:year[:number], e.g. quarter:2026:3.",
    )
    period_label = serializers.CharField(source="period", read_only=True)
    assessment = serializers.ChoiceField(choices=Assessment.choices)

    class Meta:
        model = Entry
        fields = [
            "id",
            "body",
            "area",
            "period",
            "period_label",
            "topic",
            "assessment",
            "observed_on",
            "summary",
            "sources",
            "follow_up",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def to_representation(self, instance: Entry) -> dict[str, Any]:
        instance.period_spec = periods.period_spec(instance.period)  # type: ignore[attr-defined]
        return super().to_representation(instance)

    def validate_period(self, value: str) -> Any:
        if not periods.valid(value):
            raise serializers.ValidationError(
                _("Give the period as type:year[:number], e.g. quarter:2026:3.")
            )
        return value

    def _arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        arguments = dict(data)
        spec = arguments.pop("period_spec", None)
        if spec is not None:
            arguments["period"] = periods.resolve(spec)
        return arguments

    def create(self, validated_data: dict[str, Any]) -> Entry:
        try:
            return services.record_entry(
                actor=self.context["request"].user, **self._arguments(validated_data)
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc

    def update(self, instance: Entry, validated_data: dict[str, Any]) -> Entry:
        try:
            return services.update_entry(
                actor=self.context["request"].user,
                entry=instance,
                **self._arguments(validated_data),
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc


_FILTERS = [
    OpenApiParameter("q", str, description="Search, accents optional."),
    OpenApiParameter("area", int, description="Area id (with its lineage)."),
    OpenApiParameter("period", str, description="type:year[:number]."),
    OpenApiParameter("topic", int),
    OpenApiParameter("assessment", str, enum=Assessment.values),
    OpenApiParameter(
        "sort", str, enum=[k for k, _ in sort_choices(EntryFilterSet.SORTS)]
    ),
]


@extend_schema_view(list=extend_schema(parameters=_FILTERS))
class EntryViewSet(viewsets.ModelViewSet[Entry]):
    """Situation entries of the user's units; writes need the editor role over
    the reporting body."""

    serializer_class = EntrySerializer
    pagination_class = PartsPagination
    paginator: PartsPagination

    def get_queryset(self) -> QuerySet[Entry]:
        user = self.request.user
        entries: QuerySet[Entry] = Entry.objects.visible_to(user)
        if self.action == "list":
            params = self.request.query_params
            entries, filters = filtered(EntryFilterSet, params, entries, user=user)
            # The list page's kept count serves the API's too.
            self.paginator.count = list_count(user, params, entries, filters)
        return entries.select_related("period", "topic")

    def perform_destroy(self, instance: Entry) -> None:
        services.delete_entry(actor=self.request.user, entry=instance)  # type: ignore[arg-type]


class TopicViewSet(viewsets.ReadOnlyModelViewSet[Topic]):
    """The catalogue of topics (read by every signed-in user)."""

    serializer_class = TopicSerializer
    queryset = Topic.objects.all()
    pagination_class = None


# (prefix, viewset, basename) for ``danvan.api``'s router.
ROUTES: list[tuple[str, Any, str]] = [
    ("situation", EntryViewSet, "situation-entry"),
    ("situation-topics", TopicViewSet, "situation-topic"),
]
