"""The filters of the reports list: type, period, status and unit (with its
lineage), and the three tabs (the user's own, waiting for their approval,
sent by the units below)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import User
from danvan.common import tree
from danvan.common.filters import ListFilterSet
from danvan.datasets.completeness import parse_period, period_spec
from danvan.datasets.models import Period
from danvan.reports import rules
from danvan.reports.models import Report, ReportType
from danvan.units.lineage import lineage_paths
from danvan.units.models import Area
from danvan.units.widgets import AreaPicker

Status = Report.Status

# The tabs of the list, in the order shown.
MINE, APPROVE, BELOW = "mine", "approve", "below"
TABS = (MINE, APPROVE, BELOW)


def tab_rows(user: User | AnonymousUser, tab: str) -> QuerySet[Report]:
    """The reports of a tab.

    - ``mine``: the reports of the user's units (those they write), less
      those they judge as the level above;
    - ``approve``: submitted, waiting for the user's approval;
    - ``below``: sent to the user's level by the units below.
    """
    visible = Report.objects.visible_to(user)
    judged = rules.judging_q(user)
    if tab == APPROVE:
        return visible.filter(Q(status=Status.SUBMITTED) & rules.approving_q(user))
    if tab == BELOW:
        return visible.filter(Q(status=Status.SENT) & judged)
    return Report.objects.editable_by(user).exclude(judged)


class ReportFilterSet(ListFilterSet):
    """Report type, period (``quarter:2026:1``), status and unit."""

    class Meta(ListFilterSet.Meta):
        model = Report

    SORTS = {
        "period": ("-span_end", "area_path", "pk"),
        "due": ("due_on", "area_path", "pk"),
        "unit": ("area_path", "body_path", "pk"),
    }
    DEFAULT_SORT = "period"

    report_type = django_filters.ChoiceFilter(
        label=_("Report type"), empty_label=_("All report types")
    )
    period = django_filters.ChoiceFilter(
        label=_("Period"), method="filter_period", empty_label=_("All periods")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("All")
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Area"),
        method="filter_area",
        empty_label=_("All areas"),
        queryset=Area.objects.none(),
        widget=AreaPicker,
    )

    def __init__(
        self,
        data: Any = None,
        queryset: QuerySet[Report] | None = None,
        *,
        user: User,
    ) -> None:
        super().__init__(data, queryset)
        fields = self.form.fields
        # The catalogue of types, read by every officer and small.
        fields["report_type"].choices = list(
            ReportType.objects.order_by("name", "pk").values_list("pk", "name")
        )
        fields["period"].choices = _period_choices(data)
        fields["area"].queryset = Area.objects.visible_to(user)

    def filter_search(
        self, queryset: QuerySet[Report], name: str, value: str
    ) -> QuerySet[Report]:
        from danvan.common.text import fold

        key = fold(value)
        if not key:
            return queryset
        return queryset.filter(
            Q(body__search_name__contains=key) | Q(title__icontains=value.strip())
        )

    def filter_period(
        self, queryset: QuerySet[Report], name: str, value: str
    ) -> QuerySet[Report]:
        named = parse_period(value)
        if named is None:
            return queryset
        period_type, year, number = named
        return queryset.filter(
            period__type=period_type, period__year=year, period__number=number
        )

    def filter_area(
        self, queryset: QuerySet[Report], name: str, value: Area
    ) -> QuerySet[Report]:
        # ``value`` is one of the areas the user sees (the field's queryset).
        return queryset.filter(
            tree.subtree_q(lineage_paths([value.path]), field="area_path")
        )


def _period_choices(data: Any) -> list[tuple[str, str]]:
    """The periods reports were written for (a row per period: small), and
    the one asked if it is none of them."""
    choices = [
        (period_spec(p), str(p))
        for p in Period.objects.filter(reports__isnull=False)
        .exclude(type="custom")
        .distinct()
        .order_by("-end", "start")
    ]
    asked = (data or {}).get("period", "") if data is not None else ""
    if asked and asked not in {value for value, _label in choices}:
        named = parse_period(asked)
        if named is not None:
            from danvan.meetings import periods

            choices.append((asked, periods.period_label(*named)))
    return choices
