"""Confirmed facts of the texts brought in for the unit's area (ingestion):
the texts dated in the span (published, their meeting or the period they
report on), each with the figures and movements its reader confirmed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from danvan.common import tree
from danvan.common.links import detail_url
from danvan.ingestion.models import Source
from danvan.reports.sources import (
    Context,
    bullets,
    date,
    figure,
    link,
    para,
    text,
)
from danvan.units.lineage import lineage_paths

if TYPE_CHECKING:
    from danvan.reports.models import OutlineSection

SHOWN = 8
FIGURES_SHOWN = 6


@dataclass(frozen=True)
class Fact:
    pk: int
    title: str
    dated: dt.date
    figures: list[dict[str, Any]]
    movements: list[str]


def _iso(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def dated(facts: dict[str, Any]) -> dt.date | None:
    """The day a text speaks of: its meeting's, the end of its period, or
    the day it was published."""
    meeting = facts.get("meeting") or {}
    period = facts.get("period") or {}
    for value in (meeting.get("date"), period.get("end"), facts.get("published")):
        day = _iso(value)
        if day is not None:
            return day
    return None


def confirmed(ctx: Context) -> list[Fact]:
    """The confirmed texts of the unit's area dated in the span (one query)."""

    def load() -> list[Fact]:
        ranges = ctx.ranges if ctx.area_wide else lineage_paths([ctx.area.path])
        rows = (
            Source.objects.filter(
                tree.subtree_q(ranges, field="area__path"),
                confirmed_at__isnull=False,
            )
            .order_by("pk")
            .values_list("pk", "title", "confirmed_facts")
        )
        found = []
        for pk, title, facts in rows:
            facts = facts or {}
            day = dated(facts)
            if day is None or not ctx.start <= day <= ctx.end:
                continue
            figures = [
                f
                for f in facts.get("figures") or []
                if isinstance(f, dict) and f.get("what") and _number(f.get("value"))
            ]
            movements = [m for m in facts.get("movements") or [] if isinstance(m, str)]
            found.append(Fact(pk, title, day, figures, movements))
        found.sort(key=lambda f: (f.dated, f.pk))
        return found

    return ctx.once("facts", load)


def _number(value: Any) -> bool:
    if isinstance(value, list):
        value = value[0] if value else None
    return isinstance(value, int | float) and not isinstance(value, bool)


def _value(figure_fact: dict[str, Any]) -> str:
    from danvan.records.services import figure_text

    shown = figure_text(figure_fact)
    if figure_fact.get("kind") == "percent":
        shown += "%"
    return shown


def write(ctx: Context, section: OutlineSection) -> str:
    rows = confirmed(ctx)
    if not rows:
        return para("Trong kỳ chưa có văn bản, tin bài nào được xác nhận thông tin.")
    items = []
    for row in rows[:SHOWN]:
        href = detail_url("ingestion:source_detail", row.pk)
        line = f"{link(text(row.title), href)} (ngày {date(row.dated)})"
        parts = [
            f"{text(f['what'])}: {figure(_value(f), href, f'facts.{row.pk}.{n}')}"
            for n, f in enumerate(row.figures[:FIGURES_SHOWN], 1)
        ]
        if row.movements:
            parts.append("phong trào " + ", ".join(text(m) for m in row.movements))
        if parts:
            line += ": " + "; ".join(parts)
        items.append(line + ".")
    if len(rows) > SHOWN:
        items.append(f"Và {len(rows) - SHOWN} văn bản khác.")
    return para(
        "Theo các văn bản, tin bài đã được xác nhận thông tin trong kỳ:"
    ) + bullets(items)
