"""Tasks the unit's bodies lead (set by meetings, written in plans): done in
the span, still open, overdue; the open ones for the shortcomings and the
directions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q
from django.urls import reverse

from danvan.meetings.models import Task, TaskBase
from danvan.plans.models import PlanTask
from danvan.reports.sources import Context, figure, para, url

if TYPE_CHECKING:
    from danvan.reports.models import OutlineSection

# Open tasks listed (overdue ones, those due after the span), per kind of task.
LISTED = 20


@dataclass(frozen=True)
class OpenTask:
    pk: int
    title: str
    due_on: dt.date
    owner: str
    body_kind: str
    route: str  # "meetings:task_detail" or "plans:task_detail"


@dataclass
class Counts:
    done: int = 0
    pending: int = 0
    overdue: int = 0


@dataclass
class Tasks:
    by_kind: dict[str, Counts] = field(default_factory=dict)
    overdue: list[OpenTask] = field(default_factory=list)
    upcoming: list[OpenTask] = field(default_factory=list)

    def counts(self, kinds: set[str]) -> Counts:
        total = Counts()
        for kind, counts in self.by_kind.items():
            if kinds and kind not in kinds:
                continue
            total.done += counts.done
            total.pending += counts.pending
            total.overdue += counts.overdue
        return total


def _owner_q(ctx: Context, model: type[TaskBase]) -> Q:
    if model is Task:
        return ctx.unit_q("owner_area_path", "owner_body_path")
    return ctx.unit_q("owner_body__area__path", "owner_body__path")


def tasks(ctx: Context) -> Tasks:
    """Counts by the lead body's kind (one grouped query per kind of task),
    and the open tasks overdue or due after the span (one query each)."""

    def load() -> Tasks:
        found = Tasks()
        pending = Q(status__in=TaskBase.PENDING)
        by_kind: dict[str, Counts] = defaultdict(Counts)
        for model, route in (
            (Task, "meetings:task_detail"),
            (PlanTask, "plans:task_detail"),
        ):
            rows: Any = model.objects.filter(_owner_q(ctx, model))
            for kind, done, open_, overdue in (
                rows.order_by()
                .values("owner_body__kind")
                .annotate(
                    done=Count(
                        "pk",
                        filter=Q(
                            status=TaskBase.Status.DONE,
                            done_on__gte=ctx.start,
                            done_on__lte=ctx.end,
                        ),
                    ),
                    open=Count("pk", filter=pending),
                    overdue=Count("pk", filter=pending & Q(due_on__lt=ctx.as_of)),
                )
                .values_list("owner_body__kind", "done", "open", "overdue")
            ):
                counts = by_kind[kind]
                counts.done += done
                counts.pending += open_
                counts.overdue += overdue
            columns = ("pk", "title", "due_on", "owner_body__name", "owner_body__kind")
            for target, condition, order in (
                (found.overdue, Q(due_on__lt=ctx.as_of), "due_on"),
                (found.upcoming, Q(due_on__gt=ctx.end), "due_on"),
            ):
                for pk, title, due_on, owner, kind in (
                    rows.filter(pending, condition)
                    .order_by(order, "pk")
                    .values_list(*columns)[:LISTED]
                ):
                    target.append(OpenTask(pk, title, due_on, owner, kind, route))
        found.by_kind = dict(by_kind)
        found.overdue.sort(key=lambda t: (t.due_on, t.pk))
        found.upcoming.sort(key=lambda t: (t.due_on, t.pk))
        return found

    return ctx.once("tasks", load)


def task_list_url(status: str) -> str:
    return url(reverse("meetings:task_list"), status=status)


def write(ctx: Context, section: OutlineSection) -> str:
    counts = tasks(ctx).counts(set(section.body_kinds or ()))
    if not (counts.done or counts.pending):
        return para("Trong kỳ không có nhiệm vụ nào được giao cần theo dõi.")
    words = (
        "Về thực hiện nhiệm vụ được giao: hoàn thành "
        f"{figure(counts.done, task_list_url('done'), 'tasks.done')} nhiệm vụ"
        " trong kỳ; còn "
        f"{figure(counts.pending, task_list_url('pending'), 'tasks.open')}"
        " nhiệm vụ đang thực hiện"
    )
    if counts.overdue:
        words += (
            ", trong đó "
            f"{figure(counts.overdue, task_list_url('overdue'), 'tasks.overdue')}"
            " nhiệm vụ quá hạn"
        )
    return para(words + ".")
