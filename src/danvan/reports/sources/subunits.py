"""The reports of the units below for the same period
(``reports.merge.below``): "15/20 xã đã gửi báo cáo; chưa gửi: …"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from danvan.common.links import detail_url
from danvan.reports import merge
from danvan.reports.merge import Below
from danvan.reports.sources import Context, date, figure, listing, para, text

if TYPE_CHECKING:
    from danvan.reports.models import OutlineSection

SHOWN_MISSING = 10


def below(ctx: Context) -> Below:
    """The reports sent from below, the writers missing (``merge.below``)."""
    return ctx.once("subunits", lambda: merge.below(ctx.report))


def _page(ctx: Context) -> str:
    return detail_url("reports:subunits", ctx.report.pk) if ctx.report.pk else ""


def write(ctx: Context, section: OutlineSection) -> str:
    found = below(ctx)
    if not found.expected:
        return ""
    href = _page(ctx)
    sent = len(found.reports)
    ratio = f"{sent}/{found.expected}"
    shown = figure(ratio, href, "subunits.sent") if href else ratio
    words = f"{shown} đơn vị đã gửi báo cáo {text(ctx.period_label)}"
    if found.missing:
        names = [text(b.name) for b in found.missing]
        words += f"; chưa gửi: {listing(names, limit=SHOWN_MISSING, more='đơn vị ')}"
    return para(words + ".")


def annex(ctx: Context) -> list[dict[str, Any]]:
    found = below(ctx)
    if not found.expected:
        return []
    rows: list[list[Any]] = []
    n = 0
    for report in found.reports:
        n += 1
        sent = report.sent_at.date() if report.sent_at else None
        rows.append(
            [
                n,
                {"text": report.body.name, "href": report.get_absolute_url()},
                report.reference or "",
                date(sent),
                "Đúng hạn" if sent is None or sent <= report.due_on else "Muộn",
            ]
        )
    for body in found.missing:
        n += 1
        rows.append([n, body.name, "", "", "Chưa gửi"])
    return [
        {
            "title": f"Tình hình gửi báo cáo {ctx.period_label} của các đơn vị",
            "columns": ["STT", "Đơn vị", "Số báo cáo", "Ngày gửi", "Tình trạng"],
            "rows": rows,
            "note": f"{len(found.reports)}/{found.expected} đơn vị đã gửi báo cáo.",
        }
    ]
