"""The filters of the dialogues, opinions and reception days lists."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.common import clock, tree
from danvan.common.filters import ListFilterSet, year_choices
from danvan.dialogues.models import Issue, Reception, Session
from danvan.situation.models import Topic
from danvan.units.lineage import lineage_paths
from danvan.units.models import Area, Body
from danvan.units.widgets import AreaPicker, BodyPicker


def _area_picker(label: Any = None) -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label=label or _("Area"),
        empty_label=_("All areas"),
        queryset=Area.objects.none(),
        widget=AreaPicker,
        method="filter_area",
    )


class _AreaFilterMixin:
    # The column holding the row's place's path.
    area_field = "area_path"

    def filter_area(self, queryset: QuerySet[Any], name: str, value: Area) -> Any:
        """Rows held in the area or below, its past communes included."""
        paths = lineage_paths([value.path])
        return queryset.filter(tree.subtree_q(paths, field=self.area_field))


class SessionFilterSet(_AreaFilterMixin, ListFilterSet):
    """Year, area, holding body, kind, audience; newest first."""

    class Meta(ListFilterSet.Meta):
        model = Session

    SORTS = {
        "date": ("held_on", "pk"),
        "body": ("body__name", "held_on", "pk"),
        "audience": ("audience", "held_on", "pk"),
    }
    DEFAULT_SORT = "-date"

    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="held_on__year", empty_label=_("All years")
    )
    area = _area_picker(_("Place"))
    body = django_filters.ModelChoiceFilter(
        label=_("Holding body"),
        empty_label=_("All bodies"),
        queryset=Body.objects.none(),
        widget=BodyPicker,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Session.Kind.choices, empty_label=_("All kinds")
    )
    audience_kind = django_filters.ChoiceFilter(
        label=_("Audience"),
        choices=Session.Audience.choices,
        empty_label=_("All audiences"),
    )

    def __init__(
        self, data: Any = None, queryset: QuerySet[Session] | None = None, **kw: Any
    ) -> None:
        super().__init__(data, queryset, **kw)
        sessions = self.queryset
        fields = self.form.fields
        fields["area"].queryset = Area.objects.used_by(sessions, "area")
        fields["body"].queryset = Body.objects.used_by(sessions, "body")
        fields["year"].choices = lambda: year_choices(sessions, "held_on")


class IssueFilterSet(_AreaFilterMixin, ListFilterSet):
    """The opinions raised: status, overdue, the body assigned, topic, area."""

    area_field = "session__area_path"

    class Meta(ListFilterSet.Meta):
        model = Issue

    SORTS = {
        "due": ("due_on", "pk"),
        "date": ("session__held_on", "pk"),
        "body": ("assigned_body__name", "due_on", "pk"),
    }
    DEFAULT_SORT = "due"

    state = django_filters.ChoiceFilter(
        label=_("State"),
        method="filter_state",
        empty_label=_("All opinions"),
        choices=[
            ("waiting", _("Assigned, waiting for the answer")),
            ("overdue", _("Overdue")),
            ("done", _("Answered after the dialogue")),
            ("answered", _("Answered at the dialogue")),
        ],
    )
    assigned_body = django_filters.ModelChoiceFilter(
        label=_("Assigned to"),
        empty_label=_("All bodies"),
        queryset=Body.objects.none(),
        widget=BodyPicker,
    )
    area = _area_picker(_("Place"))
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), empty_label=_("All topics"), queryset=Topic.objects.all()
    )

    def __init__(
        self,
        data: Any = None,
        queryset: QuerySet[Issue] | None = None,
        *,
        user: Any = None,
    ) -> None:
        super().__init__(data, queryset)
        issues = self.queryset
        fields = self.form.fields
        fields["area"].queryset = Area.objects.visible_to(user)
        fields["assigned_body"].queryset = Body.objects.used_by(issues, "assigned_body")
        fields["topic"].queryset = Topic.objects.order_by("order", "pk")

    def filter_state(
        self, queryset: QuerySet[Issue], name: str, value: str
    ) -> QuerySet[Issue]:
        if value == "waiting":
            return queryset.filter(status=Issue.Status.ASSIGNED)
        if value == "overdue":
            return queryset.filter(overdue_q(clock.today()))
        if value == "done":
            return queryset.filter(status=Issue.Status.DONE)
        return queryset.filter(status=Issue.Status.ANSWERED)


def overdue_q(today: Any) -> Q:
    """An assigned opinion past its due date, still unanswered."""
    return Q(status=Issue.Status.ASSIGNED, due_on__lt=today)


class ReceptionFilterSet(_AreaFilterMixin, ListFilterSet):
    """Year, area and body of the reception days; newest first."""

    area_field = "body__area__path"

    class Meta(ListFilterSet.Meta):
        model = Reception

    SORTS = {
        "date": ("held_on", "pk"),
        "body": ("body__name", "held_on", "pk"),
        "citizens": ("citizens", "held_on", "pk"),
    }
    DEFAULT_SORT = "-date"

    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="held_on__year", empty_label=_("All years")
    )
    area = _area_picker()
    body = django_filters.ModelChoiceFilter(
        label=_("Body"),
        empty_label=_("All bodies"),
        queryset=Body.objects.none(),
        widget=BodyPicker,
    )

    def __init__(
        self,
        data: Any = None,
        queryset: QuerySet[Reception] | None = None,
        *,
        user: Any = None,
    ) -> None:
        super().__init__(data, queryset)
        receptions = self.queryset
        fields = self.form.fields
        fields["area"].queryset = Area.objects.visible_to(user)
        fields["body"].queryset = Body.objects.used_by(receptions, "body")
        fields["year"].choices = lambda: year_choices(receptions, "held_on")
