"""What the statistics page draws: charts placed by ``initiatives.charts``,
labelled and described here (each chart has a text alternative), and the cards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from danvan.initiatives import charts
from danvan.initiatives.models import Classification, Level
from danvan.initiatives.stats.figures import ModelStats, percent
from danvan.initiatives.stats.table import (
    grouped,
    one_decimal,
    share_text,
    unit_word,
)


@dataclass(frozen=True)
class BarRow:
    label: str
    value: str
    part: str  # the darker part of the bar (effective models), "" for none
    bar: charts.Bar


@dataclass(frozen=True)
class BarChart:
    rows: tuple[BarRow, ...]
    height: int
    description: str


@dataclass(frozen=True)
class Gauge:
    label: str
    numbers: str  # "60/99"
    arc: charts.Arc
    description: str


@dataclass(frozen=True)
class UnitRow:
    id: int
    name: str
    short: str
    registered: int
    effective: int
    met: bool
    bar: charts.UnitBar


@dataclass(frozen=True)
class UnitChart:
    rows: tuple[UnitRow, ...]
    layout: charts.UnitLayout
    description: str


def bar_chart(items: list[tuple[str, int, int]], sentence: str) -> BarChart:
    """Horizontal bars of ``(label, value, part)``, ``part`` drawn darker inside."""
    placed, height = charts.bars([(value, part) for _label, value, part in items])
    rows = tuple(
        BarRow(
            label=label,
            value=grouped(value),
            part=grouped(part) if part else "",
            bar=bar,
        )
        for (label, value, part), bar in zip(items, placed, strict=True)
    )
    texts = [
        sentence % {"label": label, "value": value, "part": part}
        for label, value, part in items
    ]
    return BarChart(rows=rows, height=height, description="; ".join(texts) + ".")


def gauge(label: str, part: int, whole: int) -> Gauge:
    """A ring showing ``part`` of ``whole``, with its sentence for screen readers."""
    share = percent(part, whole)
    if share is None:
        description = _("%(label)s: none to count.") % {"label": label}
    else:
        description = _("%(label)s: %(part)s of %(whole)s (%(share)s%%).") % {
            "label": label,
            "part": grouped(part),
            "whole": grouped(whole),
            "share": one_decimal(share),
        }
    return Gauge(
        label=label,
        numbers=f"{grouped(part)}/{grouped(whole)}",
        arc=charts.gauge(part, whole),
        description=description,
    )


def unit_chart(stats: ModelStats) -> UnitChart:
    """Effective models per sub-unit against the threshold N."""
    threshold = stats.units_with_at_least_n_effective
    layout = charts.unit_bars([u.effective for u in threshold.units], threshold.n)
    rows = tuple(
        UnitRow(
            id=unit.id,
            name=unit.name,
            short=charts.short_name(unit.name),
            registered=unit.registered,
            effective=unit.effective,
            met=unit.effective >= threshold.n,
            bar=bar,
        )
        for unit, bar in zip(threshold.units, layout.bars, strict=True)
    )
    met = [r.name for r in rows if r.met]
    description = _(
        "%(numerator)s of %(denominator)s units have at least %(n)s effective models"
    ) % {
        "numerator": threshold.numerator,
        "denominator": threshold.denominator,
        "n": threshold.n,
    }
    if met:
        description += ": " + ", ".join(met)
    return UnitChart(rows=rows, layout=layout, description=description + ".")


def threshold_label(stats: ModelStats) -> str:
    """ "Communes with at least N effective models", for the level of the sub-units."""
    threshold = stats.units_with_at_least_n_effective
    return _("%(units)s with at least %(n)s effective models") % {
        "units": unit_word(threshold.level).capitalize(),
        "n": threshold.n,
    }


def page_charts(stats: ModelStats) -> dict[str, Any]:
    """The charts of the page: by field, level and classification, gauges, units."""
    threshold = stats.units_with_at_least_n_effective
    level_names = dict(Level.choices)
    class_names = {**dict(Classification.choices), "unevaluated": _("not evaluated")}
    return {
        "by_field": bar_chart(
            [(f.name, f.registered, f.effective) for f in stats.by_field],
            _("%(label)s: %(value)s models, %(part)s effective or better"),
        ),
        "by_level": bar_chart(
            [
                (str(level_names.get(k, k)), v, 0)
                for k, v in stats.by_level.items()
                if v or k != Level.DISTRICT
            ],
            _("%(label)s: %(value)s models"),
        ),
        "by_class": bar_chart(
            [
                (str(class_names.get(k, k)), v, 0)
                for k, v in stats.by_classification.items()
            ],
            _("%(label)s: %(value)s models"),
        ),
        "gauges": [
            gauge(
                _("Communes with at least one model"),
                stats.communes_with_model,
                stats.communes_total,
            ),
            gauge(
                _("Bodies with at least one model"),
                stats.bodies_with_model,
                stats.bodies_total,
            ),
            gauge(_("Effective or exemplary"), stats.effective, stats.registered),
            gauge(threshold_label(stats), threshold.numerator, threshold.denominator),
        ],
        "gauge_r": charts.GAUGE_R,
        "units": unit_chart(stats),
    }


def cards(stats: ModelStats) -> list[tuple[str, str, str]]:
    """The key figures on top of the page: (label, value, note)."""
    threshold = stats.units_with_at_least_n_effective
    share = stats.effective_share
    return [
        (
            _("Models registered"),
            grouped(stats.registered),
            _("%(new)s new, %(continuing)s continuing")
            % {"new": grouped(stats.new), "continuing": grouped(stats.continuing)},
        ),
        (
            _("Effective or exemplary"),
            grouped(stats.effective),
            f"{one_decimal(share)}% " + _("of the models registered")
            if share is not None
            else "—",
        ),
        (
            _("Communes with at least one model"),
            f"{grouped(stats.communes_with_model)}/{grouped(stats.communes_total)}",
            share_text(stats.communes_share),
        ),
        (
            threshold_label(stats),
            f"{threshold.numerator}/{threshold.denominator}",
            share_text(percent(threshold.numerator, threshold.denominator)),
        ),
        (
            _("Bodies with at least one model"),
            f"{grouped(stats.bodies_with_model)}/{grouped(stats.bodies_total)}",
            share_text(stats.bodies_share),
        ),
        (
            _("Money mobilized (đồng)"),
            grouped(stats.money_vnd),
            _("%(days)s working days") % {"days": grouped(stats.working_days)},
        ),
        (_("Models commended"), grouped(stats.commended), ""),
        (
            _("Replications"),
            grouped(stats.replications),
            _("%(n)s models of here replicated")
            % {"n": grouped(stats.replicated_models)},
        ),
        (_("Cumulative up to this time"), grouped(stats.cumulative), ""),
    ]
