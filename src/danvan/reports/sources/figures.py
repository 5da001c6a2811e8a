"""Figures of the period's forms: the report type's forms and the others
reported in the unit for the same period, summed through lineage
(``datasets.aggregate.sums``: one grouped query per period type), with how
complete they are (the reporting bodies, ``datasets.reporters``, against the
submissions received: one query for every form).

A form's periods lie inside the report's period (the months of a year
report); each form keeps its own cut-off, so the figures are read over the
period's calendar days, not the report's cut-off span.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.urls import reverse

from danvan.common import tree
from danvan.datasets.aggregate import Sums, sums
from danvan.datasets.completeness import LATE, status_of
from danvan.datasets.models import (
    NUMERIC_TYPES,
    FormIndicator,
    Indicator,
    ReportForm,
    Submission,
    ValueType,
)
from danvan.datasets.reporters import reporters
from danvan.meetings import periods
from danvan.reports.sources import (
    Context,
    bullets,
    figure,
    number,
    para,
    reader,
    text,
    url,
)

if TYPE_CHECKING:
    from danvan.reports.models import OutlineSection

RECEIVED = (Submission.Status.SUBMITTED, Submission.Status.ACCEPTED)


@dataclass
class FormFigures:
    """A form whose figures the report quotes, and how complete they are."""

    form: ReportForm
    own: bool  # one of the report type's forms
    indicators: list[Indicator] = field(default_factory=list)
    reporters: int = 0  # bodies that report it in the unit
    periods: int = 0  # the form's periods inside the report's period
    received: int = 0  # submissions received (submitted or accepted)
    late: int = 0  # of those, received after the deadline
    bodies: int = 0  # bodies with at least one

    @property
    def expected(self) -> int:
        return self.reporters * self.periods


@dataclass
class Figures:
    forms: list[FormFigures]
    # Indicator code → (indicator, the period type its sum is of).
    quoted: dict[str, tuple[Indicator, str]]
    sums: dict[str, Sums]  # period type → the sums of its indicators
    # The same period a year before (the annex compares), if it has one.
    before: dict[str, Sums] = field(default_factory=dict)
    span_before: tuple[dt.date, dt.date] | None = None

    def value(self, code: str, *, before: bool = False) -> Decimal | None:
        found = self.quoted.get(code)
        if found is None:
            return None
        indicator, period_type = found
        sums_of = (self.before if before else self.sums).get(period_type)
        return sums_of.total(indicator) if sums_of is not None else None

    def count(self, code: str, *, before: bool = False) -> int:
        """How many values the figure of ``code`` counts."""
        indicator, period_type = self.quoted[code]
        sums_of = (self.before if before else self.sums).get(period_type)
        row = sums_of.totals.get(indicator.pk) if sums_of is not None else None
        return row.count if row is not None else 0

    def form_of(self, code: str) -> FormFigures | None:
        for form in self.forms:
            if any(i.code == code for i in form.indicators):
                return form
        return None


def form_periods(period_type: str, start: dt.date, end: dt.date) -> int:
    """How many periods of ``period_type`` lie wholly inside ``start``..``end``."""
    if period_type == periods.CUSTOM:
        return 0
    count = 0
    for year in range(start.year, end.year + 1):
        numbers: list[int | None]
        if period_type == periods.MONTH:
            numbers = list(range(1, 13))
        elif period_type == periods.QUARTER:
            numbers = [1, 2, 3, 4]
        else:
            numbers = [None]
        for n in numbers:
            first, last = periods.resolve_period(period_type, year, n)
            if first >= start and last <= end:
                count += 1
    return count


def _forms(ctx: Context) -> list[FormFigures]:
    """The type's forms, then the forms with submissions in the unit for the
    period (two queries), with their indicators (one)."""
    period = ctx.period
    submitted = Submission.objects.filter(
        ctx.unit_q("area_path", "body_path"),
        period__start__gte=period.start,
        period__end__lte=period.end,
    ).values("form_id")
    own = set(ctx.report_type.forms.values_list("pk", flat=True))
    rows = list(
        ReportForm.objects.filter(Q(pk__in=own) | Q(pk__in=submitted)).order_by("code")
    )
    rows.sort(key=lambda f: (f.pk not in own, f.code))
    found = {f.pk: FormFigures(form=f, own=f.pk in own) for f in rows}
    if not found:
        return []
    for item in (
        FormIndicator.objects.filter(
            form__in=list(found), indicator__value_type__in=NUMERIC_TYPES
        )
        .select_related("indicator")
        .order_by("form", "section__order", "order", "pk")
    ):
        found[item.form_id].indicators.append(item.indicator)
    return [f for f in found.values() if f.indicators]


def _completeness(ctx: Context, forms: list[FormFigures]) -> None:
    """The reporting bodies of each form in the unit (a count per form) and
    the submissions received, grouped by form (one query)."""
    period = ctx.period
    for item in forms:
        bodies = reporters(item.form, period)
        bodies = bodies.filter(
            tree.subtree_q(ctx.ranges, "area__path" if ctx.area_wide else "path")
        )
        item.reporters = bodies.count()
        item.periods = form_periods(item.form.period_type, period.start, period.end)
    by_pk = {item.form.pk: item for item in forms}
    bodies_of: dict[int, set[int]] = defaultdict(set)
    for row in Submission.objects.filter(
        ctx.unit_q("area_path", "body_path"),
        form__in=list(by_pk),
        period__start__gte=period.start,
        period__end__lte=period.end,
        status__in=RECEIVED,
    ).values("form_id", "body_id", "status", "submitted_at", "due_on"):
        item = by_pk[row["form_id"]]
        item.received += 1
        if status_of(dict(row), row["due_on"], ctx.today) == LATE:
            item.late += 1
        bodies_of[item.form.pk].add(row["body_id"])
    for item in forms:
        item.bodies = len(bodies_of[item.form.pk])


def year_before(ctx: Context) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the same period a year before."""
    period = ctx.period
    if period.type == periods.CUSTOM or not period.year:
        return None
    return periods.resolve_period(period.type, period.year - 1, period.number)


def figures(ctx: Context) -> Figures:
    """The forms, their figures summed for the period and the same period a
    year before (one grouped query each per period type), and how complete
    they are."""

    def load() -> Figures:
        forms = _forms(ctx)
        quoted: dict[str, tuple[Indicator, str]] = {}
        for item in forms:
            for indicator in item.indicators:
                quoted.setdefault(indicator.code, (indicator, item.form.period_type))
        by_type: dict[str, list[Indicator]] = defaultdict(list)
        for indicator, period_type in quoted.values():
            by_type[period_type].append(indicator)
        user = reader()

        def summed(start: dt.date, end: dt.date) -> dict[str, Sums]:
            return {
                period_type: sums(
                    user=user,
                    indicators=indicators,
                    area=ctx.area if ctx.area_wide else None,
                    body=None if ctx.area_wide else ctx.body,
                    start=start,
                    end=end,
                    period_type=period_type,
                )
                for period_type, indicators in by_type.items()
            }

        found = Figures(
            forms=forms,
            quoted=quoted,
            sums=summed(ctx.period.start, ctx.period.end),
        )
        span = year_before(ctx)
        if span is not None and by_type:
            found.before = summed(*span)
            found.span_before = span
        if forms:
            _completeness(ctx, forms)
        return found

    return ctx.once("figures", load)


def sums_url(
    ctx: Context,
    indicator: Indicator,
    period_type: str,
    span: tuple[dt.date, dt.date] | None = None,
) -> str:
    unit = {"area": ctx.area.pk} if ctx.area_wide else {"body": ctx.body.pk}
    start, end = span or (ctx.period.start, ctx.period.end)
    return url(
        reverse("datasets:pivot"),
        indicators=indicator.pk,
        **unit,
        start=f"{start:%d/%m/%Y}",
        end=f"{end:%d/%m/%Y}",
        period_type=period_type,
    )


def completeness_url(ctx: Context, item: FormFigures) -> str:
    address = reverse("datasets:completeness", args=[item.form.pk])
    if item.form.period_type == ctx.period.type and ctx.period.pk:
        return url(address, period=ctx.period.pk)
    return address


def completeness_words(ctx: Context, item: FormFigures) -> str:
    """ "95/99 đơn vị đã báo cáo" (linked), with the reports received when
    the form reports more than once in the period, and those sent late."""
    if not item.reporters:
        return ""
    href = completeness_url(ctx, item)
    code = item.form.code
    bodies = f"{number(item.bodies)}/{number(item.reporters)}"
    words = f"{figure(bodies, href, f'figures.{code}.reported')} đơn vị đã báo cáo"
    if item.periods > 1:
        ratio = f"{number(item.received)}/{number(item.expected)}"
        words += f", nhận {figure(ratio, href, f'figures.{code}.received')} báo cáo kỳ"
    if item.late:
        words += f", {figure(item.late, href, f'figures.{code}.late')} báo cáo gửi muộn"
    return words


def shown_value(value: Decimal) -> str:
    """A sum as reports write it: averages to two decimals at most."""
    if value != value.to_integral_value():
        value = value.quantize(Decimal("0.01"))
    return number(value)


def value_words(indicator: Indicator, value: Decimal, count: int) -> str:
    """ "1.419 ngày công"; a yes or no: "có" or "không" when one value says
    it, else how many of the ``count`` values said yes ("có (45/99 lượt báo
    cáo)")."""
    if indicator.value_type == ValueType.BOOLEAN:
        if count <= 1 or not value:
            return "có" if value else "không"
        return f"có ({shown_value(value)}/{number(count)} lượt báo cáo)"
    return f"{shown_value(value)} {indicator.unit}".strip()


def write(ctx: Context, section: OutlineSection) -> str:
    codes = list(section.indicators or ())
    if not codes:
        return ""
    found = figures(ctx)
    items = []
    forms: list[FormFigures] = []
    for code in codes:
        value = found.value(code)
        if value is None:
            continue
        indicator, period_type = found.quoted[code]
        form = found.form_of(code)
        shown = figure(
            value_words(indicator, value, found.count(code)),
            sums_url(ctx, indicator, period_type),
            f"figure.{code}",
        )
        items.append(f"{text(indicator.name)}: {shown};")
        if form is not None and form not in forms:
            forms.append(form)
    if not items:
        if len(section.fills) > 1:  # the section says something else
            return ""
        return para("Chưa có số liệu báo cáo về nội dung này trong kỳ.")
    items[-1] = items[-1][:-1] + "."
    clauses = [
        f"{text(f.form.name)}: {completeness_words(ctx, f)}"
        for f in forms
        if f.reporters
    ]
    head = "Kết quả theo số liệu báo cáo"
    if clauses:
        head += " (" + "; ".join(clauses) + ")"
    return para(head + ":") + bullets(items)


def annex(ctx: Context) -> list[dict[str, Any]]:
    """A table per form: its indicators and their values for the period."""
    found = figures(ctx)
    compared = found.span_before is not None
    tables = []
    for item in found.forms:
        sums_of = found.sums.get(item.form.period_type)
        rows: list[list[Any]] = []
        for n, indicator in enumerate(item.indicators, 1):
            quoted = found.quoted.get(indicator.code)
            value = found.value(indicator.code) if quoted else None
            row: list[Any] = [
                n,
                indicator.name,
                indicator.unit,
                _cell(ctx, found, indicator, value),
            ]
            if compared:
                earlier = found.value(indicator.code, before=True)
                row.append(_cell(ctx, found, indicator, earlier, found.span_before))
                row.append(_compared(indicator, value, earlier))
            rows.append(row)
        if not item.own and (sums_of is None or not any(r[3] for r in rows)):
            continue
        note = ""
        if item.reporters:
            note = (
                f"Số liệu của {number(item.bodies)}/{number(item.reporters)}"
                " đơn vị báo cáo"
            )
            if item.periods > 1:
                note += (
                    f" (đã nhận {number(item.received)}/{number(item.expected)}"
                    " báo cáo kỳ)"
                )
            note += "."
            if item.late:
                note += f" {number(item.late)} báo cáo gửi muộn."
        tables.append(
            {
                "title": f"{item.form.name} ({ctx.period_label})",
                "columns": [
                    "STT",
                    "Chỉ tiêu",
                    "Đơn vị tính",
                    "Kết quả",
                    *(["Cùng kỳ năm trước", "So sánh (%)"] if compared else []),
                ],
                "rows": rows,
                "note": note,
            }
        )
    return tables


def _cell(
    ctx: Context,
    found: Figures,
    indicator: Indicator,
    value: Decimal | None,
    span: tuple[dt.date, dt.date] | None = None,
) -> Any:
    """A value of the annex, linked to its sums ("" without values)."""
    quoted = found.quoted.get(indicator.code)
    if value is None or quoted is None:
        return ""
    if indicator.value_type == ValueType.BOOLEAN:
        count = found.count(indicator.code, before=span is not None)
        shown = value_words(indicator, value, count)
    else:
        shown = shown_value(value)
    return {"text": shown, "href": sums_url(ctx, indicator, quoted[1], span)}


def _compared(
    indicator: Indicator, value: Decimal | None, earlier: Decimal | None
) -> str:
    """The period's value as a share of the same period's a year before."""
    if (
        value is None
        or not earlier
        or earlier < 0
        or indicator.value_type == ValueType.BOOLEAN
    ):
        return ""
    return number(round(value * 100 / earlier, 1))
