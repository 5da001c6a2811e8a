"""Indicators provided by the apps' registers, not typed by the units.

The people's apps keep registers (situation entries, hot spots, dialogues
and their opinions, reception days, petitions) whose figures reports quote
every period: "tiếp nhận 120 đơn thư", "phát sinh 3 điểm nóng". Each app
declares them in its ``figures.py`` as ``REGISTERS``: a ``Register`` is the
rows of one model a reader sees (``visible_to``), the columns of their place
and body paths, and its ``Figure`` s, each an aggregate over the rows for a
window of dates (``Window``: a period, or the union of a span's periods).

An ``Indicator`` whose ``provider`` names a figure ("petitions.received") is
*provided*: ``sync_indicators`` (run after every migrate) makes or updates
it, so a report form can include it; the entry page shows its value from the
register, read-only; ``datasets.aggregate.sums`` answers it from the register
in the same shape as typed values (by sub-unit through lineage, by period),
scoped to the reader: ``register_groups`` asks each register once (one
grouped query, a column per figure and period), grouped by the sub-unit's
path when by unit.

Flows (``sum``) count the rows whose date falls in the period; stocks
(``last``) count the rows in a state at the period's end (or today while
the period runs), so the span's figure is its last period's. A ``distinct``
figure (places with a complex situation) is counted again over the span's
periods together for the span's total, not added up period by period.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import transaction
from django.db.models import Count, Q

from danvan.common import clock, tree
from danvan.meetings import periods

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet

    from danvan.accounts.models import User
    from danvan.datasets.models import Indicator

SUM = "sum"
LAST = "last"
# Cells per query at most (figures × periods): a long monthly span is asked
# in a few queries rather than one too wide for the database.
MAX_COLUMNS = 600


@dataclass(frozen=True)
class Window:
    """The dates a figure is counted over: one period, or a span's periods
    together (``spans``); ``as_of``: the day a stock is taken on (the last
    period's end, or today while it runs)."""

    spans: tuple[tuple[dt.date, dt.date], ...]
    as_of: dt.date

    @property
    def start(self) -> dt.date:
        return self.spans[0][0]

    @property
    def end(self) -> dt.date:
        return self.spans[-1][1]

    def during(self, field_name: str) -> Q:
        """Rows whose ``field_name`` falls in the window."""
        found = Q()
        for first, last in self.spans:
            found |= Q(**{f"{field_name}__gte": first, f"{field_name}__lte": last})
        return found


@dataclass(frozen=True)
class Figure:
    """A figure of a register, provided as the indicator ``code``."""

    provider: str  # "petitions.received": stored in ``Indicator.provider``
    code: str  # the indicator's code
    name: str  # Vietnamese, as the reports write it
    unit: str
    # The aggregate over the rows for a window ("Count('pk', filter=...)").
    count: Callable[[Window], Any]
    aggregation: str = SUM
    distinct: bool = False
    description: str = ""


@dataclass(frozen=True)
class Register:
    """The rows of one model a reader sees, and their figures."""

    key: str  # "petitions.petitions"
    rows: Callable[[Any], QuerySet[Any]]  # user → the visible rows
    area_field: str  # the place's path
    body_field: str  # the responsible body's path
    # The rows that may count between two dates (narrows the scan).
    touches: Callable[[dt.date, dt.date], Q]
    # The models whose rows it counts ("petitions.Petition"): the kept sums
    # and dashboards are forgotten when one of them changes.
    models: tuple[str, ...]
    figures: tuple[Figure, ...] = field(default_factory=tuple)


def count_where(condition: Q) -> Any:
    """The rows meeting ``condition``."""
    return Count("pk", filter=condition)


# --- the registry ---------------------------------------------------------------------


@cache
def registers() -> tuple[Register, ...]:
    """Every app's ``figures.REGISTERS``, in the apps' order."""
    found: list[Register] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("danvan."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.figures")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.figures":
                raise
            continue
        found += list(getattr(module, "REGISTERS", ()))
    return tuple(found)


@cache
def _by_provider() -> dict[str, tuple[Register, Figure]]:
    return {f.provider: (r, f) for r in registers() for f in r.figures}


def watched_models() -> tuple[str, ...]:
    """The models the registers count, for the kept figures' ``watched``."""
    return tuple(dict.fromkeys(m for r in registers() for m in r.models))


def figures() -> list[Figure]:
    """Every provided figure, in the registers' order."""
    return [f for r in registers() for f in r.figures]


def figure_of(provider: str) -> tuple[Register, Figure] | None:
    return _by_provider().get(provider)


@transaction.atomic
def sync_indicators(**_kwargs: Any) -> int:
    """Make or update the provided indicators (after every migrate): codes,
    names, units and how they add up follow the registers. Returns how many
    rows changed."""
    from danvan.datasets.models import Indicator, ValueType

    changed = 0
    existing = {
        i.code: i
        for i in Indicator.objects.filter(
            Q(provider__gt="") | Q(code__in=[f.code for f in figures()])
        )
    }
    for item in figures():
        wanted = {
            "name": item.name,
            "value_type": ValueType.INTEGER,
            "unit": item.unit,
            "aggregation": item.aggregation,
            "description": item.description,
            "provider": item.provider,
            "breakdown": None,
            "active": True,
        }
        row = existing.get(item.code)
        if row is None:
            Indicator(code=item.code, **wanted).save()
            changed += 1
            continue
        if any(getattr(row, k) != v for k, v in wanted.items()):
            for key, value in wanted.items():
                setattr(row, key, value)
            row.save()
            changed += 1
    return changed


# --- the periods of a span ------------------------------------------------------------


def span_periods(
    period_type: str, start: dt.date, end: dt.date
) -> list[tuple[dt.date, dt.date]]:
    """The periods of ``period_type`` lying wholly inside ``start``..``end``
    (an ad hoc type: the span itself), that have begun by today."""
    today = clock.today()
    if period_type == periods.CUSTOM:
        return [(start, end)] if start <= today else []
    found: list[tuple[dt.date, dt.date]] = []
    for year in range(start.year, end.year + 1):
        numbers: list[int | None]
        if period_type == periods.MONTH:
            numbers = list(range(1, 13))
        elif period_type == periods.QUARTER:
            numbers = [1, 2, 3, 4]
        else:
            numbers = [None]
        for number in numbers:
            first, last = periods.resolve_period(period_type, year, number)
            if first >= start and last <= end and first <= today:
                found.append((first, last))
    return found


def window(spans: Sequence[tuple[dt.date, dt.date]]) -> Window:
    return Window(tuple(spans), min(spans[-1][1], clock.today()))


# --- the grouped query ----------------------------------------------------------------


@dataclass(frozen=True)
class Asked:
    """What ``sums`` asks of the registers."""

    indicators: list[Indicator]  # provided ones
    period_type: str
    start: dt.date
    end: dt.date
    area_ranges: list[str] | None
    body_ranges: list[str] | None
    unit_key: Callable[[str], Any] | None  # field → the sub-unit's path; None: totals
    by_body: bool  # the sub-units are bodies (their paths group)
    by_period: bool
    lasts: bool  # the groups carry the period of ``last`` indicators


@dataclass
class Provided:
    """The groups of the registers, in the shape of ``aggregate``'s query:
    (indicator id, [unit path], [period start, end] or [last period], sum,
    count, min, max), and the span's totals of ``distinct`` figures."""

    groups: list[tuple[Any, ...]] = field(default_factory=list)
    span_totals: dict[int, Decimal] = field(default_factory=dict)


def _decimal(value: Any) -> Decimal:
    return Decimal(value or 0)


def _chunks(
    spans: list[tuple[dt.date, dt.date]], per: int
) -> Iterator[list[tuple[dt.date, dt.date]]]:
    size = max(1, MAX_COLUMNS // max(per, 1))
    for n in range(0, len(spans), size):
        yield spans[n : n + size]


def register_groups(user: User | AnonymousUser, asked: Asked) -> Provided:
    """The provided indicators' groups, one grouped query per register (per
    ``MAX_COLUMNS`` cells of a long span)."""
    provided = Provided()
    spans = span_periods(asked.period_type, asked.start, asked.end)
    if not spans:
        return provided
    wanted: dict[str, list[tuple[Indicator, Figure]]] = {}
    registers_by_key: dict[str, Register] = {}
    for indicator in asked.indicators:
        found = figure_of(indicator.provider)
        if found is None:
            continue
        register, item = found
        registers_by_key[register.key] = register
        wanted.setdefault(register.key, []).append((indicator, item))
    for key, items in wanted.items():
        register = registers_by_key[key]
        distinct = [(i, f) for i, f in items if f.distinct]
        parts = list(_chunks(spans, len(items) + len(distinct)))
        if len(parts) == 1:  # the span's counts in the same query
            _ask(user, asked, register, items, spans, provided, distinct)
            continue
        for part in parts:
            _ask(user, asked, register, items, part, provided)
        if distinct:
            _ask(user, asked, register, [], spans, provided, distinct)
    return provided


def _rows(
    user: User | AnonymousUser,
    asked: Asked,
    register: Register,
    spans: Sequence[tuple[dt.date, dt.date]],
) -> QuerySet[Any]:
    rows = register.rows(user).filter(register.touches(spans[0][0], spans[-1][1]))
    if asked.area_ranges is not None:
        rows = rows.filter(tree.subtree_q(asked.area_ranges, register.area_field))
    if asked.body_ranges is not None:
        rows = rows.filter(tree.subtree_q(asked.body_ranges, register.body_field))
    return rows.order_by()


def _grouped(
    asked: Asked, register: Register, rows: QuerySet[Any], columns: dict[str, Any]
) -> list[tuple[Any, tuple[Any, ...]]]:
    """(unit path or None, the columns' values) per group."""
    names = list(columns)
    columns["_rows"] = Count("pk")
    if asked.unit_key is None:
        found = rows.aggregate(**columns)
        if not found["_rows"]:
            return []
        return [(None, tuple(found[n] for n in names))]
    field_name = register.body_field if asked.by_body else register.area_field
    grouped = (
        rows.annotate(_unit=asked.unit_key(field_name))
        .values("_unit")
        .annotate(**columns)
        .values_list("_unit", "_rows", *names)
    )
    return [(row[0], tuple(row[2:])) for row in grouped if row[1]]


def _ask(
    user: User | AnonymousUser,
    asked: Asked,
    register: Register,
    items: list[tuple[Indicator, Figure]],
    spans: list[tuple[dt.date, dt.date]],
    provided: Provided,
    distinct: Sequence[tuple[Indicator, Figure]] = (),
) -> None:
    """One query: ``items`` per period of ``spans``, and the ``distinct``
    figures over the periods together (their cells when not by period, and
    the totals)."""
    columns: dict[str, Any] = {}
    for n, (_indicator, item) in enumerate(items):
        for p, span in enumerate(spans):
            columns[f"f{n}_{p}"] = item.count(window([span]))
    whole = window(spans)
    for n, (_indicator, item) in enumerate(distinct):
        columns[f"s{n}"] = item.count(whole)
    rows = _rows(user, asked, register, spans)
    for unit, values in _grouped(asked, register, rows, dict(columns)):
        at = 0
        for indicator, item in items:
            for first, last in spans:
                value = _decimal(values[at])
                at += 1
                if item.distinct and not asked.by_period:
                    continue  # counted over the span, below
                keys: list[Any] = [indicator.pk]
                if asked.unit_key is not None:
                    keys.append(unit)
                if asked.by_period:
                    keys += [first, last]
                elif asked.lasts:
                    keys.append(first if item.aggregation == LAST else None)
                provided.groups.append((*keys, value, 1, value, value))
        for indicator, _item in distinct:
            value = _decimal(values[at])
            at += 1
            provided.span_totals[indicator.pk] = (
                provided.span_totals.get(indicator.pk, Decimal(0)) + value
            )
            if asked.by_period:
                continue
            keys = [indicator.pk]
            if asked.unit_key is not None:
                keys.append(unit)
            if asked.lasts:
                keys.append(None)
            provided.groups.append((*keys, value, 1, value, value))
