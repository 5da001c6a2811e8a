"""Geometry of the statistics charts: numbers in, SVG positions out; no Django.

Horizontal positions are percentages of the chart's width and heights are
pixels, so the text keeps its size on a phone and on a wide screen alike (a
scaled viewBox would shrink or blow it up). Labels, numbers as written and
descriptions are the caller's: this module only places them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

ROW = 40  # a bar chart row: the label, then the bar
BAR_SPAN = 82.0  # % of the width for the longest bar; its number follows
UNIT_ROW = 22
UNIT_LABEL = 34.0  # % of the width for the unit names (right-aligned)
UNIT_SPAN = 56.0
GAUGE_R = 42
SHORT_NAME = 24  # characters of a unit name beside its bar


def pct(value: float) -> str:
    """An SVG coordinate in per cent, written the same in every language."""
    return f"{value:.2f}%"


@dataclass(frozen=True)
class Bar:
    """One row of a horizontal bar chart: where its label, bar and number go."""

    y_label: int
    y_bar: int
    y_value: int
    width: str
    part_width: str
    value_x: str


def bars(values: Sequence[tuple[int, int]]) -> tuple[tuple[Bar, ...], int]:
    """Place ``(value, part)`` bars, the longest spanning ``BAR_SPAN``; the height."""
    top = max((value for value, _part in values), default=0) or 1
    placed = []
    for i, (value, part) in enumerate(values):
        width = BAR_SPAN * value / top
        placed.append(
            Bar(
                y_label=i * ROW + 13,
                y_bar=i * ROW + 18,
                y_value=i * ROW + 31,
                width=pct(width),
                part_width=pct(BAR_SPAN * part / top),
                value_x=pct(width + 1.5),
            )
        )
    return tuple(placed), max(len(placed) * ROW, ROW)


@dataclass(frozen=True)
class Arc:
    """A gauge's filled arc on a circle of radius ``GAUGE_R``."""

    filled: bool
    dash: str  # length of the filled arc, then the rest of the circle
    share: str  # the rounded share ("61%"), or "—" when there is nothing to count


def gauge(part: int, whole: int) -> Arc:
    """The arc showing ``part`` of ``whole``."""
    circle = 2 * math.pi * GAUGE_R
    dash = circle * part / whole if whole else 0.0
    share = f"{round(100 * part / whole)}%" if whole else "—"
    return Arc(filled=dash > 0, dash=f"{dash:.2f} {circle - dash:.2f}", share=share)


@dataclass(frozen=True)
class UnitBar:
    """A sub-unit's bar beside its name, against the threshold line."""

    y_text: int
    y_bar: int
    width: str
    value_x: str


@dataclass(frozen=True)
class UnitLayout:
    bars: tuple[UnitBar, ...]
    height: int
    threshold_x: str
    label_x: str
    bar_x: str


def unit_bars(values: Sequence[int], threshold: int) -> UnitLayout:
    """Place one bar per sub-unit's ``values``, scaled with the threshold line."""
    top = max([threshold, *values]) or 1
    placed = []
    for i, value in enumerate(values):
        width = UNIT_SPAN * value / top
        placed.append(
            UnitBar(
                y_text=i * UNIT_ROW + 15,
                y_bar=i * UNIT_ROW + 4,
                width=pct(width),
                value_x=pct(UNIT_LABEL + 1 + width + 1),
            )
        )
    return UnitLayout(
        bars=tuple(placed),
        height=max(len(placed) * UNIT_ROW, UNIT_ROW) + 4,
        threshold_x=pct(UNIT_LABEL + 1 + UNIT_SPAN * threshold / top),
        label_x=pct(UNIT_LABEL),
        bar_x=pct(UNIT_LABEL + 1),
    )


def short_name(name: str) -> str:
    """``name`` cut to fit beside a bar, with an ellipsis when cut."""
    return name if len(name) <= SHORT_NAME else name[: SHORT_NAME - 1] + "…"
