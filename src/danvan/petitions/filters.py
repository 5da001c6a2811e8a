"""The filters of the petitions list (and of the API's list)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.common import tree
from danvan.common.clock import today
from danvan.common.filters import ListFilterSet
from danvan.common.text import fold
from danvan.petitions.models import OPEN, Channel, Kind, Petition, Status
from danvan.units.models import Area, Body
from danvan.units.widgets import AreaPicker, BodyPicker


def week_end(on: dt.date) -> dt.date:
    """The Sunday of ``on``'s week (the end of "due this week")."""
    return on + dt.timedelta(days=6 - on.weekday())


def overdue_q(on: dt.date) -> Q:
    """Open petitions whose next deadline has passed."""
    return Q(status__in=OPEN, next_due_on__lt=on)


def due_week_q(on: dt.date) -> Q:
    """Open petitions whose next deadline falls from ``on`` to Sunday."""
    return Q(status__in=OPEN, next_due_on__gte=on, next_due_on__lte=week_end(on))


def waiting_q(on: dt.date) -> Q:
    """Overdue or due this week: open petitions whose next deadline is at
    most Sunday (one range, read from ``petition_open_due``)."""
    return Q(status__in=OPEN, next_due_on__lte=week_end(on))


class PetitionFilterSet(ListFilterSet):
    """Status, kind, channel, place, handling body, due, repeat; newest first."""

    class Meta(ListFilterSet.Meta):
        model = Petition

    SORTS = {
        "received": ("received_on", "pk"),
        "due": ("next_due_on", "pk"),
        "subject": ("subject", "pk"),
        "kind": ("kind", "received_on", "pk"),
        "status": ("status", "received_on", "pk"),
    }
    DEFAULT_SORT = "-received"

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("All statuses")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Kind.choices, empty_label=_("All kinds")
    )
    channel = django_filters.ChoiceFilter(
        label=_("Channel"), choices=Channel.choices, empty_label=_("All channels")
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Place"),
        empty_label=_("All places"),
        queryset=Area.objects.none(),
        widget=AreaPicker,
        method="filter_area",
    )
    body = django_filters.ModelChoiceFilter(
        label=_("Handling body"),
        field_name="handling_body",
        empty_label=_("All bodies"),
        queryset=Body.objects.none(),
        widget=BodyPicker,
    )
    due = django_filters.ChoiceFilter(
        label=_("Deadline"),
        method="filter_due",
        empty_label=_("All"),
        choices=[
            ("week", _("Due this week")),
            ("overdue", _("Overdue")),
            ("open", _("Still open")),
        ],
    )
    repeat = django_filters.ChoiceFilter(
        label=_("Repeat or past level"),
        method="filter_repeat",
        empty_label=_("All"),
        choices=[
            ("repeat", _("Repeats an earlier petition")),
            ("past_level", _("Sent past the responsible level")),
        ],
    )

    def __init__(
        self,
        data: Any = None,
        queryset: QuerySet[Petition] | None = None,
        *,
        user: Any = None,
    ) -> None:
        super().__init__(data, queryset)
        petitions = self.queryset
        fields = self.form.fields
        # Only the places and bodies of petitions the user sees are offered.
        fields["area"].queryset = Area.objects.used_by(petitions, "area")
        fields["body"].queryset = Body.objects.used_by(petitions, "handling_body")

    def filter_search(
        self, queryset: QuerySet[Petition], name: str, value: str
    ) -> QuerySet[Petition]:
        key = fold(value)
        return queryset.filter(search_text__contains=key) if key else queryset

    def filter_area(
        self, queryset: QuerySet[Petition], name: str, value: Area
    ) -> QuerySet[Petition]:
        # The place and every place under it.
        return queryset.filter(tree.subtree_q([value.path], field="area_path"))

    def filter_due(
        self, queryset: QuerySet[Petition], name: str, value: str
    ) -> QuerySet[Petition]:
        on = today()
        if value == "week":
            return queryset.filter(due_week_q(on))
        if value == "overdue":
            return queryset.filter(overdue_q(on))
        return queryset.filter(status__in=OPEN)

    def filter_repeat(
        self, queryset: QuerySet[Petition], name: str, value: str
    ) -> QuerySet[Petition]:
        if value == "repeat":
            return queryset.filter(repeat_of__isnull=False)
        return queryset.filter(past_level=True)
