"""The filters of the hot spots list (and its XLSX and the API)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.common import clock
from danvan.common.filters import ListFilterSet
from danvan.incidents.models import Incident, Severity, Status
from danvan.incidents.queries import escalating_q, open_q, overdue_q
from danvan.units.models import Area
from danvan.units.widgets import AreaPicker


def topic_choices() -> Callable[[], list[tuple[int, str]]]:
    """The topics as choices, read once when first asked for."""
    read: list[tuple[int, str]] = []

    def choices() -> list[tuple[int, str]]:
        from danvan.situation.models import Topic

        if not read:
            read.extend(
                Topic.objects.order_by("order", "code").values_list("pk", "name")
            )
        return read

    return choices


YES = [("1", _("Yes"))]


class IncidentFilterSet(ListFilterSet):
    """Area (and its lineage), status, severity, topic, overdue, escalating."""

    class Meta(ListFilterSet.Meta):
        model = Incident

    SORTS = {
        "arose": ("arose_on", "id"),
        "title": ("search_text", "id"),
        "area": ("area_path", "id"),
        "severity": ("severity", "arose_on", "id"),
        "status": ("status", "arose_on", "id"),
        "people": ("people", "arose_on", "id"),
        "due": ("due_on", "id"),
        "review": ("next_review_on", "id"),
    }
    DEFAULT_SORT = "-arose"

    area = django_filters.ModelChoiceFilter(
        label=_("Area"),
        method="filter_area",
        empty_label=_("All areas"),
        queryset=Area.objects.none(),
        widget=AreaPicker,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        method="filter_status",
        empty_label=_("All"),
        choices=[("open", _("Open (not closed)")), *Status.choices],
    )
    severity = django_filters.ChoiceFilter(
        label=_("Severity"),
        method="filter_severity",
        empty_label=_("All"),
        choices=Severity.choices,
    )
    topic = django_filters.ChoiceFilter(
        label=_("Topic"), field_name="topic_id", empty_label=_("All topics")
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Overdue"), method="filter_overdue", empty_label=_("All"), choices=YES
    )
    escalating = django_filters.ChoiceFilter(
        label=_("Escalating"),
        method="filter_escalating",
        empty_label=_("All"),
        choices=YES,
    )

    def __init__(
        self,
        data: Any = None,
        queryset: QuerySet[Incident] | None = None,
        *,
        user: Any,
    ) -> None:
        super().__init__(data, queryset)
        self.user = user
        fields = self.form.fields
        fields["topic"].choices = topic_choices()
        fields["area"].queryset = Area.objects.visible_to(user)

    def filter_area(
        self, queryset: QuerySet[Incident], name: str, value: Area
    ) -> QuerySet[Incident]:
        # ``value`` is one of the areas the user sees (the field's queryset).
        return queryset.in_lineage_of(value.path)  # type: ignore[attr-defined,no-any-return]

    def filter_status(
        self, queryset: QuerySet[Incident], name: str, value: str
    ) -> QuerySet[Incident]:
        if value == "open":
            return queryset.filter(open_q())
        return queryset.filter(status=value)

    def filter_severity(
        self, queryset: QuerySet[Incident], name: str, value: str
    ) -> QuerySet[Incident]:
        return queryset.filter(severity=int(value))

    def filter_overdue(
        self, queryset: QuerySet[Incident], name: str, value: str
    ) -> QuerySet[Incident]:
        return queryset.filter(overdue_q(clock.today()))

    def filter_escalating(
        self, queryset: QuerySet[Incident], name: str, value: str
    ) -> QuerySet[Incident]:
        return queryset.filter(escalating_q())
