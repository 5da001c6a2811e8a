"""The area dashboard: trend lines over periods and sub-units compared, for
an area or a body and a span of periods, each chart with its table, its text
alternative and its XLSX (``dashboards:chart_xlsx``, same parameters).

Two sums (``datasets.aggregate.sums``) whatever the span: the place's values
by period (the span and the year before it), and by sub-unit for the last
period. The page below the menu is kept (``dashboards.kept``) per reader's
scope, their own unit and the query string.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from danvan.common.http import AuthedRequest
from danvan.common.kept import list_params
from danvan.common.xlsx import xlsx_response
from danvan.dashboards import charts
from danvan.dashboards import figures as dash
from danvan.dashboards.forms import DashboardForm
from danvan.dashboards.kept import FIGURES
from danvan.dashboards.places import Place, home_place
from danvan.datasets import completeness as rates
from danvan.datasets.aggregate import sums
from danvan.datasets.models import FormIndicator, Indicator
from danvan.meetings.models import PeriodType

# Periods shown by default, and at most.
DEFAULT_PERIODS = 8
MAX_PERIODS = 40
MAX_INDICATORS = 4


@dataclass
class Choice:
    """What the page shows: a wrong parameter falls back to its default."""

    place: Place
    period_type: str
    periods: list[dash.PeriodName]  # oldest first
    indicators: list[Indicator]
    threshold: Decimal | None
    chosen: Indicator | None  # the indicator asked, if any

    @property
    def start(self) -> dt.date:
        return dash.bounds(self.periods[0])[0]

    @property
    def end(self) -> dt.date:
        return dash.bounds(self.periods[-1])[1]


def _span(
    start: dash.PeriodName | None, end: dash.PeriodName, count: int
) -> list[dash.PeriodName]:
    """The periods from ``start`` (or ``count`` before ``end``) to ``end``."""
    first_day = dash.bounds(end)[0]
    back = rates.recent_periods(end[0], today=first_day, count=MAX_PERIODS)
    if start is not None:
        limit = dash.bounds(start)[0]
        back = [p for p in back if dash.bounds(p)[0] >= limit] or back[:1]
    else:
        back = back[:count]
    return list(reversed(back))


def _period_type_of(indicator: Indicator) -> str | None:
    """The period type of a form in use that carries ``indicator``."""
    found: str | None = (
        FormIndicator.objects.filter(indicator=indicator, form__active=True)
        .exclude(form__period_type=PeriodType.CUSTOM)
        .order_by("form__name", "form_id")
        .values_list("form__period_type", flat=True)
        .first()
    )
    return found


def read_choice(form: DashboardForm, user: Any) -> Choice:
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    area, body = data.get("area"), data.get("body")
    if body is not None:
        place = Place(None, body)
    elif area is not None:
        place = Place(area, None)
    else:
        place = home_place(user) or Place(None, None)
    forms = dash.forms_of(place)
    start, end = data.get("start"), data.get("end")
    chosen = data.get("indicator")
    period_type = (
        (end or start or (None,))[0]
        or (_period_type_of(chosen) if chosen is not None else None)
        or (forms[0].period_type if forms else None)
        or PeriodType.QUARTER
    )
    today = timezone.localdate()
    if end is None or end[0] != period_type:
        end = dash.current_period(period_type, today)
    if start is not None and (
        start[0] != period_type or dash.bounds(start)[0] > dash.bounds(end)[0]
    ):
        start = None
    if chosen is not None:
        indicators = [chosen]
    else:
        main = dash.key_indicators([f for f in forms if f.period_type == period_type])
        indicators = [i for f in forms for i in main.get(f.pk, [])][:MAX_INDICATORS]
    return Choice(
        place=place,
        period_type=period_type,
        periods=_span(start, end, DEFAULT_PERIODS),
        indicators=indicators,
        threshold=data.get("threshold"),
        chosen=chosen,
    )


@dataclass
class Charts:
    trends: list[charts.Trend]
    ranked: list[charts.Ranked]
    period: str  # the last period, whose sub-units are compared


def compute(user: Any, choice: Choice) -> Charts:
    """The charts of ``choice``: two sums."""
    place = choice.place
    if not choice.indicators:
        return Charts([], [], dash.label(choice.periods[-1]))
    year_before = [dash.year_before(p) for p in choice.periods]
    by_period = sums(
        user=user,
        indicators=choice.indicators,
        area=place.area,
        body=place.body,
        start=dash.bounds(year_before[0])[0],
        end=choice.end,
        period_type=choice.period_type,
        by=("indicator", "period"),
    )
    value = dash.ByPeriod(by_period).value
    labels = [dash.label(p) for p in choice.periods]
    trends = [
        charts.trend(
            indicator,
            labels,
            [value(indicator, p) for p in choice.periods],
            [value(indicator, p) for p in year_before],
        )
        for indicator in choice.indicators
    ]
    last = choice.periods[-1]
    first_day, last_day = dash.bounds(last)
    by_unit = sums(
        user=user,
        indicators=choice.indicators,
        area=place.area,
        body=place.body,
        start=first_day,
        end=last_day,
        period_type=choice.period_type,
        by=("indicator", "unit"),
    )
    ranked = [
        charts.ranked(
            indicator,
            labels[-1],
            [(unit, by_unit.value(indicator, unit)) for unit in by_unit.units],
            choice.threshold,
        )
        for indicator in choice.indicators
    ]
    return Charts(trends, ranked, labels[-1])


def _content(request: AuthedRequest) -> str:
    user = request.user
    form = DashboardForm(request.GET or None, user=user)
    choice = read_choice(form, user)
    found = compute(user, choice)
    query = request.GET.copy()
    query.pop("chart", None)
    area_field: Any = form.fields["area"]
    area_field.empty_label = "—"
    body_field: Any = form.fields["body"]
    body_field.empty_label = "—"
    context = {
        "form": form,
        "choice": choice,
        "place": choice.place,
        "charts": found,
        "period_type_label": PeriodType(choice.period_type).label,
        "span": f"{dash.label(choice.periods[0])} – {dash.label(choice.periods[-1])}",
        "from_spec": dash.spec(choice.periods[0]),
        "to_spec": dash.spec(choice.periods[-1]),
        "period_options": _period_options(choice),
        "indicator_options": [
            (i.pk, f"{i.name} ({i.unit})" if i.unit else i.name)
            for i in form.fields["indicator"].queryset  # type: ignore[attr-defined]
        ],
        "query": query.urlencode(),
        "errors": [str(e) for errors in form.errors.values() for e in errors]
        if form.is_bound
        else [],
    }
    return render_to_string("dashboards/area.html#content", context, request)


def _period_options(choice: Choice) -> list[tuple[str, str]]:
    """The periods offered for ``from`` and ``to``, newest first: the last
    few years of the type, and the span's own ends."""
    today = timezone.localdate()
    found = rates.recent_periods(choice.period_type, today=today, count=24)
    for end in (choice.periods[-1], choice.periods[0]):
        if end not in found:
            found.append(end)
    found.sort(key=lambda p: dash.bounds(p)[0], reverse=True)
    return [(dash.spec(p), dash.label(p)) for p in found]


@login_required
@require_GET
def area_dashboard(request: AuthedRequest) -> HttpResponse:
    """Trends and sub-units compared for an area (or body) and a span."""
    user = request.user
    own = home_place(user)
    content = FIGURES.kept(
        "area",
        user,
        (list_params(request.GET), own.key if own else None),
        lambda: _content(request),
    )
    return render(request, "dashboards/area.html", {"content": content})


@login_required
@require_GET
def chart_xlsx(request: AuthedRequest) -> HttpResponse:
    """One chart's data (``?chart=trend-<indicator>`` or ``units-<indicator>``
    and the page's parameters) as a workbook."""
    user = request.user
    form = DashboardForm(request.GET or None, user=user)
    choice = read_choice(form, user)
    kind, _sep, key = request.GET.get("chart", "").partition("-")
    chosen = [i for i in choice.indicators if str(i.pk) == key]
    if kind not in ("trend", "units") or not chosen:
        raise Http404
    choice.indicators = chosen
    found = compute(user, choice)
    indicator = chosen[0]
    place = slugify(choice.place.name) or "ca-nuoc"
    name = f"bang-dieu-hanh-{kind}-{indicator.code.lower()}-{place}.xlsx"
    if kind == "trend":
        headers = [_("Period"), indicator.name, _("Same period a year before")]
        rows: list[list[Any]] = [
            [row.period, charts.xlsx_number(row.value), charts.xlsx_number(row.before)]
            for row in found.trends[0].rows
        ]
    else:
        headers = [_("Rank"), _("Unit"), indicator.name]
        rows = [
            [row.rank, row.unit.name, charts.xlsx_number(row.value)]
            for row in found.ranked[0].rows
        ]
    return xlsx_response(name, indicator.name, headers, rows)
