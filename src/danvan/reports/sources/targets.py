"""Targets of the unit's plans covering the report's year, by their latest
progress up to the span's end: "Thực hiện Kế hoạch số 05-KH/ĐU: hoàn thành
10/11 chỉ tiêu (90,9%), vượt 3" (``plans.services``' summary)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from danvan.common.links import detail_url
from danvan.plans.models import Plan, Progress, Target, Verdict
from danvan.plans.services import Summary, latest_progress, percent_of, summarize
from danvan.reports.sources import Context, bullets, figure, link, number, para, text

if TYPE_CHECKING:
    from danvan.reports.models import OutlineSection

VERDICT_VI = {
    Verdict.EXCEEDED: "vượt",
    Verdict.ACHIEVED: "đạt",
    Verdict.MOSTLY: "cơ bản đạt",
    Verdict.NOT_ACHIEVED: "không đạt",
    "": "chưa đánh giá",
}


@dataclass(frozen=True)
class Judged:
    target: Target
    progress: Progress | None

    @property
    def verdict(self) -> str:
        return self.progress.verdict if self.progress is not None else ""

    @property
    def achieved(self) -> Decimal | None:
        return self.progress.achieved if self.progress is not None else None

    @property
    def percent(self) -> Decimal | None:
        return percent_of(self.target, self.achieved)

    @property
    def met(self) -> bool:
        return self.verdict in (Verdict.EXCEEDED, Verdict.ACHIEVED)


@dataclass
class PlanTargets:
    plan: Plan
    judged: list[Judged] = field(default_factory=list)

    @property
    def summary(self) -> Summary:
        return summarize(j.verdict for j in self.judged)

    @property
    def name(self) -> str:
        document = self.plan.document
        word = document.get_kind_display() if document.kind else "Kế hoạch"
        kind = {"ke_hoach": "Kế hoạch", "nghi_quyet": "Nghị quyết"}.get(
            document.kind, str(word)
        )
        if document.reference:
            return f"{kind} số {document.reference}"
        return document.title


def plan_targets(ctx: Context) -> list[PlanTargets]:
    """The unit's own plans covering the year (not those of its sub-units),
    their targets and each target's latest progress: three queries."""

    def load() -> list[PlanTargets]:
        year = ctx.end.year
        column = "area_path" if ctx.area_wide else "body_path"
        plans = list(
            Plan.objects.filter(
                **{f"{column}__in": ctx.roots},
                starts_year__lte=year,
                ends_year__gte=year,
            )
            .select_related("document")
            .order_by("document__issued_on", "pk")
        )
        if not plans:
            return []
        targets = list(
            Target.objects.filter(plan__in=plans)
            .select_related("group")
            .order_by("plan", "group__order", "order", "pk")
        )
        latest = latest_progress(targets, until=ctx.end)
        by_plan = {p.pk: PlanTargets(p) for p in plans}
        for target in targets:
            by_plan[target.plan_id].judged.append(Judged(target, latest.get(target.pk)))
        return [p for p in by_plan.values() if p.judged]

    return ctx.once("targets", load)


def all_judged(ctx: Context) -> list[Judged]:
    return [j for p in plan_targets(ctx) for j in p.judged]


def _sentence(ctx: Context, plan: PlanTargets, key: str) -> str:
    summary = plan.summary
    href = detail_url("plans:plan_detail", plan.plan.pk)
    words = (
        f"hoàn thành {figure(f'{summary.done}/{summary.total}', href, key)} chỉ tiêu"
    )
    if summary.percent is not None:
        words += f" ({number(summary.percent)}%)"
    base = key.rsplit(".", 1)[0]  # "targets" or "targets.plan12"
    extra = [
        f"{words} {figure(n, href, f'{base}.{name}')}"
        for n, words, name in (
            (summary.exceeded, "vượt", "exceeded"),
            (summary.mostly, "cơ bản đạt", "mostly"),
            (summary.not_achieved, "không đạt", "not_achieved"),
            (summary.unjudged, "chưa đánh giá", "unjudged"),
        )
        if n
    ]
    if extra:
        words += ", " + ", ".join(extra)
    return words


def write(ctx: Context, section: OutlineSection) -> str:
    plans = plan_targets(ctx)
    if not plans:
        return para(
            f"Chưa có kế hoạch nào có chỉ tiêu cho năm {ctx.end.year} được theo dõi."
        )
    if len(plans) == 1:
        plan = plans[0]
        href = detail_url("plans:plan_detail", plan.plan.pk)
        return para(
            f"Thực hiện {link(text(plan.name), href)}: "
            f"{_sentence(ctx, plan, 'targets.achieved')}."
        )
    items = [
        f"{link(text(p.name), detail_url('plans:plan_detail', p.plan.pk))}: "
        f"{_sentence(ctx, p, f'targets.plan{p.plan.pk}.achieved')};"
        for p in plans
    ]
    items[-1] = items[-1][:-1] + "."
    judged = all_judged(ctx)
    met = sum(1 for j in judged if j.met)
    total = figure(
        f"{met}/{len(judged)}",
        detail_url("plans:plan_detail", plans[0].plan.pk),
        "targets.achieved",
    )
    return para(
        f"Thực hiện các chỉ tiêu năm {ctx.end.year}: hoàn thành {total} chỉ tiêu:"
    ) + bullets(items)


def annex(ctx: Context) -> list[dict[str, Any]]:
    judged = all_judged(ctx)
    if not judged:
        return []
    rows: list[list[Any]] = []
    for n, item in enumerate(judged, 1):
        target = item.target
        rows.append(
            [
                n,
                {
                    "text": target.name,
                    "href": detail_url("plans:target_detail", target.pk),
                },
                target.unit,
                number(target.target_value),
                number(item.achieved) if item.achieved is not None else "",
                number(item.percent) if item.percent is not None else "",
                VERDICT_VI.get(item.verdict, item.verdict),
            ]
        )
    return [
        {
            "title": f"Kết quả thực hiện các chỉ tiêu năm {ctx.end.year}",
            "columns": [
                "STT",
                "Chỉ tiêu",
                "Đơn vị tính",
                "Kế hoạch",
                "Thực hiện",
                "Tỷ lệ (%)",
                "Đánh giá",
            ],
            "rows": rows,
            "note": f"Theo kết quả cập nhật đến ngày {ctx.end:%d/%m/%Y}.",
        }
    ]
