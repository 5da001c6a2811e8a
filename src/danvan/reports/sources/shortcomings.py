"""What is late or not achieved, from what the other sources read: targets
not achieved, tasks overdue, reports and figures of the units below missing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

from danvan.common.links import detail_url
from danvan.plans.models import Verdict
from danvan.reports.sources import (
    Context,
    bullets,
    date,
    figure,
    link,
    listing,
    number,
    para,
    text,
)
from danvan.reports.sources.figures import completeness_url, figures
from danvan.reports.sources.subunits import below
from danvan.reports.sources.targets import all_judged
from danvan.reports.sources.tasks import task_list_url, tasks

if TYPE_CHECKING:
    from danvan.reports.models import OutlineSection

SHOWN = 5


def _targets(ctx: Context) -> list[str]:
    judged = all_judged(ctx)
    short = [j for j in judged if j.verdict in (Verdict.NOT_ACHIEVED, Verdict.MOSTLY)]
    unjudged = [j for j in judged if not j.verdict]
    lines = []
    if short:
        names = []
        for item in short:
            name = link(
                text(item.target.name),
                detail_url("plans:target_detail", item.target.pk),
            )
            if item.percent is not None:
                name += f" (đạt {number(item.percent)}%)"
            names.append(name)
        href = detail_url("plans:plan_detail", short[0].target.plan_id)
        lines.append(
            f"{figure(len(short), href, 'targets.short')} chỉ tiêu chưa đạt kế hoạch: "
            f"{listing(names, limit=SHOWN, more='chỉ tiêu ')}."
        )
    if unjudged:
        href = detail_url("plans:plan_detail", unjudged[0].target.plan_id)
        lines.append(
            f"{figure(len(unjudged), href, 'targets.unjudged')} chỉ tiêu chưa có"
            " kết quả đánh giá."
        )
    return lines


def _tasks(ctx: Context, section: OutlineSection) -> list[str]:
    found = tasks(ctx)
    overdue = found.counts(set()).overdue
    if not overdue:
        return []
    names = [
        f"{link(text(t.title.rstrip('. ')), detail_url(t.route, t.pk))}"
        f" (hạn {date(t.due_on)})"
        for t in found.overdue
    ]
    return [
        f"{figure(overdue, task_list_url('overdue'), 'tasks.overdue')} nhiệm vụ quá"
        f" hạn chưa hoàn thành: {listing(names, limit=SHOWN, more='nhiệm vụ ')}."
    ]


def _reports(ctx: Context) -> list[str]:
    lines = []
    found = below(ctx)
    if found.missing:
        names = [text(b.name) for b in found.missing]
        href = (
            detail_url("reports:subunits", ctx.report.pk)
            if ctx.report.pk
            else reverse("reports:list")
        )
        lines.append(
            f"{figure(len(found.missing), href, 'subunits.missing')} đơn vị chưa gửi"
            f" báo cáo {text(ctx.period_label)}: "
            f"{listing(names, limit=SHOWN, more='đơn vị ')}."
        )
    for item in figures(ctx).forms:
        if item.expected and item.received < item.expected:
            missing = item.expected - item.received
            lines.append(
                f"{text(item.form.name)}: còn "
                + figure(
                    missing,
                    completeness_url(ctx, item),
                    f"figures.{item.form.code}.missing",
                )
                + f" báo cáo số liệu chưa gửi (đã nhận {number(item.received)}/"
                f"{number(item.expected)})."
            )
    return lines


def write(ctx: Context, section: OutlineSection) -> str:
    lines = [*_targets(ctx), *_tasks(ctx, section), *_reports(ctx)]
    if not lines:
        return para(
            "Qua theo dõi, trong kỳ không có chỉ tiêu chưa đạt, nhiệm vụ quá hạn"
            " hay báo cáo còn thiếu."
        )
    return para("Một số hạn chế qua theo dõi:") + bullets(lines)
