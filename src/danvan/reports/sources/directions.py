"""The tasks and targets of the next period: open tasks due after the span,
targets not yet met."""

from __future__ import annotations

from typing import TYPE_CHECKING

from danvan.common.links import detail_url
from danvan.meetings import periods
from danvan.reports.sources import (
    Context,
    bullets,
    date,
    figure,
    link,
    listing,
    para,
    text,
)
from danvan.reports.sources.targets import all_judged
from danvan.reports.sources.tasks import task_list_url, tasks

if TYPE_CHECKING:
    from danvan.reports.models import OutlineSection

SHOWN = 8


def next_label(ctx: Context) -> str:
    period = ctx.period
    if period.type == periods.CUSTOM:
        return "thời gian tới"
    year, number = periods.next_period(period.type, period.year, period.number)
    return periods.period_label(period.type, year, number) or "thời gian tới"


def write(ctx: Context, section: OutlineSection) -> str:
    lines = []
    upcoming = tasks(ctx).upcoming
    if upcoming:
        items = [
            f"{link(text(t.title.rstrip('. ')), detail_url(t.route, t.pk))}"
            f" ({text(t.owner)} chủ trì, hạn {date(t.due_on)})"
            for t in upcoming[:SHOWN]
        ]
        lines.append(
            "Tập trung thực hiện "
            f"{figure(len(upcoming), task_list_url('pending'), 'tasks.upcoming')}"
            f" nhiệm vụ đến hạn trong thời gian tới: {'; '.join(items)}"
            + ("; …" if len(upcoming) > SHOWN else "")
            + "."
        )
    remaining = [j for j in all_judged(ctx) if not j.met]
    if remaining:
        names = [
            link(text(j.target.name), detail_url("plans:target_detail", j.target.pk))
            for j in remaining
        ]
        href = detail_url("plans:plan_detail", remaining[0].target.plan_id)
        lines.append(
            "Phấn đấu hoàn thành "
            f"{figure(len(remaining), href, 'targets.remaining')} chỉ tiêu chưa đạt: "
            f"{listing(names, limit=SHOWN, more='chỉ tiêu ')}."
        )
    if not lines:
        return para(
            f"Chưa có nhiệm vụ, chỉ tiêu nào được giao cho {text(next_label(ctx))}."
        )
    return para(f"Nhiệm vụ trọng tâm {text(next_label(ctx))}:") + bullets(lines)
