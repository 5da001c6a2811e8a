"""The filters of the plans list."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.common.filters import ListFilterSet
from danvan.plans.kept import FIGURES
from danvan.plans.models import Plan
from danvan.units.models import Area, Body
from danvan.units.widgets import AreaPicker, BodyPicker


def _year_choices(plans: QuerySet[Plan]) -> list[tuple[int, str]]:
    """Every year from the newest plan's first year to the oldest's: two
    queries that stop at the first row (``common.filters.year_choices``'
    way, on an integer column)."""
    years = plans.values_list("starts_year", flat=True)
    first = list(years.order_by("starts_year")[:1])
    if not first:
        return []
    last = list(years.order_by("-starts_year")[:1])
    return [(y, str(y)) for y in range(last[0], first[0] - 1, -1)]


class PlanFilterSet(ListFilterSet):
    """Year, area, issuing body, implemented or not; newest first."""

    class Meta(ListFilterSet.Meta):
        model = Plan

    SORTS = {
        "year": ("starts_year", "pk"),
        "title": ("document__title", "pk"),
        "body": ("body__name", "pk"),
    }
    DEFAULT_SORT = "-year"

    year = django_filters.ChoiceFilter(
        label=_("Year"), method="filter_year", empty_label=_("All years")
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Area"),
        empty_label=_("All areas"),
        queryset=Area.objects.none(),
        widget=AreaPicker,
    )
    body = django_filters.ModelChoiceFilter(
        label=_("Issued by"),
        empty_label=_("All bodies"),
        queryset=Body.objects.none(),
        widget=BodyPicker,
    )
    level = django_filters.ChoiceFilter(
        label=_("Cascade"),
        method="filter_level",
        empty_label=_("All"),
        choices=[
            ("top", _("Implements no plan")),
            ("below", _("Implements a plan")),
        ],
    )

    def __init__(
        self, data: Any = None, queryset: QuerySet[Plan] | None = None, *, user: Any
    ) -> None:
        super().__init__(data, queryset)
        plans = self.queryset
        fields = self.form.fields
        fields["area"].queryset = Area.objects.used_by(plans, "area")
        fields["body"].queryset = Body.objects.used_by(plans, "body")
        # Read when the form is drawn or a year is asked for, not on build.
        if user is None:
            fields["year"].choices = lambda: _year_choices(plans)
        else:
            fields["year"].choices = lambda: FIGURES.kept(
                "plan-years", user, (), lambda: _year_choices(plans)
            )

    def filter_year(
        self, queryset: QuerySet[Plan], name: str, value: str
    ) -> QuerySet[Plan]:
        year = int(value)
        return queryset.filter(starts_year__lte=year, ends_year__gte=year)

    def filter_level(
        self, queryset: QuerySet[Plan], name: str, value: str
    ) -> QuerySet[Plan]:
        return queryset.filter(parent__isnull=value == "top")
