"""What a unit's dashboard counts, each block in a few grouped queries.

- Key figures: the main indicators of the forms reported in the unit's area
  (or received from below it), summed over the unit for the current period,
  the period before it and the same period a year before: one sum
  (``datasets.aggregate.sums``, grouped by period) per period type.
- Reports and forms: per form, who under the unit has sent the period under
  way, and who is late or missing for the last period past its deadline
  (``datasets.completeness``).
- Targets by verdict: the targets of the unit's plans covering this year,
  counted by their latest verdict (one query).
- Tasks overdue (meetings and plans) and "Dân vận khéo" registrations to
  review: one count each.

Every block says where it leads (``url``): the list behind the figure.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from danvan.common import tree
from danvan.datasets import completeness as rates
from danvan.datasets import periods as cutoffs
from danvan.datasets.aggregate import Sums, sums
from danvan.datasets.models import NUMERIC_TYPES, FormIndicator, Indicator, ReportForm
from danvan.meetings import periods
from danvan.meetings.models import Task
from danvan.plans.models import Plan, PlanTask, Progress, Target, Verdict
from danvan.plans.services import Summary, summarize

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User
    from danvan.dashboards.places import Place

FORMS = 3  # forms shown at most
KEY_INDICATORS = 4  # main indicators per form
HUNDRED = Decimal(100)

PeriodName = tuple[str, int, int | None]


# --- periods ----------------------------------------------------------------------


def current_period(period_type: str, today: dt.date) -> PeriodName:
    """The period of ``period_type`` that holds ``today``."""
    return rates.recent_periods(period_type, today=today, count=1)[0]


def previous(name: PeriodName) -> PeriodName:
    period_type, year, number = name
    back = rates.recent_periods(
        period_type, today=periods.resolve_period(*name)[0], count=2
    )
    return back[1] if len(back) > 1 else (period_type, year - 1, number)


def year_before(name: PeriodName) -> PeriodName:
    period_type, year, number = name
    return (period_type, year - 1, number)


def bounds(name: PeriodName) -> tuple[dt.date, dt.date]:
    return periods.resolve_period(*name)


def label(name: PeriodName) -> str:
    return periods.period_label(*name)


def spec(name: PeriodName) -> str:
    period_type, year, number = name
    return f"{period_type}:{year}:{number}" if number else f"{period_type}:{year}"


# --- the forms of a place ---------------------------------------------------------


def forms_of(place: Place) -> list[ReportForm]:
    """The active forms (not ad hoc) reported in the place's area or from
    below it: the form's area holds the place, or lies inside it."""
    forms = (
        ReportForm.objects.filter(active=True)
        .exclude(period_type=periods.CUSTOM)
        .select_related("area")
        .order_by("name", "pk")
    )
    path = place.path
    if not path:
        return list(forms[:FORMS])
    found = [
        form
        for form in forms
        if path.startswith(form.area.path) or form.area.path.startswith(path)
    ]
    return found[:FORMS]


def key_indicators(forms: list[ReportForm]) -> dict[int, list[Indicator]]:
    """Per form, its main indicators: the required numbers first, in the
    form's order (one query)."""
    found: dict[int, list[Indicator]] = defaultdict(list)
    rows = (
        FormIndicator.objects.filter(
            form__in=forms, indicator__value_type__in=NUMERIC_TYPES
        )
        .select_related("indicator")
        .order_by("form_id", "-required", "section__order", "order", "pk")
    )
    for row in rows:
        if len(found[row.form_id]) < KEY_INDICATORS:
            found[row.form_id].append(row.indicator)
    return found


# --- key figures --------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A value against another: the difference and its share."""

    base: Decimal | None
    diff: Decimal | None
    percent: Decimal | None

    @property
    def sign(self) -> str:
        """ "up", "down" or "" (no change, or nothing to compare)."""
        if not self.diff:
            return ""
        return "up" if self.diff > 0 else "down"


def change(value: Decimal | None, base: Decimal | None) -> Change:
    if value is None or base is None:
        return Change(base, None, None)
    diff = value - base
    share = (
        (diff * HUNDRED / base).quantize(Decimal("0.1"), ROUND_HALF_UP)
        if base
        else None
    )
    return Change(base, diff, share)


@dataclass(frozen=True)
class Figure:
    indicator: Indicator
    value: Decimal | None
    previous: Change
    last_year: Change
    url: str  # the pivot of the indicator over the periods compared
    chart_url: str  # the area dashboard of the indicator


@dataclass(frozen=True)
class FormFigures:
    form: ReportForm
    period: str  # its label
    previous: str
    last_year: str
    figures: list[Figure]
    # Who under the place has sent the period shown (``with_coverage``).
    coverage: Reporting | None = None


class ByPeriod:
    """The values of a sum grouped by period, read by the period's name."""

    def __init__(self, found: Sums) -> None:
        self.found = found
        self.keys = {p.start: p for p in found.periods}

    def value(self, indicator: Indicator, name: PeriodName) -> Decimal | None:
        key = self.keys.get(bounds(name)[0])
        return self.found.value(indicator, None, key) if key is not None else None


def place_query(place: Place) -> dict[str, Any]:
    if place.body is not None:
        return {"body": place.body.pk}
    if place.area is not None:
        return {"area": place.area.pk}
    return {}


def key_figures(
    user: User | AnonymousUser,
    place: Place,
    forms: list[ReportForm],
    today: dt.date,
) -> list[FormFigures]:
    """The main indicators of ``forms`` for the current period (the one
    under way, else the one before it while the current has no figure),
    against the period before and the same one a year before."""
    chosen = key_indicators(forms)
    by_type: dict[str, list[ReportForm]] = defaultdict(list)
    for form in forms:
        if chosen.get(form.pk):
            by_type[form.period_type].append(form)
    result: list[FormFigures] = []
    for period_type, typed in by_type.items():
        now = current_period(period_type, today)
        before = previous(now)
        first = bounds(year_before(before))[0]
        indicators = [i for form in typed for i in chosen[form.pk]]
        found = sums(
            user=user,
            indicators=indicators,
            area=place.area,
            body=place.body,
            start=first,
            end=bounds(now)[1],
            period_type=period_type,
            by=("indicator", "period"),
        )
        value = ByPeriod(found).value
        if not any(value(i, now) is not None for i in indicators):
            now, before = before, previous(before)
        end = bounds(now)[1]
        for form in typed:
            figures = []
            for indicator in chosen[form.pk]:
                current = value(indicator, now)
                pivot = {
                    **place_query(place),
                    "indicators": indicator.pk,
                    "period_type": period_type,
                    "by": "period",
                    "start": bounds(year_before(now))[0].strftime("%d/%m/%Y"),
                    "end": end.strftime("%d/%m/%Y"),
                }
                chart = {
                    **place_query(place),
                    "indicator": indicator.pk,
                    "to": spec(now),
                }
                figures.append(
                    Figure(
                        indicator=indicator,
                        value=current,
                        previous=change(current, value(indicator, before)),
                        last_year=change(current, value(indicator, year_before(now))),
                        url=reverse("datasets:pivot") + "?" + urlencode(pivot),
                        chart_url=reverse("dashboards:area") + "?" + urlencode(chart),
                    )
                )
            result.append(
                FormFigures(
                    form=form,
                    period=label(now),
                    previous=label(before),
                    last_year=label(year_before(now)),
                    figures=figures,
                )
            )
    return result


# --- reports and forms due or late ----------------------------------------------------


@dataclass(frozen=True)
class Reporting:
    """Who under the place has sent a form's period."""

    form: ReportForm
    period: str
    due_on: dt.date
    expected: int
    sent: int
    late: int  # sent after the deadline
    missing: int  # not sent (nothing, returned, or a draft past the deadline)
    closed: bool  # the deadline has passed
    url: str


def _parent(place: Place, form: ReportForm) -> Any:
    """The area under which the form's reporters count: the place's, when
    inside the form's area; else the form's own (it lies inside the place)."""
    area = place.area_of
    if area is not None and area.path.startswith(form.area.path):
        return area
    return None


def reporting(
    user: User | AnonymousUser,
    place: Place,
    forms: list[ReportForm],
    today: dt.date,
) -> list[Reporting]:
    """Per form: the period under way (if begun, deadline not passed) and the
    last one past its deadline, with who sent them under the place."""
    found = []
    for form in forms:
        due = rates.due_periods(form, today=today)
        recent = rates.recent_periods(form.period_type, today=today, count=3)
        past = [p for p in recent if p not in due][:1]
        for name in [*due[:1], *past]:
            period = rates.named_period(*name)
            parent = _parent(place, form)
            rows = rates.completeness(form, period, parent, user, today=today)
            totals = rates.totals(rows)
            if not totals.total:
                continue  # nobody under the place reports it (a village)
            query = {"period": rates.period_spec(period)}
            if parent is not None:
                query["area"] = str(parent.pk)
            due_on = cutoffs.due_on(form, period)
            found.append(
                Reporting(
                    form=form,
                    period=str(period),
                    due_on=due_on,
                    expected=totals.total,
                    sent=totals.submitted,
                    late=totals.counts[rates.LATE],
                    missing=totals.counts[rates.MISSING]
                    + totals.counts[rates.RETURNED],
                    closed=due_on < today,
                    url=reverse("datasets:completeness", args=[form.pk])
                    + "?"
                    + urlencode(query),
                )
            )
    return found


def with_coverage(
    groups: list[FormFigures], rows: list[Reporting]
) -> list[FormFigures]:
    """Each group of key figures with who has sent its period: figures of a
    period under way are partial, and say so."""
    sent = {(row.form.pk, row.period): row for row in rows}
    return [
        replace(group, coverage=sent.get((group.form.pk, group.period)))
        for group in groups
    ]


# --- targets by verdict ---------------------------------------------------------------


@dataclass(frozen=True)
class Targets:
    year: int
    plans: int
    summary: Summary
    url: str
    # (label, count, css class) per verdict, best first, then "not judged".
    verdicts: list[tuple[str, int, str]]


def targets(user: User | AnonymousUser, place: Place, today: dt.date) -> Targets:
    """The targets of the place's own plans covering this year, by their
    latest verdict (one query), and how many plans."""
    year = today.year
    plans = Plan.objects.visible_to(user).filter(
        starts_year__lte=year, ends_year__gte=year
    )
    if place.body is not None:
        plans = plans.filter(body=place.body)
    elif place.area is not None:
        plans = plans.filter(area=place.area)
    latest = (
        Progress.objects.filter(target=OuterRef("pk"))
        .order_by("-period_end", "-pk")
        .values("verdict")[:1]
    )
    counted = (
        Target.objects.filter(plan__in=plans.values("pk"))
        .annotate(_verdict=Subquery(latest))
        .values("_verdict")
        .annotate(n=Count("pk"), p=Count("plan_id", distinct=True))
        .order_by()
    )
    verdicts: list[str] = []
    plan_count = 0
    for row in counted:
        verdicts += [row["_verdict"] or ""] * row["n"]
        plan_count = max(plan_count, row["p"])
    summary = summarize(verdicts)
    query: dict[str, Any] = {"year": year, **place_query(place)}
    names = dict(Verdict.choices)
    shown = [
        (str(names[Verdict.EXCEEDED]), summary.exceeded, "exceeded"),
        (str(names[Verdict.ACHIEVED]), summary.achieved, "achieved"),
        (str(names[Verdict.MOSTLY]), summary.mostly, "mostly"),
        (str(names[Verdict.NOT_ACHIEVED]), summary.not_achieved, "not-achieved"),
        (_("not judged yet"), summary.unjudged, "unjudged"),
    ]
    return Targets(
        year=year,
        plans=plan_count,
        summary=summary,
        url=reverse("plans:list") + "?" + urlencode(query),
        verdicts=shown,
    )


# --- to follow: tasks overdue, models to review ---------------------------------------


@dataclass(frozen=True)
class FollowUp:
    label: str
    count: int
    url: str
    urgent: bool


def follow_ups(
    user: User | AnonymousUser, place: Place, today: dt.date
) -> list[FollowUp]:
    """Tasks overdue of meetings and of plans owned under the place, and the
    "Dân vận khéo" registrations waiting for the user's review."""
    from danvan.initiatives.services import to_review

    under = Q()
    if place.path:
        under = tree.subtree_q([place.path], field="owner_area_path")
    meeting_tasks = (
        Task.objects.visible_to(user)
        .filter(under, status__in=Task.PENDING, due_on__lt=today)
        .count()
    )
    plan_under = Q()
    if place.path:
        plan_under = tree.subtree_q([place.path], field="owner_body__area__path")
    plan_tasks = (
        PlanTask.objects.visible_to(user)
        .filter(plan_under, status__in=PlanTask.PENDING, due_on__lt=today)
        .count()
    )
    review = to_review(user).count() if user.is_authenticated else 0
    return [
        FollowUp(
            _("Meeting tasks overdue"),
            meeting_tasks,
            reverse("meetings:task_list") + "?status=overdue",
            urgent=bool(meeting_tasks),
        ),
        FollowUp(
            _("Plan tasks overdue"),
            plan_tasks,
            reverse("plans:list") + "?" + urlencode({"year": today.year}),
            urgent=bool(plan_tasks),
        ),
        FollowUp(
            _("“Dân vận khéo” registrations to review"),
            review,
            reverse("initiatives:review"),
            urgent=False,
        ),
    ]
