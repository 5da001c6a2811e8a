"""The periods an entry is reported for, named ``type:year[:number]``.

A form offers the months, quarters, 6 and 9 months and the years of the
current year and the one before (the latest first); an address names one as
``quarter:2026:3`` (``datasets.completeness.parse_period``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from danvan.common import clock
from danvan.datasets.completeness import named_period, parse_period, period_spec
from danvan.meetings.periods import (
    MONTH,
    NINE_MONTHS,
    QUARTER,
    SIX_MONTHS,
    YEAR,
    period_label,
)

if TYPE_CHECKING:
    from danvan.datasets.models import Period

__all__ = ["choices", "containing", "named", "period_spec", "resolve", "valid"]


def choices(today: dt.date | None = None) -> list[tuple[str, str]]:
    """The periods of this year and the last, as (spec, label), latest first."""
    today = today or clock.today()
    named: list[tuple[str, int, int | None]] = []
    for year in (today.year, today.year - 1):
        named += [(kind, year, None) for kind in (YEAR, NINE_MONTHS, SIX_MONTHS)]
        named += [(QUARTER, year, quarter) for quarter in range(4, 0, -1)]
        named += [(MONTH, year, month) for month in range(12, 0, -1)]
    return [
        (":".join(str(part) for part in spec if part is not None), period_label(*spec))
        for spec in named
    ]


def valid(spec: str) -> bool:
    """Does ``spec`` name a period? (No query: the row is not read.)"""
    return parse_period(spec) is not None


def resolve(spec: str) -> Period | None:
    """The period's row for ``spec`` (made when first named by a write)."""
    from danvan.datasets.models import Period

    parsed = parse_period(spec)
    if parsed is None:
        return None
    return Period.objects.of(*parsed)


def named(spec: str) -> Period | None:
    """The period ``spec`` names for a read (an unsaved row when none exists)."""
    parsed = parse_period(spec)
    if parsed is None:
        return None
    return named_period(*parsed)


def containing(on: dt.date) -> str:
    """The quarter holding ``on``, as a spec: the usual period of an entry."""
    return f"quarter:{on.year}:{(on.month - 1) // 3 + 1}"
