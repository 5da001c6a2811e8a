"""The pivot of reported figures: indicators × sub-units × periods, and its XLSX.

One sum (``datasets.aggregate.sums``) per page: the chosen indicators on the
chosen area (or body) over a span of periods of one type, by sub-unit, by
period or both, with a totals row. ``?format=xlsx`` gives the same table.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from danvan.common.http import AuthedRequest
from danvan.common.kept import list_params
from danvan.common.numbers import format_number
from danvan.common.xlsx import xlsx_response
from danvan.datasets.aggregate import PeriodKey, Sums, Unit, sums
from danvan.datasets.forms.sums import (
    PivotChoice,
    PivotForm,
    numeric_catalogue,
    read_choice,
)
from danvan.datasets.kept import SUMS
from danvan.datasets.models import Indicator
from danvan.documents.forms import default_area
from danvan.meetings.models import PeriodType
from danvan.units.models import Area
from danvan.units.widgets import area_label


@dataclass(frozen=True)
class Line:
    """One line of the table: its heading cells, then a value per indicator."""

    unit: Unit | None
    period: PeriodKey | None
    values: list[Decimal | None]
    total: bool = False


def _heading(indicator: Indicator) -> str:
    return f"{indicator.name} ({indicator.unit})" if indicator.unit else indicator.name


def table(result: Sums) -> tuple[list[str], list[Line]]:
    """The pivot's headers and lines, the totals line last.

    Totals only: a line per indicator. Otherwise a line per sub-unit, period,
    or sub-unit and period that has values (every sub-unit, even empty), a
    column per indicator.
    """
    indicators = result.indicators
    if result.by == ("indicator",):
        headers = [_("Indicator"), _("Unit of measure"), _("Value")]
        lines = [
            Line(unit=None, period=None, values=[result.total(i)]) for i in indicators
        ]
        return headers, lines
    by_unit, by_period = "unit" in result.by, "period" in result.by
    headers = []
    if by_unit:
        headers.append(_("Unit"))
    if by_period:
        headers.append(_("Period"))
    headers += [_heading(i) for i in indicators]
    keys: list[tuple[Unit | None, PeriodKey | None]] = []
    if by_unit and by_period:
        filled = {(r.unit, r.period) for r in result.rows}
        keys = [
            (u, p) for u in result.units for p in result.periods if (u, p) in filled
        ]
    elif by_unit:
        keys = [(u, None) for u in result.units]
    else:
        keys = [(None, p) for p in result.periods]
    lines = [
        Line(unit=u, period=p, values=[result.value(i, u, p) for i in indicators])
        for u, p in keys
    ]
    lines.append(
        Line(
            unit=None,
            period=None,
            values=[result.total(i) for i in indicators],
            total=True,
        )
    )
    return headers, lines


def _xlsx_number(value: Decimal | None) -> int | float | str:
    if value is None:
        return ""
    return int(value) if value == value.to_integral_value() else float(value)


def _xlsx(choice: PivotChoice, result: Sums) -> HttpResponse:
    headers, lines = table(result)
    rows: list[list[Any]] = []
    only_totals = result.by == ("indicator",)
    for n, line in enumerate(lines):
        if only_totals:
            indicator = result.indicators[n]
            heading: list[Any] = [indicator.name, indicator.unit]
        elif line.total:
            heading = [_("Total")] + [""] * (len(headers) - len(result.indicators) - 1)
        else:
            heading = []
            if "unit" in result.by:
                heading.append(line.unit.name if line.unit else "")
            if "period" in result.by:
                heading.append(line.period.label if line.period else "")
        rows.append(heading + [_xlsx_number(v) for v in line.values])
    place = choice.area.code if choice.area else "ca-nuoc"
    name = (
        f"so-lieu-{place}-{choice.period_type}-"
        f"{choice.start:%Y%m%d}-{choice.end:%Y%m%d}.xlsx"
    )
    return xlsx_response(name, _("Figures"), headers, rows)


def _shown(lines: list[Line]) -> list[dict[str, Any]]:
    """Lines with their values written the Vietnamese way."""
    return [
        {
            "unit": line.unit,
            "period": line.period,
            "total": line.total,
            "cells": [format_number(v) if v is not None else "" for v in line.values],
        }
        for line in lines
    ]


def _summed(
    request: AuthedRequest, area: Area | None
) -> tuple[PivotForm, PivotChoice, Sums, list[Indicator]]:
    user = request.user
    form = PivotForm(request.GET or None, user=user)
    catalogue = numeric_catalogue()
    choice = read_choice(form, area, catalogue)
    result = sums(
        user=user,
        indicators=choice.indicators,
        area=choice.area,
        body=choice.body,
        start=choice.start,
        end=choice.end,
        period_type=choice.period_type,
        by=choice.by,
    )
    return form, choice, result, catalogue


def _body_picker(form: PivotForm, choice: PivotChoice) -> str:
    """The bodies' picker: a body's own figures (and its sub-bodies')."""
    field: Any = form.fields["body"]
    field.empty_label = "—"
    field.widget.search_limits = {
        "start": choice.start.isoformat(),
        "end": choice.end.isoformat(),
    }
    chosen = choice.body.pk if choice.body else None
    return str(field.widget.render("body", chosen, attrs={"id": "pivot-body"}))


def _content(request: AuthedRequest, area: Area | None) -> str:
    """The page below the menu: the choices, then the table."""
    user = request.user
    form, choice, result, catalogue = _summed(request, area)
    headers, lines = table(result)
    field: Any = form.fields["area"]
    field.empty_label = _("Whole country") if user.is_superuser else "—"
    field.widget.search_limits = {
        "start": choice.start.isoformat(),
        "end": choice.end.isoformat(),
    }
    chosen = {i.pk for i in choice.indicators}
    by_unit = "unit" in result.by
    drill = request.GET.copy()
    for name in ("area", "area_q", "format", "body"):
        drill.pop(name, None)
    context = {
        "by_unit": by_unit,
        "by_period": "period" in result.by,
        # Sub-units are areas (a body's are bodies: no drilling down).
        "link_units": (drill.urlencode() or "by=unit")
        if by_unit and choice.body is None
        else "",
        "period_type_label": PeriodType(choice.period_type).label,
        "form": form,
        "choice": choice,
        "result": result,
        "headers": headers,
        "lines": _shown(lines),
        "only_totals": result.by == ("indicator",),
        "area_picker": field.widget.render(
            "area",
            choice.area.pk if choice.area else None,
            attrs={"id": "pivot-area"},
        ),
        "body_picker": _body_picker(form, choice),
        "place": (
            area_label(choice.area)
            if choice.area
            else (choice.body.name if choice.body else _("Whole country"))
        ),
        "indicator_options": [
            (i.pk, i.name, i.unit, i.pk in chosen) for i in catalogue
        ],
        "errors": [str(e) for errors in form.errors.values() for e in errors]
        if form.is_bound
        else [],
    }
    return render_to_string("datasets/sums/pivot.html#content", context, request)


@login_required
def pivot(request: AuthedRequest) -> HttpResponse:
    """Sums of the chosen indicators on an area, by sub-unit and period.

    The page below the menu is kept until a value, an indicator, a form's
    content or the tree changes (``datasets.kept.SUMS``): it depends on the
    reader's scope, their own area (the default) and the query string.
    """
    user = request.user
    area = default_area(user)
    if request.GET.get("format") == "xlsx":
        _form, choice, result, _catalogue = _summed(request, area)
        return _xlsx(choice, result)
    content = SUMS.kept(
        "pivot",
        user,
        (list_params(request.GET), area.pk if area else None),
        lambda: _content(request, area),
    )
    return render(request, "datasets/sums/pivot.html", {"content": content})


urlpatterns: list[URLPattern] = [
    path("sums/", pivot, name="pivot"),
]
