"""The filters of the meetings and tasks lists."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.common.filters import ListFilterSet, row_choices
from danvan.meetings.forms import DATE
from danvan.meetings.models import Kind, Meeting, Task
from danvan.units.models import Area, Body


class MeetingFilterSet(ListFilterSet):
    """Kind, convening body, year, area, state of the tasks; newest first."""

    class Meta(ListFilterSet.Meta):
        model = Meeting

    SORTS = {
        "date": ("held_on", "pk"),
        "title": ("title", "held_on"),
        "kind": ("kind", "held_on"),
        "body": ("convening_body__name", "held_on"),
    }
    DEFAULT_SORT = "-date"

    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Kind.choices, empty_label=_("All kinds")
    )
    body = django_filters.ChoiceFilter(
        label=_("Convening body"),
        field_name="convening_body",
        empty_label=_("All bodies"),
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="held_on__year", empty_label=_("All years")
    )
    area = django_filters.ChoiceFilter(label=_("Area"), empty_label=_("All areas"))
    status = django_filters.ChoiceFilter(
        label=_("Tasks"),
        method="filter_status",
        empty_label=_("All"),
        choices=[
            ("open", _("With open tasks")),
            ("overdue", _("With overdue tasks")),
            ("done", _("All tasks done")),
            ("none", _("No tasks")),
        ],
    )

    def __init__(
        self, data: Any = None, queryset: QuerySet[Meeting] | None = None
    ) -> None:
        super().__init__(data, queryset)
        meetings = self.queryset
        fields = self.form.fields
        # Only bodies, areas and years of meetings the user sees are offered.
        fields["body"].choices = lambda: row_choices(
            Body.objects.filter(pk__in=meetings.values("convening_body")).order_by(
                "name"
            ),
            "name",
        )
        fields["area"].choices = lambda: row_choices(
            Area.objects.filter(pk__in=meetings.values("area")).order_by("path"),
            "full_name",
        )
        fields["year"].choices = lambda: [
            (d.year, str(d.year)) for d in meetings.dates("held_on", "year", "DESC")
        ]

    def filter_queryset(self, queryset: QuerySet[Meeting]) -> QuerySet[Meeting]:
        pending = Q(tasks__status__in=Task.PENDING)
        queryset = queryset.annotate(
            task_count=Count("tasks", distinct=True),
            open_count=Count("tasks", filter=pending, distinct=True),
        )
        return super().filter_queryset(queryset)

    def filter_status(
        self, queryset: QuerySet[Meeting], name: str, value: str
    ) -> QuerySet[Meeting]:
        if value == "open":
            return queryset.filter(open_count__gt=0)  # type: ignore[misc]
        if value == "overdue":
            late = Task.objects.overdue().filter(meeting=OuterRef("pk"))
            return queryset.filter(Exists(late))
        if value == "done":
            return queryset.filter(task_count__gt=0, open_count=0)  # type: ignore[misc]
        return queryset.filter(task_count=0)  # type: ignore[misc]


class TaskFilterSet(ListFilterSet):
    """State, lead body, due date, year of the meeting; soonest due first."""

    class Meta(ListFilterSet.Meta):
        model = Task

    SORTS = {
        "due": ("due_on", "pk"),
        "owner": ("owner_body__name", "due_on"),
        "status": ("status", "due_on"),
        "meeting": ("meeting__held_on", "pk"),
    }
    DEFAULT_SORT = "due"

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        method="filter_status",
        empty_label=_("All"),
        choices=[
            ("pending", _("Open or in progress")),
            ("overdue", _("Overdue")),
            *Task.Status.choices,
        ],
    )
    owner = django_filters.ChoiceFilter(
        label=_("Lead body"), field_name="owner_body", empty_label=_("All bodies")
    )
    due_before = django_filters.DateFilter(
        label=_("Due by"), field_name="due_on", lookup_expr="lte", widget=DATE
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="meeting__held_on__year",
        empty_label=_("All years"),
    )

    def __init__(
        self, data: Any = None, queryset: QuerySet[Task] | None = None
    ) -> None:
        super().__init__(data, queryset)
        tasks = self.queryset
        fields = self.form.fields
        fields["owner"].choices = lambda: row_choices(
            Body.objects.filter(pk__in=tasks.values("owner_body")).order_by("name"),
            "name",
        )
        fields["year"].choices = lambda: [
            (d.year, str(d.year))
            for d in tasks.dates("meeting__held_on", "year", "DESC")
        ]

    def filter_status(
        self, queryset: QuerySet[Task], name: str, value: str
    ) -> QuerySet[Task]:
        if value == "pending":
            return queryset.pending()  # type: ignore[attr-defined,no-any-return]
        if value == "overdue":
            return queryset.overdue()  # type: ignore[attr-defined,no-any-return]
        return queryset.filter(status=value)
