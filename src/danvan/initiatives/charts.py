"""Geometry of the statistics charts: numbers in, SVG positions out; no Django.

Horizontal positions are percentages of the chart's width and heights are
pixels, so the text keeps its size on a phone and on a wide screen alike (a
scaled viewBox would shrink or blow it up). Labels, numbers as written and
descriptions are the caller's: this module only places them.
"""

from __future__ import annotations

import itertools
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
    # Further threshold lines (an average, a target), in the order given.
    marks: tuple[str, ...] = ()


def unit_bars(
    values: Sequence[float], threshold: float, marks: Sequence[float] = ()
) -> UnitLayout:
    """Place one bar per sub-unit's ``values``, scaled with the threshold line
    (and the further lines ``marks``) so that every line stays inside."""
    top = max([threshold, *marks, *values]) or 1
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
        marks=tuple(pct(UNIT_LABEL + 1 + UNIT_SPAN * mark / top) for mark in marks),
    )


def short_name(name: str) -> str:
    """``name`` cut to fit beside a bar, with an ellipsis when cut."""
    return name if len(name) <= SHORT_NAME else name[: SHORT_NAME - 1] + "…"


# --- trend lines ---------------------------------------------------------------------

LINE_TOP = 12  # y of the highest tick
LINE_BASE = 150  # y of the lowest tick (the axis)
LINE_HEIGHT = 176  # the period labels below the axis
LINE_LEFT = 14.0  # % of the width for the ticks' numbers (right-aligned)
LINE_RIGHT = 97.0
LINE_LABELS = 6  # period labels at most under the axis (a phone's width)


@dataclass(frozen=True)
class Point:
    """A value of a series: where its dot goes."""

    x: str
    y: int


@dataclass(frozen=True)
class Segment:
    """The line between two values of a series next to each other."""

    x1: str
    y1: int
    x2: str
    y2: int


@dataclass(frozen=True)
class Tick:
    y: int
    value: float


@dataclass(frozen=True)
class Slot:
    """A period on the horizontal axis; ``labelled`` when its name is written."""

    x: str
    labelled: bool


@dataclass(frozen=True)
class LineLayout:
    # Per series, per period: its dot (None where the series has no value).
    points: tuple[tuple[Point | None, ...], ...]
    segments: tuple[tuple[Segment, ...], ...]
    ticks: tuple[Tick, ...]
    slots: tuple[Slot, ...]
    height: int
    axis_y: int
    left: str
    right: str
    tick_x: str


def nice_step(span: float, parts: int = 4) -> float:
    """A round step (1, 2 or 5 times a power of ten) cutting ``span`` in about
    ``parts`` parts."""
    if span <= 0:
        return 1.0
    raw = span / parts
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return float(factor * power)
    return float(10 * power)  # pragma: no cover - the loop always returns


def lines(series: Sequence[Sequence[float | None]], count: int) -> LineLayout:
    """Place ``series`` of ``count`` values each (None: no value) on one axis
    from zero (or the lowest value, if below) to a round number above the
    highest; a series' dots are joined where two periods side by side have
    values."""
    values = [v for row in series for v in row if v is not None]
    low = min([0.0, *values])
    high = max([0.0, *values])
    step = nice_step(high - low)
    bottom = math.floor(low / step) * step
    top = max(math.ceil(high / step) * step, bottom + step)

    def y_of(value: float) -> int:
        return round(
            LINE_BASE - (LINE_BASE - LINE_TOP) * (value - bottom) / (top - bottom)
        )

    def x_of(i: int) -> float:
        if count <= 1:
            return (LINE_LEFT + LINE_RIGHT) / 2
        return LINE_LEFT + (LINE_RIGHT - LINE_LEFT) * i / (count - 1)

    points = tuple(
        tuple(
            Point(pct(x_of(i)), y_of(v)) if v is not None else None
            for i, v in enumerate(row)
        )
        for row in series
    )
    segments = tuple(
        tuple(
            Segment(a.x, a.y, b.x, b.y)
            for a, b in itertools.pairwise(row)
            if a is not None and b is not None
        )
        for row in points
    )
    ticks = []
    n = round((top - bottom) / step)
    for k in range(n + 1):
        value = bottom + k * step
        ticks.append(Tick(y=y_of(value), value=value))
    # Every few periods a label, the last one always (it takes the place of
    # the one before it when they would touch).
    every = max(1, math.ceil(count / LINE_LABELS))
    labelled = set(range(0, count, every))
    if count and count - 1 not in labelled:
        labelled.discard(max(labelled))
        labelled.add(count - 1)
    slots = tuple(Slot(pct(x_of(i)), labelled=i in labelled) for i in range(count))
    return LineLayout(
        points=points,
        segments=segments,
        ticks=tuple(ticks),
        slots=slots,
        height=LINE_HEIGHT,
        axis_y=LINE_BASE,
        left=pct(LINE_LEFT),
        right=pct(LINE_RIGHT),
        tick_x=pct(LINE_LEFT - 1.5),
    )
