"""What the area dashboard draws: trend lines and ranked bars placed by
``initiatives.charts``, labelled and described here (every chart has its
sentence for screen readers, and its table), and the rows of their XLSX."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from danvan.common.numbers import format_number
from danvan.datasets.aggregate import Unit
from danvan.datasets.models import Indicator
from danvan.initiatives import charts


def number(value: Decimal | float | None) -> str:
    """A value the Vietnamese way, "—" for none."""
    if value is None:
        return "—"
    if isinstance(value, float):
        value = Decimal(repr(value))
    return format_number(value.normalize() if value == value.to_integral() else value)


@dataclass(frozen=True)
class TrendRow:
    period: str
    value: Decimal | None
    before: Decimal | None  # the same period a year before
    point: charts.Point | None
    point_before: charts.Point | None


@dataclass(frozen=True)
class TickLabel:
    y: int
    text: str


@dataclass(frozen=True)
class SlotLabel:
    x: str
    text: str


@dataclass(frozen=True)
class Trend:
    key: str  # "trend-<indicator>"
    indicator: Indicator
    rows: tuple[TrendRow, ...]
    layout: charts.LineLayout
    ticks: tuple[TickLabel, ...]
    labels: tuple[SlotLabel, ...]
    description: str

    @property
    def empty(self) -> bool:
        return all(r.value is None and r.before is None for r in self.rows)


def short_period(label: str) -> str:
    """ "quý II/2026" → "II/2026", "tháng 3/2026" → "3/2026" under the axis."""
    for word in ("quý ", "tháng "):
        if label.startswith(word):
            return label[len(word) :]
    return label.replace("năm ", "")


def trend(
    indicator: Indicator,
    periods: list[str],
    values: list[Decimal | None],
    before: list[Decimal | None],
) -> Trend:
    """The indicator's line over ``periods``, with the same periods a year
    before as a second (dashed) line."""
    layout = charts.lines(
        [
            [float(v) if v is not None else None for v in values],
            [float(v) if v is not None else None for v in before],
        ],
        len(periods),
    )
    rows = tuple(
        TrendRow(
            period=period,
            value=values[i],
            before=before[i],
            point=layout.points[0][i],
            point_before=layout.points[1][i],
        )
        for i, period in enumerate(periods)
    )
    parts = [f"{r.period}: {number(r.value)}" for r in rows]
    description = _("%(indicator)s by period: %(values)s.") % {
        "indicator": indicator.name,
        "values": "; ".join(parts),
    }
    return Trend(
        key=f"trend-{indicator.pk}",
        indicator=indicator,
        rows=rows,
        layout=layout,
        ticks=tuple(TickLabel(t.y, number(t.value)) for t in layout.ticks),
        labels=tuple(
            SlotLabel(slot.x, short_period(periods[i]))
            for i, slot in enumerate(layout.slots)
            if slot.labelled
        ),
        description=description,
    )


@dataclass(frozen=True)
class RankRow:
    rank: int
    unit: Unit
    short: str
    value: Decimal | None
    over: bool  # at or above the threshold (the average when none is given)
    bar: charts.UnitBar
    text: str


@dataclass(frozen=True)
class Ranked:
    key: str  # "units-<indicator>"
    indicator: Indicator
    period: str
    rows: tuple[RankRow, ...]
    layout: charts.UnitLayout
    average: Decimal | None
    threshold: Decimal | None
    met: int  # sub-units at or above the threshold
    description: str


def ranked(
    indicator: Indicator,
    period: str,
    values: list[tuple[Unit, Decimal | None]],
    threshold: Decimal | None,
) -> Ranked:
    """Sub-units from the highest value down (those without a value last),
    against the average of those with one and the threshold asked."""
    order = sorted(
        values,
        key=lambda item: (item[1] is None, -(item[1] or 0), item[0].name),
    )
    given = [v for _u, v in order if v is not None]
    average = (
        (sum(given, Decimal(0)) / len(given)).quantize(Decimal("0.1"))
        if given
        else None
    )
    line = threshold if threshold is not None else average
    marks = [float(threshold)] if threshold is not None else []
    layout = charts.unit_bars(
        [float(v or 0) for _u, v in order],
        float(average or 0),
        marks,
    )
    rows = tuple(
        RankRow(
            rank=i + 1,
            unit=unit,
            short=charts.short_name(unit.name),
            value=value,
            over=value is not None and line is not None and value >= line,
            bar=bar,
            text=number(value),
        )
        for i, ((unit, value), bar) in enumerate(zip(order, layout.bars, strict=True))
    )
    met = sum(1 for r in rows if r.over) if threshold is not None else 0
    words = ", ".join(f"{r.unit.name} {r.text}" for r in rows)
    description = _("%(indicator)s by sub-unit, %(period)s: %(values)s.") % {
        "indicator": indicator.name,
        "period": period,
        "values": words,
    }
    if average is not None:
        description += " " + _("Average: %(n)s.") % {"n": number(average)}
    if threshold is not None:
        description += " " + _("%(met)s of %(all)s at or above %(n)s.") % {
            "met": met,
            "all": len(rows),
            "n": number(threshold),
        }
    return Ranked(
        key=f"units-{indicator.pk}",
        indicator=indicator,
        period=period,
        rows=rows,
        layout=layout,
        average=average,
        threshold=threshold,
        met=met,
        description=description,
    )


def xlsx_number(value: Decimal | None) -> int | float | str:
    if value is None:
        return ""
    return int(value) if value == value.to_integral_value() else float(value)
