"""The statistics page of the register: figures, charts drawn here, an XLSX table.

The charts are SVG written by the template from the geometry computed below:
no script, no external service, and each chart has a text alternative (its
title and description) next to a table of the same figures.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import numberformat, timezone
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from danvan.accounts.models import Membership
from danvan.common.http import AuthedRequest
from danvan.common.xlsx import xlsx_response
from danvan.initiatives.models import Classification, Commendation, Initiative, Level
from danvan.initiatives.stats import (
    DEFAULT_N,
    ModelStats,
    model_statistics,
    percent,
)
from danvan.units.lineage import predecessors
from danvan.units.models import Area, Body

FIRST_YEAR = 2009
MAX_N = 1000

# Geometry of the charts. Horizontal positions are percentages of the chart's
# width and heights are pixels, so the text keeps its size on a phone and on a
# wide screen alike (a scaled viewBox would shrink or blow it up).
ROW = 40  # a bar chart row: the label, then the bar
BAR_SPAN = 82.0  # % of the width for the longest bar; its number follows
UNIT_ROW = 22
UNIT_LABEL = 34.0  # % of the width for the unit names (right-aligned)
UNIT_SPAN = 56.0
GAUGE_R = 42


def grouped(value: int) -> str:
    """``value`` with its thousands separated as the language writes them."""
    return numberformat.format(
        value,
        get_format("DECIMAL_SEPARATOR"),
        0,
        3,
        get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


def one_decimal(value: float) -> str:
    return numberformat.format(value, get_format("DECIMAL_SEPARATOR"), 1)


def _pct(value: float) -> str:
    """An SVG coordinate in per cent, written the same in every language."""
    return f"{value:.2f}%"


@dataclass(frozen=True)
class BarRow:
    label: str
    value: str
    part: str  # the darker part of the bar (effective models), "" for none
    y_label: int
    y_bar: int
    y_value: int
    width: str
    part_width: str
    value_x: str


@dataclass(frozen=True)
class BarChart:
    rows: tuple[BarRow, ...]
    height: int
    description: str


@dataclass(frozen=True)
class Gauge:
    label: str
    numbers: str  # "60/99"
    share: str  # "61%" or "—"
    filled: bool
    dash: str  # length of the filled arc, then the rest of the circle
    description: str


@dataclass(frozen=True)
class UnitRow:
    id: int
    name: str
    short: str
    registered: int
    effective: int
    met: bool
    y_text: int
    y_bar: int
    width: str
    value_x: str


@dataclass(frozen=True)
class UnitChart:
    rows: tuple[UnitRow, ...]
    height: int
    threshold_x: str
    label_x: str
    bar_x: str
    description: str


def _bar_chart(items: list[tuple[str, int, int]], sentence: str) -> BarChart:
    """Horizontal bars, the label above each bar; ``part`` drawn darker inside."""
    top = max((value for _label, value, _part in items), default=0) or 1
    rows = []
    texts = []
    for i, (label, value, part) in enumerate(items):
        width = BAR_SPAN * value / top
        rows.append(
            BarRow(
                label=label,
                value=grouped(value),
                part=grouped(part) if part else "",
                y_label=i * ROW + 13,
                y_bar=i * ROW + 18,
                y_value=i * ROW + 31,
                width=_pct(width),
                part_width=_pct(BAR_SPAN * part / top),
                value_x=_pct(width + 1.5),
            )
        )
        texts.append(sentence % {"label": label, "value": value, "part": part})
    return BarChart(
        rows=tuple(rows),
        height=max(len(rows) * ROW, ROW),
        description="; ".join(texts) + ".",
    )


def _gauge(label: str, part: int, whole: int) -> Gauge:
    circle = 2 * math.pi * GAUGE_R
    share = percent(part, whole)
    dash = circle * part / whole if whole else 0.0
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
        share=f"{round(share)}%" if share is not None else "—",
        filled=dash > 0,
        dash=f"{dash:.2f} {circle - dash:.2f}",
        description=description,
    )


def _unit_chart(stats: ModelStats) -> UnitChart:
    threshold = stats.units_with_at_least_n_effective
    top = max([threshold.n, *(u.effective for u in threshold.units)])
    rows = []
    for i, unit in enumerate(threshold.units):
        width = UNIT_SPAN * unit.effective / top
        rows.append(
            UnitRow(
                id=unit.id,
                name=unit.name,
                short=unit.name if len(unit.name) <= 24 else unit.name[:23] + "…",
                registered=unit.registered,
                effective=unit.effective,
                met=unit.effective >= threshold.n,
                y_text=i * UNIT_ROW + 15,
                y_bar=i * UNIT_ROW + 4,
                width=_pct(width),
                value_x=_pct(UNIT_LABEL + 1 + width + 1),
            )
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
    return UnitChart(
        rows=tuple(rows),
        height=max(len(rows) * UNIT_ROW, UNIT_ROW) + 4,
        threshold_x=_pct(UNIT_LABEL + 1 + UNIT_SPAN * threshold.n / top),
        label_x=_pct(UNIT_LABEL),
        bar_x=_pct(UNIT_LABEL + 1),
        description=description + ".",
    )


def _unit_word(level: str) -> str:
    words = {
        "province": _("provinces"),
        "district": _("districts"),
        "commune": _("communes"),
        "village": _("villages"),
    }
    return words.get(level, _("sub-units"))


# --- choices and parameters ---------------------------------------------------------


def _roots(user: Any) -> tuple[list[Area], list[Body]]:
    """The areas a user belongs to (directly or through an area-wide body), and
    the bodies of their other memberships."""
    areas: dict[int, Area] = {}
    bodies: dict[int, Body] = {}
    for m in Membership.objects.filter(user=user).select_related("area", "body__area"):
        if m.area is not None:
            areas[m.area.pk] = m.area
        elif m.body is not None:
            if m.body.area_wide:
                areas[m.body.area.pk] = m.body.area
            else:
                bodies[m.body.pk] = m.body
    return list(areas.values()), list(bodies.values())


def _area_label(area: Area) -> str:
    if area.valid_to is not None:
        return _("%(name)s (until %(date)s)") % {
            "name": area.full_name,
            "date": area.valid_to.strftime("%d/%m/%Y"),
        }
    return area.full_name


def _area_choices(
    roots: list[Area], on: dt.date, chosen: Area | None
) -> list[tuple[int, str, int]]:
    """The user's areas, the units under them in force, and their former units.

    Each choice is (pk, label, depth) with depth 0 for the user's own areas.
    """
    seen: set[int] = set()
    choices: list[tuple[int, str, int]] = []

    def add(area: Area, depth: int) -> None:
        if area.pk not in seen:
            seen.add(area.pk)
            choices.append((area.pk, _area_label(area), depth))

    for root in roots:
        add(root, 0)
        for child in (
            Area.objects.in_force(on).filter(parent=root).order_by("search_name")
        ):
            add(child, 1)
        for old in predecessors(root):
            if old.level != Area.Level.COMMUNE or root.level == Area.Level.COMMUNE:
                add(old, 1)
    if chosen is not None and chosen.pk not in seen:
        choices.insert(0, (chosen.pk, _area_label(chosen), 0))
    return choices


def _int(value: str | None, default: int | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else default
    except ValueError:
        return default


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@dataclass
class Choice:
    area: Area | None
    body: Body | None
    year: int | None
    period: tuple[dt.date, dt.date] | None
    n: int
    errors: list[str]


def _choice(request: AuthedRequest, roots: list[Area], bodies: list[Body]) -> Choice:
    """Read the area, body, year or period and N; 404 outside the user's scope."""
    params = request.GET
    user = request.user
    errors: list[str] = []
    area = body = None
    area_id = _int(params.get("area"), None)
    body_id = _int(params.get("body"), None)
    if area_id is not None:
        area = Area.objects.visible_to(user).filter(pk=area_id).first()
        if area is None:
            raise Http404
    if body_id is not None:
        body = Body.objects.visible_to(user).select_related("area").filter(pk=body_id)
        body = body.first()
        if body is None:
            raise Http404
    if area is None and body is None and not user.is_superuser:
        if roots:
            area = roots[0]
        elif bodies:
            body = bodies[0]
        else:
            raise Http404
    year: int | None = timezone.localdate().year
    if "year" in params:
        year = _int(params.get("year"), None)
    start, end = _date(params.get("from")), _date(params.get("to"))
    period = None
    if start or end:
        if start and end and start <= end:
            period = (start, end)
        else:
            errors.append(
                _("Give the start and the end of the period, the start first.")
            )
    n = _int(params.get("n"), DEFAULT_N)
    if n is None or not 1 <= n <= MAX_N:
        errors.append(_("N must be between 1 and %(max)s.") % {"max": MAX_N})
        n = DEFAULT_N
    return Choice(area, body, year, period, n, errors)


# --- the XLSX table -----------------------------------------------------------------


def _scope_text(stats: ModelStats) -> str:
    if stats.period:
        return _("registered from %(start)s to %(end)s") % {
            "start": stats.period[0].strftime("%d/%m/%Y"),
            "end": stats.period[1].strftime("%d/%m/%Y"),
        } + (f" ({stats.year})" if stats.year else "")
    if stats.year:
        return _("year %(year)s") % {"year": stats.year}
    return _("all years")


def _unit_name(stats: ModelStats) -> str:
    names = [n for n in (stats.area_name, stats.body_name) if n]
    return " — ".join(names) or _("Whole country")


def _share_text(share: float | None) -> str:
    return f"{one_decimal(share)}%" if share is not None else "—"


def table_rows(stats: ModelStats, *, units: bool = True) -> list[list[Any]]:
    """The figures as rows: group, figure, number, out of, share (%), note.

    With ``units``, one row per sub-unit follows: its effective models.
    """
    registered = stats.registered
    threshold = stats.units_with_at_least_n_effective
    word = _unit_word(threshold.level)
    rows: list[list[Any]] = [
        [_("Scope"), _("Unit"), _unit_name(stats), "", "", ""],
        [_("Scope"), _("Time"), _scope_text(stats), "", "", ""],
        [
            _("Scope"),
            _("Units in force on"),
            stats.on.strftime("%d/%m/%Y"),
            "",
            "",
            "",
        ],
        [_("Registered"), _("Models registered"), registered, "", "", ""],
        [
            _("Registered"),
            _("new"),
            stats.new,
            registered,
            percent(stats.new, registered),
            "",
        ],
        [
            _("Registered"),
            _("continuing"),
            stats.continuing,
            registered,
            percent(stats.continuing, registered),
            "",
        ],
        [
            _("Registered"),
            _("Cumulative up to this time"),
            stats.cumulative,
            "",
            "",
            "",
        ],
    ]
    for f in stats.by_field:
        rows.append(
            [
                _("By field"),
                f.name,
                f.registered,
                registered,
                percent(f.registered, registered),
                _("%(n)s effective or better") % {"n": f.effective},
            ]
        )
    levels = dict(Level.choices)
    for level, count in stats.by_level.items():
        rows.append(
            [
                _("By level"),
                str(levels.get(level, level)),
                count,
                registered,
                percent(count, registered),
                "",
            ]
        )
    classes = {**dict(Classification.choices), "unevaluated": _("not evaluated")}
    for code, count in stats.by_classification.items():
        rows.append(
            [
                _("By classification"),
                str(classes.get(code, code)),
                count,
                registered,
                percent(count, registered),
                "",
            ]
        )
    kinds = dict(Initiative.Kind.choices)
    for code, count in stats.by_kind.items():
        rows.append(
            [
                _("By kind"),
                str(kinds.get(code, code)),
                count,
                registered,
                percent(count, registered),
                "",
            ]
        )
    rows += [
        [
            _("Results"),
            _("Effective or exemplary"),
            stats.effective,
            registered,
            stats.effective_share,
            "",
        ],
        [
            _("Coverage"),
            _("Communes with at least one model"),
            stats.communes_with_model,
            stats.communes_total,
            stats.communes_share,
            "",
        ],
        [
            _("Coverage"),
            _("Bodies with at least one model"),
            stats.bodies_with_model,
            stats.bodies_total,
            stats.bodies_share,
            "",
        ],
        [
            _("Coverage"),
            _("%(units)s with at least %(n)s effective models")
            % {"units": word.capitalize(), "n": threshold.n},
            threshold.numerator,
            threshold.denominator,
            percent(threshold.numerator, threshold.denominator),
            "",
        ],
        [_("Resources"), _("Money mobilized (đồng)"), stats.money_vnd, "", "", ""],
        [_("Resources"), _("Working days mobilized"), stats.working_days, "", "", ""],
        [_("Resources"), _("People reached"), stats.people_reached, "", "", ""],
        [
            _("Resources"),
            _("Funds planned (đồng)"),
            stats.planned_money_vnd,
            "",
            "",
            "",
        ],
        [
            _("Resources"),
            _("Working days planned"),
            stats.planned_working_days,
            "",
            "",
            "",
        ],
        [
            _("Resources"),
            _("Socialized contributions planned (đồng)"),
            stats.socialized_vnd,
            "",
            "",
            "",
        ],
        [
            _("Recognition"),
            _("Models commended"),
            stats.commended,
            registered,
            percent(stats.commended, registered),
            "",
        ],
    ]
    forms = dict(Commendation.Form.choices)
    for code, count in stats.commended_by_form.items():
        rows.append(
            [
                _("Recognition"),
                str(forms.get(code, code)),
                count,
                registered,
                percent(count, registered),
                "",
            ]
        )
    rows += [
        [
            _("Replication"),
            _("Models replicating another model"),
            stats.replications,
            registered,
            percent(stats.replications, registered),
            "",
        ],
        [
            _("Replication"),
            _("Models replicated elsewhere"),
            stats.replicated_models,
            registered,
            percent(stats.replicated_models, registered),
            "",
        ],
    ]
    group = _("Effective models by %(unit)s") % {"unit": _unit_word(threshold.level)}
    for unit in threshold.units if units else ():
        rows.append(
            [
                group,
                unit.name,
                unit.effective,
                unit.registered,
                percent(unit.effective, unit.registered),
                _("at least %(n)s") % {"n": threshold.n}
                if unit.effective >= threshold.n
                else "",
            ]
        )
    return rows


def _shown(row: list[Any]) -> list[str]:
    """A table row for the page: numbers grouped, shares with one decimal."""
    shown = []
    for i, cell in enumerate(row):
        if cell is None:
            shown.append("—" if i == 4 else "")
        elif isinstance(cell, int) and not isinstance(cell, bool):
            shown.append(grouped(cell))
        elif isinstance(cell, float):
            shown.append(one_decimal(cell))
        else:
            shown.append(str(cell))
    return shown


def table_headers() -> list[str]:
    return [
        _("Group"),
        _("Figure"),
        _("Number"),
        _("Out of"),
        _("Share (%)"),
        _("Note"),
    ]


# --- the page -----------------------------------------------------------------------


@login_required
def stats_page(request: AuthedRequest) -> HttpResponse:
    """Figures of the register for an area or body and a year or period."""
    roots, bodies = _roots(request.user)
    choice = _choice(request, roots, bodies)
    stats = model_statistics(
        area=choice.area,
        body=choice.body,
        year=choice.year,
        period=choice.period,
        n=choice.n,
        user=request.user,
    )
    if request.GET.get("format") == "xlsx":
        slug = choice.area.code if choice.area else "ca-nuoc"
        when = stats.year or (
            f"{stats.period[0]:%Y%m%d}-{stats.period[1]:%Y%m%d}"
            if stats.period
            else "tat-ca"
        )
        return xlsx_response(
            f"thong-ke-mo-hinh-{slug}-{when}.xlsx",
            _("Statistics"),
            table_headers(),
            table_rows(stats),
        )
    threshold = stats.units_with_at_least_n_effective
    level_names = dict(Level.choices)
    class_names = {**dict(Classification.choices), "unevaluated": _("not evaluated")}
    by_field = _bar_chart(
        [(f.name, f.registered, f.effective) for f in stats.by_field],
        _("%(label)s: %(value)s models, %(part)s effective or better"),
    )
    by_level = _bar_chart(
        [
            (str(level_names.get(k, k)), v, 0)
            for k, v in stats.by_level.items()
            if v or k != Level.DISTRICT
        ],
        _("%(label)s: %(value)s models"),
    )
    by_class = _bar_chart(
        [
            (str(class_names.get(k, k)), v, 0)
            for k, v in stats.by_classification.items()
        ],
        _("%(label)s: %(value)s models"),
    )
    gauges = [
        _gauge(
            _("Communes with at least one model"),
            stats.communes_with_model,
            stats.communes_total,
        ),
        _gauge(
            _("Bodies with at least one model"),
            stats.bodies_with_model,
            stats.bodies_total,
        ),
        _gauge(_("Effective or exemplary"), stats.effective, stats.registered),
        _gauge(
            _("%(units)s with at least %(n)s effective models")
            % {"units": _unit_word(threshold.level).capitalize(), "n": threshold.n},
            threshold.numerator,
            threshold.denominator,
        ),
    ]
    share = stats.effective_share
    word = _unit_word(threshold.level)
    cards = [
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
            _share_text(stats.communes_share),
        ),
        (
            _("%(units)s with at least %(n)s effective models")
            % {"units": word.capitalize(), "n": threshold.n},
            f"{threshold.numerator}/{threshold.denominator}",
            _share_text(percent(threshold.numerator, threshold.denominator)),
        ),
        (
            _("Bodies with at least one model"),
            f"{grouped(stats.bodies_with_model)}/{grouped(stats.bodies_total)}",
            _share_text(stats.bodies_share),
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
    this_year = timezone.localdate().year
    context = {
        "stats": stats,
        "choice": choice,
        "areas": _area_choices(roots, stats.on, choice.area),
        "bodies": bodies,
        "country": request.user.is_superuser,
        "years": list(range(this_year + 1, FIRST_YEAR - 1, -1)),
        "scope_text": _scope_text(stats),
        "unit_name": _unit_name(stats),
        "unit_word": word,
        "cards": cards,
        "by_field": by_field,
        "by_level": by_level,
        "by_class": by_class,
        "gauges": gauges,
        "gauge_r": GAUGE_R,
        "units": _unit_chart(stats),
        # The sub-units have their own table on the page; the XLSX lists them.
        "rows": [_shown(row) for row in table_rows(stats, units=False)],
        "headers": table_headers(),
    }
    return render(request, "initiatives/stats.html", context)
