"""The filters of the situation entries list."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.common import tree
from danvan.common.filters import ListFilterSet
from danvan.datasets.completeness import parse_period
from danvan.meetings.periods import resolve_period
from danvan.situation import periods
from danvan.situation.models import Assessment, Entry, Topic
from danvan.units.lineage import lineage_paths
from danvan.units.models import Area
from danvan.units.widgets import AreaPicker


class EntryFilterSet(ListFilterSet):
    """Area (with its lineage), period, topic, assessment; newest first."""

    class Meta(ListFilterSet.Meta):
        model = Entry

    SORTS = {
        "date": ("observed_on", "pk"),
        "topic": ("topic__order", "topic__code", "observed_on"),
        # "complex" < "signs" < "stable": ascending is the worst first.
        "assessment": ("assessment", "observed_on"),
        "area": ("area__name", "observed_on"),
    }
    DEFAULT_SORT = "-date"

    area = django_filters.ModelChoiceFilter(
        label=_("Area"),
        empty_label=_("All areas"),
        queryset=Area.objects.none(),
        widget=AreaPicker,
        method="filter_area",
    )
    period = django_filters.ChoiceFilter(
        label=_("Period"),
        empty_label=_("All periods"),
        method="filter_period",
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), empty_label=_("All topics"), queryset=Topic.objects.all()
    )
    assessment = django_filters.ChoiceFilter(
        label=_("Assessment"),
        choices=Assessment.choices,
        empty_label=_("All assessments"),
    )

    def __init__(
        self,
        data: Any = None,
        queryset: QuerySet[Entry] | None = None,
        *,
        user: Any = None,
    ) -> None:
        super().__init__(data, queryset)
        fields = self.form.fields
        # Any area the reader sees (a province, a commune, a village).
        areas = Area.objects.visible_to(user) if user is not None else Area.objects
        fields["area"].queryset = areas.all()
        fields["period"].choices = [("", _("All periods")), *periods.choices()]
        fields["period"].valid_value = lambda value: (
            not value or periods.valid(str(value))
        )

    def filter_area(
        self, queryset: QuerySet[Entry], name: str, value: Area | None
    ) -> QuerySet[Entry]:
        if value is None:
            return queryset
        return queryset.filter(
            tree.subtree_q(lineage_paths([value.path]), field="area_path")
        )

    def filter_period(
        self, queryset: QuerySet[Entry], name: str, value: str
    ) -> QuerySet[Entry]:
        parsed = parse_period(value)
        if parsed is None:
            return queryset
        start, end = resolve_period(*parsed)
        return queryset.filter(
            period__type=parsed[0], period__start=start, period__end=end
        )
