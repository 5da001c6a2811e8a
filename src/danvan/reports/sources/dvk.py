"""The "Dân vận khéo" register's figures for the unit and the span
(``initiatives.stats.compute.model_statistics``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.urls import reverse

from danvan.initiatives.stats.compute import model_statistics
from danvan.initiatives.stats.figures import ModelStats
from danvan.reports.sources import Context, figure, number, para, reader, url

if TYPE_CHECKING:
    from danvan.reports.models import OutlineSection


def statistics(ctx: Context) -> ModelStats:
    def load() -> ModelStats:
        return model_statistics(
            area=ctx.area if ctx.area_wide else None,
            body=None if ctx.area_wide else ctx.body,
            period=(ctx.start, ctx.end),
            user=reader(),
        )

    return ctx.once("dvk", load)


def _urls(ctx: Context) -> tuple[str, str]:
    unit: dict[str, Any] = (
        {"area": ctx.area.pk} if ctx.area_wide else {"body": ctx.body.pk}
    )
    span = {"from": f"{ctx.start:%d/%m/%Y}", "to": f"{ctx.end:%d/%m/%Y}"}
    stats = url(reverse("initiatives:stats"), **unit, year="", **span)
    register = url(reverse("initiatives:list"), **unit)
    return stats, register


def write(ctx: Context, section: OutlineSection) -> str:
    stats = statistics(ctx)
    href, register = _urls(ctx)
    if not stats.registered and not stats.cumulative:
        return para(
            "Trong kỳ chưa có mô hình “Dân vận khéo” nào được đăng ký"
            " trong sổ theo dõi."
        )
    sentences = []
    if stats.registered:
        words = (
            f"Trong kỳ, {figure(stats.registered, href, 'dvk.registered')}"
            " mô hình “Dân vận khéo” được đăng ký"
        )
    else:
        words = "Trong kỳ không có mô hình “Dân vận khéo” mới được đăng ký"
    if stats.new and stats.continuing:
        words += (
            f" ({figure(stats.new, href, 'dvk.new')} mô hình mới,"
            f" {figure(stats.continuing, href, 'dvk.continuing')} mô hình tiếp tục)"
        )
    if stats.effective:
        share = stats.effective_share
        words += (
            f"; {figure(stats.effective, href, 'dvk.effective')} mô hình được đánh"
            " giá hiệu quả"
        )
        if share is not None:
            words += f" ({number(share)}%)"
    sentences.append(words + ".")
    if stats.communes_with_model and stats.communes_total > 1:
        ratio = f"{stats.communes_with_model}/{stats.communes_total}"
        sentences.append(
            f"{figure(ratio, href, 'dvk.communes')} xã, phường có mô hình"
            " “Dân vận khéo”."
        )
    threshold = stats.units_with_at_least_n_effective
    if threshold.numerator and threshold.level in ("district", "commune"):
        ratio = f"{threshold.numerator}/{threshold.denominator}"
        sentences.append(
            f"{figure(ratio, href, 'dvk.threshold')} đơn vị có ít nhất"
            f" {number(threshold.n)} mô hình hiệu quả."
        )
    if stats.commended:
        sentences.append(
            f"{figure(stats.commended, href, 'dvk.commended')}"
            " mô hình được khen thưởng."
        )
    if stats.replications:
        sentences.append(
            f"{figure(stats.replications, href, 'dvk.replications')} mô hình được"
            " nhân rộng từ mô hình đã có."
        )
    if stats.money_vnd or stats.working_days:
        parts = []
        if stats.money_vnd:
            parts.append(f"{figure(stats.money_vnd, href, 'dvk.money')} đồng")
        if stats.working_days:
            parts.append(
                f"{figure(stats.working_days, href, 'dvk.working_days')} ngày công"
            )
        sentences.append("Các mô hình đã huy động " + ", ".join(parts) + ".")
    sentences.append(
        f"Lũy kế đến nay có {figure(stats.cumulative, register, 'dvk.cumulative')}"
        " mô hình được đăng ký."
    )
    return para(" ".join(sentences))


def annex(ctx: Context) -> list[dict[str, Any]]:
    """The models by field: registered and effective, with the total."""
    stats = statistics(ctx)
    if not stats.registered:
        return []
    href, _register = _urls(ctx)
    rows: list[list[Any]] = [
        [n, field.name, number(field.registered), number(field.effective)]
        for n, field in enumerate(stats.by_field, 1)
        if field.registered
    ]
    rows.append(
        [
            "",
            "Tổng cộng",
            {"text": number(stats.registered), "href": href},
            {"text": number(stats.effective), "href": href},
        ]
    )
    return [
        {
            "title": f"Mô hình “Dân vận khéo” {ctx.period_label} theo lĩnh vực",
            "columns": ["STT", "Lĩnh vực", "Số mô hình đăng ký", "Số mô hình hiệu quả"],
            "rows": rows,
            "note": f"Lũy kế đến nay: {number(stats.cumulative)} mô hình.",
        }
    ]
