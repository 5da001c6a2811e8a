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
from django.utils import timezone
from django.utils.formats import number_format
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

# Geometry of the charts, in SVG user units (the SVG scales to its box).
WIDTH = 640
BAR_LEFT = 0
BAR_SPAN = 520
ROW = 40
UNIT_LABEL = 190
UNIT_SPAN = 380
UNIT_ROW = 20
GAUGE_R = 42


@dataclass(frozen=True)
class BarRow:
    label: str
    value: int
    part: int  # the darker part of the bar (effective models), 0 for none
    y: float
    width: float
    part_width: float
    value_x: float
    text: str  # the row as a sentence, for the text alternative


@dataclass(frozen=True)
class BarChart:
    rows: tuple[BarRow, ...]
    height: float
    description: str


@dataclass(frozen=True)
class Gauge:
    label: str
    part: int
    whole: int
    share: float | None
    dash: float  # length of the filled arc
    gap: float  # the rest of the circle
    description: str


@dataclass(frozen=True)
class UnitRow:
    id: int
    name: str
    registered: int
    effective: int
    met: bool
    y: float
    width: float
    value_x: float


@dataclass(frozen=True)
class UnitChart:
    rows: tuple[UnitRow, ...]
    height: float
    threshold_x: float
    description: str


def _bar_chart(items: list[tuple[str, int, int]], sentence: str) -> BarChart:
    """Horizontal bars, the label above each bar; ``part`` drawn darker inside."""
    top = max((value for _label, value, _part in items), default=0) or 1
    rows = []
    for i, (label, value, part) in enumerate(items):
        width = BAR_SPAN * value / top
        rows.append(
            BarRow(
                label=label,
                value=value,
                part=part,
                y=i * ROW,
                width=round(width, 1),
                part_width=round(BAR_SPAN * part / top, 1),
                value_x=round(BAR_LEFT + width + 6, 1),
                text=sentence % {"label": label, "value": value, "part": part},
            )
        )
    return BarChart(
        rows=tuple(rows),
        height=max(len(rows) * ROW, ROW),
        description="; ".join(r.text for r in rows) + ".",
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
            "part": part,
            "whole": whole,
            "share": number_format(share, 1),
        }
    return Gauge(
        label=label,
        part=part,
        whole=whole,
        share=share,
        dash=round(dash, 2),
        gap=round(circle - dash, 2),
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
                registered=unit.registered,
                effective=unit.effective,
                met=unit.effective >= threshold.n,
                y=i * UNIT_ROW,
                width=round(width, 1),
                value_x=round(UNIT_LABEL + width + 5, 1),
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
        threshold_x=round(UNIT_LABEL + UNIT_SPAN * threshold.n / top, 1),
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


def table_rows(stats: ModelStats) -> list[list[Any]]:
    """The figures as rows: group, figure, number, out of, share (%), note."""
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
    for unit in threshold.units:
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
            shown.append(number_format(cell, 0, force_grouping=True))
        elif isinstance(cell, float):
            shown.append(number_format(cell, 1))
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
    on = stats.on
    this_year = timezone.localdate().year
    context = {
        "stats": stats,
        "choice": choice,
        "areas": _area_choices(roots, on, choice.area),
        "bodies": bodies,
        "country": request.user.is_superuser,
        "years": list(range(this_year + 1, FIRST_YEAR - 1, -1)),
        "scope_text": _scope_text(stats),
        "unit_name": _unit_name(stats),
        "unit_word": _unit_word(threshold.level),
        "by_field": by_field,
        "by_level": by_level,
        "by_class": by_class,
        "gauges": gauges,
        "units": _unit_chart(stats),
        "rows": [_shown(row) for row in table_rows(stats)],
        "headers": table_headers(),
        "geometry": {
            "width": WIDTH,
            "bar_span": BAR_SPAN,
            "unit_label": UNIT_LABEL,
            "unit_span": UNIT_SPAN,
            "gauge_r": GAUGE_R,
        },
    }
    return render(request, "initiatives/stats.html", context)
