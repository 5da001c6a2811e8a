"""The filters of the meetings and tasks lists."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

import django_filters
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.common import tree
from danvan.common.access import scope_for
from danvan.common.filters import ListFilterSet, year_choices
from danvan.meetings.forms import DATE
from danvan.meetings.kept import FIGURES
from danvan.meetings.models import Kind, Meeting, Task
from danvan.units.models import Area, Body
from danvan.units.widgets import AreaPicker, BodyPicker


def _years(
    figure: str, user: Any, years: Callable[[], list[tuple[int, str]]]
) -> Callable[[], list[tuple[int, str]]]:
    """A year filter's choices, read when the form is drawn: ``years()``, kept
    (``meetings.kept``: per reader's scope, until a meeting or task changes)
    when the FilterSet is built for a ``user``."""
    if user is None:
        return years
    return lambda: FIGURES.kept(figure, user, (), years)


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
    body = django_filters.ModelChoiceFilter(
        label=_("Convening body"),
        field_name="convening_body",
        empty_label=_("All bodies"),
        queryset=Body.objects.none(),
        widget=BodyPicker,
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="held_on__year", empty_label=_("All years")
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Area"),
        empty_label=_("All areas"),
        queryset=Area.objects.none(),
        widget=AreaPicker,
    )
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
        self,
        data: Any = None,
        queryset: QuerySet[Meeting] | None = None,
        *,
        user: Any = None,
    ) -> None:
        super().__init__(data, queryset)
        meetings = self.queryset
        fields = self.form.fields
        # Only bodies, areas and years of meetings the user sees are offered.
        fields["body"].queryset = Body.objects.used_by(meetings, "convening_body")
        fields["area"].queryset = Area.objects.used_by(meetings, "area")
        fields["year"].choices = _years(
            "meeting-years", user, lambda: year_choices(meetings, "held_on")
        )

    def filter_status(
        self, queryset: QuerySet[Meeting], name: str, value: str
    ) -> QuerySet[Meeting]:
        tasks = Task.objects.filter(meeting=OuterRef("pk"))
        if value == "open":
            return queryset.filter(Exists(tasks.pending()))
        if value == "overdue":
            return queryset.filter(Exists(tasks.overdue()))
        if value == "done":
            return queryset.filter(Exists(tasks), ~Exists(tasks.pending()))
        return queryset.filter(~Exists(tasks))


def with_task_counts(
    meetings: Iterable[Meeting], keys: QuerySet[Meeting] | None = None
) -> list[Meeting]:
    """``meetings`` with ``task_count`` and ``open_count``, in one more query.

    The tasks are counted for the rows shown only (``keys`` selects them
    when the rows are many, an export), never grouped over the whole scope.
    """
    rows = list(meetings)
    ids: Any = keys.values("pk") if keys is not None else [m.pk for m in rows]
    counts: dict[int, tuple[int, int]] = {
        c["meeting"]: (c["total"], c["open"])
        for c in Task.objects.filter(meeting__in=ids)
        .order_by()
        .values("meeting")
        .annotate(
            total=Count("pk"), open=Count("pk", filter=Q(status__in=Task.PENDING))
        )
    }
    for meeting in rows:
        total, pending = counts.get(meeting.pk, (0, 0))
        # Template-only attributes on the instance; the model has no such fields.
        meeting.task_count = total  # type: ignore[attr-defined]
        meeting.open_count = pending  # type: ignore[attr-defined]
    return rows


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
    owner = django_filters.ModelChoiceFilter(
        label=_("Lead body"),
        field_name="owner_body",
        empty_label=_("All bodies"),
        queryset=Body.objects.none(),
        widget=BodyPicker,
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
        self,
        data: Any = None,
        queryset: QuerySet[Task] | None = None,
        *,
        user: Any = None,
    ) -> None:
        super().__init__(data, queryset)
        tasks = self.queryset
        fields = self.form.fields
        fields["owner"].queryset = Body.objects.used_by(tasks, "owner_body")
        fields["year"].choices = _years(
            "task-years", user, lambda: year_choices(tasks, "meeting__held_on")
        )

    def filter_status(
        self, queryset: QuerySet[Task], name: str, value: str
    ) -> QuerySet[Task]:
        if value == "pending":
            return queryset.pending()  # type: ignore[attr-defined,no-any-return]
        if value == "overdue":
            return queryset.overdue()  # type: ignore[attr-defined,no-any-return]
        return queryset.filter(status=value)


def task_count_parts(
    filters: TaskFilterSet, user: Any, meeting: int | None = None
) -> list[QuerySet[Task]] | None:
    """The tasks ``filters`` find (of ``meeting`` alone, when given) once per
    path range of the user's scope, made disjoint, to count them
    (common.paging.Paginator's ``parts``), for a scope that holds a province;
    None otherwise.

    A task is seen through any of four copied paths (its meeting's area and
    body, its lead body's area and body: Task.objects.visible_to); counting
    "in any range of any of them" reads every task of the table (4 ms for a
    province). Part i is range i less the ranges before it: each is read on
    its own index, and a task is counted once.
    """
    scope = scope_for(user)
    if scope.everything or not any(tree.depth(p) == 1 for p in scope.area_paths):
        # Below a province, "any range" is a few index ranges PostgreSQL reads
        # at once (0.7 ms for a commune); the parts would cost more to build.
        return None
    ranges = [
        tree.subtree_q([path], field=f"{prefix}path")
        for prefix, paths in (
            ("meeting_area_", scope.area_paths),
            ("owner_area_", scope.area_paths),
            ("meeting_body_", scope.body_paths),
            ("owner_body_", scope.body_paths),
        )
        for path in tree.minimal_paths(paths)
    ]
    parts = []
    before = Q(pk__in=[])
    for range_q in ranges:
        rows = Task.objects.filter(range_q).exclude(before)
        if meeting is not None:
            rows = rows.filter(meeting=meeting)
        parts.append(cast("QuerySet[Task]", filters.filter_queryset(rows)))
        before |= range_q
    return parts
