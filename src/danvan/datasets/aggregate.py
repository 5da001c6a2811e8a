"""Sums of reported figures on any area (or body) and any span of periods.

``sums`` answers "how many dialogues did tỉnh Lào Cai hold in 2025, commune by
commune, quarter by quarter" in one SQL query grouped in the database, over
the values the reader sees (``DataValue.objects.visible_to``).

Lineage. An area's sums count every value reported by anything that is or was
inside it (``units.lineage.lineage_paths``): the 2024 figures of the former xã
Pá Lau count for today's xã Trạm Tấu, those of the former tỉnh Yên Bái for
today's tỉnh Lào Cai. An ended area is a choice like any other: the former
huyện Trạm Tấu gives its 2020 figures as they were. By sub-unit, the units are
the area's children in force on the span's last day (or on the area's own
last day, if it ended before); a value reported by a unit that ended since
counts for the unit its area's *main* successor leads to
(``AreaSuccession.primary``), once, and never twice. What lands in no
sub-unit (the area's own bodies, an abolished district) is a row of its own.

One period type at a time: monthly and cumulative figures are never added
together. Only the totals of indicators count (the value with no breakdown
option), and only numbers: a text indicator has no sum. Each indicator adds
up its own way (``Indicator.aggregation``), over every value of the cell:

- ``sum``; yes/no indicators always count the "có" (stored as 1);
- ``average``, ``min``, ``max``: of the values;
- ``last``: the value of the latest period that has values in the cell (the
  sum of that period's values over the cell's units), so a commune that
  merged mid-year is not counted twice for a stock figure.

The query groups by indicator, plus the reporting area's path (by unit) and
the period (by period, or for ``last`` indicators), and reads four figures per
group (sum, count, min, max): a province's year of 60 monthly indicators is a
few hundred groups. Regrouping the groups into sub-units happens in Python.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    F,
    Max,
    Min,
    Q,
    Sum,
    When,
)
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from danvan.common import tree
from danvan.datasets.models import (
    NUMERIC_TYPES,
    Aggregation,
    DataValue,
    Indicator,
    ValueType,
)
from danvan.datasets.providers import Asked, register_groups
from danvan.initiatives.stats.rollup import (
    RollUp,
    body_lineage_paths,
    main_successors,
)
from danvan.meetings import periods
from danvan.meetings.models import PeriodType
from danvan.units.lineage import lineage_paths
from danvan.units.models import Area, Body, BodySuccession

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User

BY_CHOICES = ("indicator", "unit", "period")
PLACES = Decimal("0.0001")


class SumsError(ValueError):
    """A sum that cannot be asked this way (``message`` says why, for the user)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Unit:
    """A sub-unit of the sums; ``pk`` None is the area (or body) itself and
    what lands in no sub-unit."""

    pk: int | None
    code: str
    name: str
    path: str


@dataclass(frozen=True)
class PeriodKey:
    """A period of the sums: its first and last day, and its name."""

    start: dt.date
    end: dt.date
    label: str


@dataclass(frozen=True)
class Row:
    """One sum: an indicator, and its sub-unit and period when grouped by them."""

    indicator: Indicator
    unit: Unit | None
    period: PeriodKey | None
    value: Decimal | None
    count: int  # the values counted


@dataclass
class Sums:
    """The rows of a sum, what they cover, and a total per indicator."""

    indicators: list[Indicator]
    units: list[Unit]
    periods: list[PeriodKey]
    rows: list[Row]
    totals: dict[int, Row]  # indicator pk → its sum over everything
    by: tuple[str, ...]
    period_type: str
    start: dt.date
    end: dt.date
    area: Area | None = None
    body: Body | None = None
    on: dt.date | None = None  # the day whose sub-units count
    _cells: dict[tuple[int, int | None, dt.date | None], Row] = field(
        default_factory=dict, repr=False
    )

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def cell(
        self,
        indicator: Indicator | int,
        unit: Unit | None = None,
        period: PeriodKey | None = None,
    ) -> Row | None:
        """The row of an indicator (and sub-unit and period), if it has values."""
        if not self._cells:
            self._cells = {
                (
                    row.indicator.pk,
                    row.unit.pk if row.unit else None,
                    row.period.start if row.period else None,
                ): row
                for row in self.rows
            }
        pk = indicator if isinstance(indicator, int) else indicator.pk
        return self._cells.get(
            (pk, unit.pk if unit else None, period.start if period else None)
        )

    def value(
        self,
        indicator: Indicator | int,
        unit: Unit | None = None,
        period: PeriodKey | None = None,
    ) -> Decimal | None:
        row = self.cell(indicator, unit, period)
        return row.value if row is not None else None

    def total(self, indicator: Indicator | int) -> Decimal | None:
        pk = indicator if isinstance(indicator, int) else indicator.pk
        row = self.totals.get(pk)
        return row.value if row is not None else None


# --- the grouped figures, combined ----------------------------------------------------


@dataclass
class _Tally:
    """Sum, count, min and max of values, and the sum per period (for ``last``)."""

    total: Decimal = Decimal(0)
    count: int = 0
    low: Decimal | None = None
    high: Decimal | None = None
    by_period: dict[dt.date, Decimal] = field(default_factory=dict)

    def add(
        self,
        total: Decimal,
        count: int,
        low: Decimal | None,
        high: Decimal | None,
        period: dt.date | None,
    ) -> None:
        self.total += total
        self.count += count
        if low is not None:
            self.low = low if self.low is None else min(self.low, low)
        if high is not None:
            self.high = high if self.high is None else max(self.high, high)
        if period is not None:
            self.by_period[period] = self.by_period.get(period, Decimal(0)) + total

    def value(self, how: str) -> Decimal | None:
        if not self.count:
            return None
        if how == Aggregation.AVERAGE:
            return (self.total / self.count).quantize(PLACES)
        if how == Aggregation.MIN:
            return self.low
        if how == Aggregation.MAX:
            return self.high
        if how == Aggregation.LAST and self.by_period:
            return self.by_period[max(self.by_period)]
        return self.total


def aggregation_of(indicator: Indicator) -> str:
    """How the indicator adds up; yes/no always counts the "có"."""
    if indicator.value_type == ValueType.BOOLEAN:
        return Aggregation.SUM
    return indicator.aggregation


def _decimal(value: Any) -> Decimal | None:
    """A column of the cursor as a Decimal (SQLite gives floats and ints)."""
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value)).quantize(PLACES).normalize()
    return Decimal(value)


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def period_label(period_type: str, start: dt.date, end: dt.date) -> str:
    """The period as reports name it: "quý II/2025", "tháng 3/2026"…"""
    number: int | None = None
    if period_type == periods.MONTH:
        number = start.month
    elif period_type == periods.QUARTER:
        number = (start.month - 1) // 3 + 1
    return periods.period_label(period_type, end.year, number, start=start, end=end)


# --- where: the ranges and the sub-units ----------------------------------------------


@dataclass(frozen=True)
class _Where:
    area_ranges: list[str] | None
    body_ranges: list[str] | None
    units: list[Unit]
    whole: Unit  # the area or body itself, and what lands in no sub-unit
    roll: RollUp | None
    by_body: bool
    on: dt.date  # the day whose sub-units count


def _on(unit: Area | Body | None, end: dt.date) -> dt.date:
    """The day whose sub-units count: the span's last, moved inside the unit's
    own validity (a province made in 2025 is counted by its communes of today
    even for 2020; a district that ended, by its communes of its last day)."""
    if unit is None:
        return end
    if unit.valid_to is not None and end > unit.valid_to:
        return unit.valid_to
    if unit.valid_from is not None and end < unit.valid_from:
        return unit.valid_from
    return end


def _where(area: Area | None, body: Body | None, end: dt.date, by_unit: bool) -> _Where:
    area_ranges = lineage_paths([area.path]) if area is not None else None
    body_ranges = body_lineage_paths(body.path) if body is not None else None
    if area is not None or body is None:
        whole = Unit(
            pk=None,
            code=area.code if area else "",
            name=area.full_name if area else _("Whole country"),
            path=area.path if area else "",
        )
    else:
        whole = Unit(pk=None, code="", name=body.name, path=body.path)
    if not by_unit:
        on = _on(area if area is not None else body, end)
        return _Where(area_ranges, body_ranges, [], whole, None, False, on)
    if area is None and body is not None:
        on = _on(body, end)
        children = Body.objects.in_force(on).filter(parent=body)
        units = [
            Unit(pk=b.pk, code=b.abbreviation, name=b.name, path=b.path)
            for b in children.only("pk", "abbreviation", "name", "path")
        ]
        links = BodySuccession.objects.filter(primary=True).filter(
            tree.subtree_q(body_ranges or [], field="predecessor__path")
        )
        roll = RollUp(
            {u.path: u.pk for u in units if u.pk is not None},
            dict(links.values_list("predecessor__path", "successor__path")),
        )
        return _Where(area_ranges, body_ranges, units, whole, roll, True, on)
    on = _on(area, end)
    in_force = Area.objects.in_force(on)
    rows = (
        in_force.filter(parent=area)
        if area is not None
        else in_force.filter(parent__isnull=True)
    )
    units = [
        Unit(pk=a.pk, code=a.code, name=a.full_name, path=a.path)
        for a in rows.only("pk", "code", "full_name", "path").order_by("code", "pk")
    ]
    roll = RollUp(
        {u.path: u.pk for u in units if u.pk is not None},
        main_successors(area_ranges),
    )
    return _Where(area_ranges, body_ranges, units, whole, roll, False, on)


# --- the one query --------------------------------------------------------------------


def _indicators(indicators: Iterable[Indicator | int]) -> list[Indicator]:
    given = list(indicators)
    ids = [i for i in given if isinstance(i, int)]
    rows = [i for i in given if isinstance(i, Indicator)]
    if ids:
        rows += list(Indicator.objects.filter(pk__in=ids))
    seen: dict[int, Indicator] = {}
    for row in rows:
        seen.setdefault(row.pk, row)
    order = {(i if isinstance(i, int) else i.pk): n for n, i in enumerate(given)}
    return sorted(seen.values(), key=lambda i: order.get(i.pk, 0))


def values_in(
    *,
    user: User | AnonymousUser,
    indicator_ids: Sequence[int],
    period_type: str,
    start: dt.date,
    end: dt.date,
    area_ranges: list[str] | None = None,
    body_ranges: list[str] | None = None,
) -> Any:
    """The values a sum reads: seen by ``user``, of one period type, of periods
    lying wholly inside ``start``..``end``, totals only."""
    values = DataValue.objects.visible_to(user).filter(
        period_type=period_type,
        indicator_id__in=list(indicator_ids),
        period_start__gte=start,
        period_start__lte=end,
        period_end__lte=end,
        option="",
    )
    if area_ranges is not None:
        values = values.filter(tree.subtree_q(area_ranges, field="area_path"))
    if body_ranges is not None:
        values = values.filter(tree.subtree_q(body_ranges, field="body_path"))
    return values.order_by()


def sums(
    *,
    user: User | AnonymousUser,
    indicators: Iterable[Indicator | int],
    area: Area | None = None,
    body: Body | None = None,
    start: dt.date,
    end: dt.date,
    period_type: str,
    by: Sequence[str] = ("indicator",),
) -> Sums:
    """Sum ``indicators`` over ``area`` (or ``body``) and the periods of
    ``period_type`` lying inside ``start``..``end``, grouped ``by`` indicator
    and, if asked, by ``unit`` (the sub-units) and ``period``.

    ``area`` and ``body`` None: everything the user sees (the provinces are
    the sub-units). Only values ``user`` sees are counted.
    """
    by = tuple(by)
    unknown = set(by) - set(BY_CHOICES)
    if unknown or "indicator" not in by:
        raise ValueError(f"by must name 'indicator' and any of {BY_CHOICES}: {by}")
    if start > end:
        raise SumsError(_("The span ends before it starts."))
    if period_type not in PeriodType.values:
        raise SumsError(_("Choose one period type."))
    by_unit, by_period = "unit" in by, "period" in by
    chosen = _indicators(indicators)
    numeric = [i for i in chosen if i.value_type in NUMERIC_TYPES]
    where = _where(area, body, end, by_unit)
    result = Sums(
        indicators=chosen,
        units=[],
        periods=[],
        rows=[],
        totals={},
        by=by,
        period_type=period_type,
        start=start,
        end=end,
        area=area,
        body=body,
        on=where.on,
    )
    if not numeric:
        result.units = list(where.units)
        return result

    last = [i.pk for i in numeric if aggregation_of(i) == Aggregation.LAST]
    lasts = bool(last) and not by_period
    typed = [i for i in numeric if not i.provider]
    groups: list[tuple[Any, ...]] = []
    if typed:
        groups += _typed_groups(
            user,
            typed,
            where,
            period_type=period_type,
            start=start,
            end=end,
            by_unit=by_unit,
            by_period=by_period,
            lasts=lasts,
            everywhere=area is None and body is None,
        )
    provided = [i for i in numeric if i.provider]
    span_totals: dict[int, Decimal] = {}
    if provided:
        found = register_groups(
            user,
            Asked(
                indicators=provided,
                period_type=period_type,
                start=start,
                end=end,
                area_ranges=where.area_ranges,
                body_ranges=where.body_ranges,
                unit_key=(
                    (lambda field: _unit_key(field, where.whole.path))
                    if by_unit
                    else None
                ),
                by_body=where.by_body,
                by_period=by_period,
                lasts=lasts,
            ),
        )
        groups += found.groups
        span_totals = found.span_totals
    combined = _combine(
        result,
        numeric,
        where,
        groups,
        by_unit=by_unit,
        by_period=by_period,
        lasts=lasts,
    )
    # A figure counted over the span (places, not visits) is not the sum of
    # its periods.
    for pk, value in span_totals.items():
        row = combined.totals.get(pk)
        if row is not None:
            combined.totals[pk] = Row(row.indicator, None, None, value, row.count)
    return combined


def _typed_groups(
    user: User | AnonymousUser,
    numeric: list[Indicator],
    where: _Where,
    *,
    period_type: str,
    start: dt.date,
    end: dt.date,
    by_unit: bool,
    by_period: bool,
    lasts: bool,
    everywhere: bool,
) -> list[tuple[Any, ...]]:
    """The groups of the typed values: one query."""
    values = values_in(
        user=user,
        indicator_ids=[i.pk for i in numeric],
        period_type=period_type,
        start=start,
        end=end,
        body_ranges=where.body_ranges,
    )
    keys = ["indicator_id"]
    if by_unit:
        values = values.annotate(
            _unit=_unit_key(
                "body_path" if where.by_body else "area_path", where.whole.path
            )
        )
        keys.append("_unit")
    last = [i.pk for i in numeric if aggregation_of(i) == Aggregation.LAST]
    if by_period:
        keys += ["period_start", "period_end"]
    elif lasts:
        # Only ``last`` indicators need their periods apart.
        values = values.annotate(
            _last=Case(
                When(Q(indicator_id__in=last), then=F("period_start")),
                output_field=DateField(),
            )
        )
        keys.append("_last")
    # One grouped SELECT per range of the lineage (they are disjoint), added
    # up in one query: each reads its own slice of the index; with the ranges
    # OR-ed, PostgreSQL bitmaps them all first (a third slower).
    parts = (
        [values]
        if where.area_ranges is None
        else [
            values.filter(tree.subtree_q([path], field="area_path"))
            for path in where.area_ranges
        ]
    )
    grouped = [
        part.values(*keys)
        .annotate(
            _sum=Sum("number"),
            _n=Count("number"),
            _min=Min("number"),
            _max=Max("number"),
        )
        .values_list(*keys, "_sum", "_n", "_min", "_max")
        for part in parts
    ]
    query = grouped[0].union(*grouped[1:], all=True) if len(grouped) > 1 else grouped[0]
    return _fetch(query, everywhere=everywhere)


def _fetch(groups: Any, *, everywhere: bool) -> list[tuple[Any, ...]]:
    """The groups of the one query. Over the whole country, on PostgreSQL,
    without JIT: compiling the aggregate of millions of values takes longer
    than running it (an area's is below the cost that starts it)."""
    if not everywhere or connection.vendor != "postgresql":
        # No transaction: on SQLite it would take the write lock.
        return list(groups)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        return list(groups)


def _unit_key(field: str, root: str) -> Any:
    """What a value is grouped by for sub-units: inside the area (or body)
    itself, the path of its child that holds it (a sub-unit, or a former one
    that its main successor takes over); elsewhere (a predecessor's subtree)
    the full path, which ``RollUp`` hands on. A few groups per sub-unit and
    indicator, however many units report below the sub-units."""
    if not root:  # the whole country: the province (or former one) itself
        return Substr(field, 1, tree.SEGMENT)
    return Case(
        When(
            Q(**{f"{field}__gt": root, f"{field}__lt": tree.upper_bound(root)}),
            then=Substr(field, 1, len(root) + tree.SEGMENT),
        ),
        default=F(field),
        output_field=CharField(),
    )


def _combine(
    result: Sums,
    numeric: list[Indicator],
    where: _Where,
    groups: Iterable[tuple[Any, ...]],
    *,
    by_unit: bool,
    by_period: bool,
    lasts: bool,
) -> Sums:
    """Regroup the database's groups into cells, sub-units and totals."""
    units_by_pk = {u.pk: u for u in where.units}
    cells: dict[tuple[int, int | None, dt.date | None], _Tally] = defaultdict(_Tally)
    totals: dict[int, _Tally] = defaultdict(_Tally)
    period_ends: dict[dt.date, dt.date] = {}
    used_whole = False
    for group in groups:
        indicator_id = group[0]
        rest = list(group[1:])
        unit_pk: int | None = None
        if by_unit:
            path = rest.pop(0)
            assert where.roll is not None
            unit_pk = where.roll.unit_of(path)
            if unit_pk is None:
                used_whole = True
        period: dt.date | None = None
        last_period: dt.date | None = None
        if by_period:
            period, period_end = _date(rest.pop(0)), _date(rest.pop(0))
            assert period is not None
            assert period_end is not None
            period_ends[period] = period_end
            last_period = period
        elif lasts:
            last_period = _date(rest.pop(0))
        total, count, low, high = rest
        if not count:
            continue
        figures = (
            _decimal(total) or Decimal(0),
            int(count),
            _decimal(low),
            _decimal(high),
            last_period,
        )
        cells[(indicator_id, unit_pk, period)].add(*figures)
        totals[indicator_id].add(*figures)

    by_pk = {i.pk: i for i in numeric}
    period_keys = {
        start: PeriodKey(start, end, period_label(result.period_type, start, end))
        for start, end in sorted(period_ends.items())
    }
    units = list(where.units)
    if used_whole:
        units.append(where.whole)
    units_by_pk[None] = where.whole
    rows = []
    order = {i.pk: n for n, i in enumerate(numeric)}
    unit_order = {u.pk: n for n, u in enumerate(units)}
    for (indicator_id, unit_pk, period), tally in sorted(
        cells.items(),
        key=lambda item: (
            order[item[0][0]],
            unit_order.get(item[0][1], -1),
            item[0][2] or dt.date.min,
        ),
    ):
        indicator = by_pk[indicator_id]
        rows.append(
            Row(
                indicator=indicator,
                unit=units_by_pk[unit_pk] if by_unit else None,
                period=period_keys[period] if period is not None else None,
                value=tally.value(aggregation_of(indicator)),
                count=tally.count,
            )
        )
    result.rows = rows
    result.units = units
    result.periods = list(period_keys.values())
    result.totals = {
        pk: Row(
            indicator=by_pk[pk],
            unit=None,
            period=None,
            value=tally.value(aggregation_of(by_pk[pk])),
            count=tally.count,
        )
        for pk, tally in totals.items()
    }
    return result
