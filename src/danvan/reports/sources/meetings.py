"""Meetings the unit's bodies of the section's kinds held in the span, and
their conclusions: "Tổ chức 4 hội nghị (2 hội nghị giao ban, 1 hội nghị
tập huấn), thống nhất 9 kết luận"."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count
from django.urls import reverse

from danvan.common.links import detail_url
from danvan.meetings.models import KIND_VI, Kind, Meeting
from danvan.meetings.services.papers import meeting_phrase
from danvan.reports.sources import (
    Context,
    bullets,
    date,
    figure,
    link,
    number,
    para,
    text,
    url,
)

if TYPE_CHECKING:
    from danvan.reports.models import OutlineSection

SHOWN = 8


@dataclass(frozen=True)
class Held:
    pk: int
    kind: str
    title: str
    held_on: dt.date
    body_kind: str
    conclusions: int
    path: str = ""  # the area's (or body's) path


def held(ctx: Context) -> list[Held]:
    """The unit's meetings held in the span, with their conclusions counted
    (one query)."""

    def load() -> list[Held]:
        rows = (
            Meeting.objects.filter(
                ctx.unit_q("area_path", "convening_body_path"),
                held_on__gte=ctx.start,
                held_on__lte=ctx.end,
            )
            .order_by("held_on", "pk")
            .values_list(
                "pk",
                "kind",
                "title",
                "held_on",
                "convening_body__kind",
                "area_path" if ctx.area_wide else "convening_body_path",
            )
            .annotate(n=Count("conclusions"))
        )
        return [
            Held(pk, kind, title, held_on, body_kind, conclusions, path)
            for pk, kind, title, held_on, body_kind, path, conclusions in rows
        ]

    return ctx.once("meetings", load)


def of_section(ctx: Context, section: OutlineSection) -> list[Held]:
    kinds = set(section.body_kinds or ())
    rows = held(ctx)
    return [m for m in rows if m.body_kind in kinds] if kinds else rows


def _kind_words(kind: str, n: int) -> str:
    word = KIND_VI.get(Kind(kind), "") if kind in Kind.values else ""
    return (
        f"{number(n)} hội nghị {word}".strip() if word else f"{number(n)} hội nghị khác"
    )


def write(ctx: Context, section: OutlineSection) -> str:
    rows = of_section(ctx, section)
    list_url = url(reverse("meetings:list"), area=ctx.area.pk, year=ctx.end.year)
    if not rows:
        return para("Trong kỳ chưa có hội nghị nào được ghi nhận.")
    prefix = f"meetings.{section.key}"
    counts = Counter(row.kind for row in rows)
    conclusions = sum(row.conclusions for row in rows)
    words = f"Tổ chức {figure(len(rows), list_url, f'{prefix}.held')} hội nghị"
    only = next(iter(counts)) if len(counts) == 1 else ""
    if only and only in Kind.values and KIND_VI.get(Kind(only)):
        words += f" {KIND_VI[Kind(only)]}"
    elif len(counts) > 1:
        words += (
            " ("
            + ", ".join(
                _kind_words(kind, n)
                for kind, n in sorted(counts.items(), key=lambda i: (-i[1], i[0]))
            )
            + ")"
        )
    if conclusions:
        shown = figure(conclusions, list_url, f"{prefix}.conclusions")
        words += f", thống nhất {shown} kết luận"
    items = []
    # The unit's own meetings first, then those of the units below.
    roots = set(ctx.roots)
    for row in sorted(rows, key=lambda m: m.path not in roots)[:SHOWN]:
        # "Hội nghị giao ban …", as the meeting's papers name it.
        name = meeting_phrase(Meeting(title=row.title))
        line = f"{link(text(name), detail_url('meetings:detail', row.pk))}"
        line += f" (ngày {date(row.held_on)})"
        if row.conclusions:
            line += f": {number(row.conclusions)} kết luận"
        items.append(line + ";")
    if len(rows) > SHOWN:
        items.append(f"và {number(len(rows) - SHOWN)} hội nghị khác.")
    elif items:
        items[-1] = items[-1][:-1] + "."
    return para(words + ":") + bullets(items)
