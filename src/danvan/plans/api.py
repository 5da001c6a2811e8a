"""API of plans, read only: the plans a user reads, each with its document,
groups, targets (with their latest progress and verdict) and tasks.

The list takes the filters of the page (``?q=`` accent-free, ``year``,
``area``, ``body``, ``level``, ``sort``). Writes go through the pages and the
``danvan plan_targets_import`` command.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers, viewsets

from danvan.common.api import (
    KeyedValues,
    ListedModelSerializer,
    PrefetchedListSerializer,
    Row,
    attach_keyed,
    filtered,
    prefetch_list,
    prefetched_attr,
)
from danvan.common.kept import list_params
from danvan.common.paging import PartsPagination
from danvan.meetings import periods
from danvan.plans import services
from danvan.plans.filters import PlanFilterSet
from danvan.plans.kept import FIGURES
from danvan.plans.models import Plan, PlanGroup, PlanTask, Progress, Target


class ProgressSerializer(ListedModelSerializer[Progress]):
    period_label = serializers.CharField(read_only=True)

    class Meta:
        model = Progress
        fields = [
            "period_type",
            "period_year",
            "period_number",
            "period_end",
            "period_label",
            "achieved",
            "verdict",
            "verdict_text",
            "note",
        ]
        read_only_fields = fields


class TargetSerializer(ListedModelSerializer[Target]):
    code = serializers.CharField(read_only=True)
    latest_progress = serializers.SerializerMethodField()

    class Meta:
        list_serializer_class = PrefetchedListSerializer
        model = Target
        fields = [
            "id",
            "code",
            "order",
            "name",
            "unit",
            "baseline",
            "target_value",
            "direction",
            "due_year",
            "responsible_body",
            "serves",
            "indicator",
            "latest_progress",
        ]
        read_only_fields = fields

    def get_latest_progress(self, target: Target) -> dict[str, Any] | None:
        progress = getattr(target, "latest", None)
        if progress is None:
            return None
        # One serializer for every target's progress: it chooses how each
        # field is read once (common.api.ListedModelSerializer), not per row.
        reader = self.__dict__.get("_progress")
        if reader is None:
            reader = self.__dict__["_progress"] = ProgressSerializer()
        data: dict[str, Any] = reader.to_representation(progress)
        return data


class PlanTaskSerializer(ListedModelSerializer[PlanTask]):
    class Meta:
        list_serializer_class = PrefetchedListSerializer
        model = PlanTask
        fields = [
            "id",
            "order",
            "title",
            "owner_body",
            "due_on",
            "status",
            "done_on",
            "notes",
        ]
        read_only_fields = fields


class GroupSerializer(ListedModelSerializer[PlanGroup]):
    targets = TargetSerializer(many=True, read_only=True)
    tasks = PlanTaskSerializer(many=True, read_only=True)

    class Meta:
        list_serializer_class = PrefetchedListSerializer
        model = PlanGroup
        fields = ["id", "order", "name", "targets", "tasks"]
        read_only_fields = fields


class PlanSerializer(ListedModelSerializer[Plan]):
    reference = serializers.CharField(source="document.reference", read_only=True)
    title = serializers.CharField(source="document.title", read_only=True)
    kind = serializers.CharField(source="document.kind", read_only=True)
    issued_on = serializers.DateField(source="document.issued_on", read_only=True)
    summary = serializers.SerializerMethodField()
    groups = GroupSerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id",
            "document",
            "reference",
            "title",
            "kind",
            "issued_on",
            "area",
            "body",
            "parent",
            "starts_year",
            "ends_year",
            "mostly_from",
            "summary",
            "groups",
        ]
        read_only_fields = fields

    def get_summary(self, plan: Plan) -> str:
        """ "hoàn thành 10/11 chỉ tiêu (90,9%), vượt 3", by the latest progress."""
        return str(getattr(plan, "summary", ""))


def _attach_latest(plans: list[Plan]) -> None:
    """Each target's latest progress and each plan's summary, in one query."""
    groups = {plan.pk: list(getattr(plan, prefetched_attr("groups"))) for plan in plans}
    targets = [
        t
        for plan in plans
        for group in groups[plan.pk]
        for t in getattr(group, prefetched_attr("targets"))
    ]
    latest = services.latest_progress(targets)
    for target in targets:
        target.latest = latest.get(target.pk)
    for plan in plans:
        plan.summary = services.summarize(  # type: ignore[attr-defined]
            t.latest.verdict if t.latest else ""
            for group in groups[plan.pk]
            for t in getattr(group, prefetched_attr("targets"))
        ).text()


def _attach_rows(plans: list[Plan]) -> None:
    """The list's nested rows as values (``common.api.attach_keyed``): the
    groups, their targets and tasks, one query each (compiled once) in the
    detail's prefetches' orders, and the targets' latest progress in one more;
    no model instance nor Django's prefetch machinery. Each target's ``code``
    and each progress's ``period_label`` are set as the models' properties say."""
    groups = attach_keyed(plans, "groups", _GROUPS)
    targets = attach_keyed(groups, "targets", _TARGETS)
    attach_keyed(groups, "tasks", _TASKS)
    latest: dict[int, Row] = {}
    for values in _PROGRESS([t.pk for t in targets]):
        latest[values[0]] = _PROGRESS.row(values)
    for row in latest.values():
        row.period_label = periods.period_label(
            row.period_type, row.period_year, row.period_number
        )
    stored_targets = prefetched_attr("targets")
    for plan in plans:
        verdicts = []
        for group in getattr(plan, prefetched_attr("groups")):
            for target in getattr(group, stored_targets):
                target.code = f"{group.order}.{target.order}"
                target.latest = found = latest.get(target.pk)
                verdicts.append(found.verdict if found is not None else "")
        plan.summary = services.summarize(verdicts).text()  # type: ignore[attr-defined]


_GROUPS = KeyedValues(
    lambda: PlanGroup.objects.order_by("plan_id", "order", "pk"),
    "plan_id",
    "id",
    "order",
    "name",
)
_TARGETS = KeyedValues(
    lambda: Target.objects.order_by("group_id", "order", "pk"),
    "group_id",
    "id",
    "order",
    "name",
    "unit",
    "baseline",
    "target_value",
    "direction",
    "due_year",
    "responsible_body_id",
    "serves_id",
    "indicator_id",
)
_TASKS = KeyedValues(
    lambda: PlanTask.objects.order_by("group_id", "order", "pk"),
    "group_id",
    "id",
    "order",
    "title",
    "owner_body_id",
    "due_on",
    "status",
    "done_on",
    "notes",
)
# The progress of targets, each target's latest last.
_PROGRESS = KeyedValues(
    lambda: Progress.objects.order_by("target_id", "period_end", "pk"),
    "target_id",
    "period_type",
    "period_year",
    "period_number",
    "period_end",
    "achieved",
    "verdict",
    "verdict_text",
    "note",
)


class PlanViewSet(viewsets.ReadOnlyModelViewSet[Plan]):
    """Plans of the user's units and those their plans implement (read up the
    tree), with groups, targets (latest progress) and tasks."""

    serializer_class = PlanSerializer
    pagination_class = PartsPagination
    paginator: PartsPagination

    def get_queryset(self) -> QuerySet[Plan]:
        plans: QuerySet[Plan] = Plan.objects.visible_to(self.request.user)
        if self.action == "list":
            # No FilterSet is built for no filter (common.api.filtered).
            params = self.request.query_params
            plans, _filters = filtered(PlanFilterSet, params, plans, user=None)
            counted = plans
            self.paginator.count = lambda: FIGURES.kept(
                "api-plan-count",
                self.request.user,
                list_params(params),
                counted.count,
            )
            # Its nested lists are read as values by paginate_queryset.
            return plans.select_related("document")
        groups = PlanGroup.objects.order_by("plan_id", "order", "pk").prefetch_related(
            prefetch_list(
                "targets", Target.objects.order_by("group_id", "order", "pk")
            ),
            prefetch_list(
                "tasks", PlanTask.objects.order_by("group_id", "order", "pk")
            ),
        )
        return plans.select_related("document").prefetch_related(
            prefetch_list("groups", groups)
        )

    def paginate_queryset(self, queryset: Any) -> list[Any] | None:
        page = super().paginate_queryset(queryset)
        if page is not None:
            _attach_rows(page)
        return page

    def get_object(self) -> Plan:
        plan = super().get_object()
        _attach_latest([plan])
        return plan
