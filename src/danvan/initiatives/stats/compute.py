"""The figures reports quote about "Dân vận khéo" models, computed from the register.

One function, ``model_statistics``, answers for any area or body, any year or
period: models registered (new / continuing), by field, by level and by
classification; communes and bodies with at least one model; sub-units with at
least N effective models ("9/9 huyện có ít nhất 10 mô hình hiệu quả"); money
and working days mobilized; commended models; replications. The statistics
page, its XLSX table, ``danvan models stats`` and the report builder all call it.

Lineage. An area's figures count every model recorded against anything that
is or was inside it (``units.lineage.lineage_paths``, as ``Area.objects.within``
and the access scope do): the new xã Trạm Tấu counts the models of the former
xã Pá Lau, the new tỉnh Lào Cai those of the former tỉnh Yên Bái and its
districts. Roll-ups to sub-units and communes give each model to exactly one
unit in force: the one its area lies in, else the one its area's *main*
successor (``AreaSuccession.primary``) leads to, so a commune split in 2025
counts once, for the commune that took its records, and never twice.

Cost. One pass of the database over the rows counts and sums everything,
grouped by registering area, level, field and body (a few thousand groups for
a province, tens of thousands for the country), over path ranges that the
``(year, area_path)`` and ``(area_path, year)`` indexes answer; the groups, not
the rows, are then mapped to sub-units by path prefix. The count since the
start reads the covering ``(area_path, year, status)`` index. A province is
about fifteen queries whatever its number of models; ``bench/initiatives_stats.py``
measures them on a million models.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection, connections, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.lookups import IsNull

from danvan.common import tree
from danvan.common.paging import count_parts
from danvan.initiatives.models import (
    EFFECTIVE_OR_BETTER,
    Classification,
    Commendation,
    Initiative,
    Level,
)
from danvan.initiatives.models import Field as ModelField
from danvan.initiatives.stats.figures import (
    DEFAULT_N,
    UNEVALUATED,
    FieldCount,
    ModelStats,
    Threshold,
    UnitCount,
)
from danvan.initiatives.stats.rollup import (
    RollUp,
    body_lineage_paths,
    body_roll_up,
    main_successors,
)
from danvan.initiatives.stats.selection import (
    default_on,
    registered_between,
    selection,
)
from danvan.units.lineage import lineage_paths
from danvan.units.models import Area, Body

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User


def model_statistics(
    *,
    area: Area | None = None,
    body: Body | None = None,
    year: int | None = None,
    period: tuple[dt.date, dt.date] | None = None,
    n: int = DEFAULT_N,
    user: User | AnonymousUser | None = None,
    on: dt.date | None = None,
) -> ModelStats:
    """Compute the register's figures for an area or body and a year or period.

    - ``area``: the area and everything that is or was inside it; ``None`` with
      no ``body`` is the whole country.
    - ``body``: only the models of the body, its sub-bodies and the bodies that
      passed into them; its area is then the area of the commune and sub-unit
      figures unless ``area`` is given.
    - ``year``: models registered for that year; ``period`` (both ends
      included): models registered (submitted) between those dates, and only
      evaluations and commendations dated up to its end. Both may be given.
    - ``n``: the threshold of effective models per sub-unit.
    - ``user``: count only the models ``user`` may see.
    - ``on``: the date whose units count (see ``ModelStats``).
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    if period is not None and period[0] > period[1]:
        raise ValueError("the period ends before it starts")

    def compute() -> ModelStats:
        return _statistics(
            area=area, body=body, year=year, period=period, n=n, user=user, on=on
        )

    if connection.vendor != "postgresql":
        # No transaction: on SQLite it would take the write lock (IMMEDIATE).
        return compute()
    with transaction.atomic():
        # JIT compiling the one-pass query (twenty filtered aggregates) takes
        # longer than running it: 0.6 s against 30 ms for a province.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        return compute()


# --- where and when ------------------------------------------------------------------


@dataclass(frozen=True)
class _Where:
    """The unit whose sub-units count, the date of the units, and the path ranges."""

    territory: Area | None
    on: dt.date
    ranges: list[str] | None  # the area's lineage; None for the whole country
    territory_ranges: list[str] | None
    body_ranges: list[str] | None  # the body's lineage; None without a body


def _where(
    area: Area | None,
    body: Body | None,
    year: int | None,
    period: tuple[dt.date, dt.date] | None,
    on: dt.date | None,
) -> _Where:
    territory = area if area is not None else (body.area if body is not None else None)
    ranges = lineage_paths([area.path]) if area is not None else None
    if area is not None:
        territory_ranges = ranges
    elif territory is not None:
        territory_ranges = lineage_paths([territory.path])
    else:
        territory_ranges = None
    return _Where(
        territory=territory,
        on=default_on(territory, year, period, on),
        ranges=ranges,
        territory_ranges=territory_ranges,
        body_ranges=body_lineage_paths(body.path) if body is not None else None,
    )


# --- the one pass over the rows ------------------------------------------------------


@dataclass
class _Tally:
    """The grouped rows of the one pass, summed and regrouped in Python."""

    sums: dict[str, int]
    by_level: dict[str, int]
    per_area: dict[str, list[int]]  # area path → [registered, effective]
    per_field: dict[int, list[int]]  # field id → [registered, effective]
    body_counts: dict[int, int] = field(default_factory=dict)

    def total(self, key: str) -> int:
        return self.sums.get(key, 0)


def _one_pass(models: QuerySet[Initiative], cutoff: dt.date | None) -> _Tally:
    """Count and sum every figure of the rows in one query, grouped by area,
    level, field and body (a few thousand groups at most)."""
    effective_q = Q(classification__in=EFFECTIVE_OR_BETTER)
    evaluated_q = ~Q(classification="")
    commended_q = Q(commended_on__isnull=False)
    if cutoff is not None:
        effective_q &= Q(evaluated_on__lte=cutoff)
        evaluated_q &= Q(evaluated_on__lte=cutoff)
        commended_q &= Q(commended_on__lte=cutoff)
    classes = {
        f"class_{c.value}": Count("pk", filter=Q(classification=c.value) & evaluated_q)
        for c in Classification
    }
    copies = Initiative.objects.registered().filter(adopted_from=OuterRef("pk"))
    given = Commendation.objects.filter(initiative=OuterRef("pk")).order_by()
    if cutoff is not None:
        given = given.filter(decided_on__lte=cutoff)
    # Only commended rows look for their commendations (``commended_on`` is
    # tested first). A scalar subquery rather than EXISTS: PostgreSQL would
    # hash each form's commendations of the whole country up front.
    forms = {
        f"form_{f}": Count(
            "pk",
            filter=commended_q
            & Q(IsNull(Subquery(given.filter(form=f).values("pk")[:1]), False)),
        )
        for f in Commendation.Form.values
    }
    grouped = models.values("area_path", "level", "field_id", "body_id").annotate(
        n_registered=Count("pk"),
        n_effective=Count("pk", filter=effective_q),
        n_continuing=Count("pk", filter=Q(continuing=True)),
        n_evaluated=Count("pk", filter=evaluated_q),
        n_collective=Count("pk", filter=Q(kind=Initiative.Kind.COLLECTIVE)),
        n_commended=Count("pk", filter=commended_q),
        n_replications=Count("pk", filter=Q(adopted_from__isnull=False)),
        n_replicated=Count("pk", filter=Q(Exists(copies))),
        money=Sum("mobilized_vnd"),
        days=Sum("mobilized_days"),
        people=Sum("people_reached"),
        planned_money=Sum("money_vnd"),
        planned_days=Sum("working_days"),
        socialized=Sum("socialized_vnd"),
        **classes,
        **forms,
    )
    # Plain tuples straight from the cursor: the country has tens of thousands
    # of groups, and the ORM's per-value converters would cost a second.
    sql, params = grouped.query.sql_with_params()
    with connections[grouped.db].cursor() as cursor:
        cursor.execute(sql, params)
        names = [c[0] for c in cursor.description][4:]
        groups = cursor.fetchall()
    return _tally(names, groups)


def _tally(names: list[str], groups: list[tuple[Any, ...]]) -> _Tally:
    """Sum the groups' columns, and regroup them by level, area, field and body."""
    columns = list(zip(*groups, strict=True))[4:] if groups else [()] * len(names)
    tally = _Tally(
        sums={
            name: sum(int(v) for v in column if v)
            for name, column in zip(names, columns, strict=True)
        },
        by_level=dict.fromkeys(Level.values, 0),
        per_area=defaultdict(lambda: [0, 0]),
        per_field=defaultdict(lambda: [0, 0]),
        body_counts=defaultdict(int),
    )
    for path, level, field_id, body_id, n_registered, n_effective, *_rest in groups:
        tally.by_level[level] = tally.by_level.get(level, 0) + n_registered
        area_row = tally.per_area[path]
        area_row[0] += n_registered
        area_row[1] += n_effective
        field_row = tally.per_field[field_id]
        field_row[0] += n_registered
        field_row[1] += n_effective
        if body_id is not None:
            tally.body_counts[body_id] += n_registered
    return tally


# --- figures by topic ----------------------------------------------------------------


def _by_classification(tally: _Tally) -> dict[str, int]:
    """Models by their latest classification, and those not evaluated."""
    counts = {c.value: tally.total(f"class_{c.value}") for c in Classification}
    counts[UNEVALUATED] = tally.total("n_registered") - tally.total("n_evaluated")
    return counts


def _by_field(tally: _Tally) -> tuple[FieldCount, ...]:
    """Every field in use, and any other one that has models here."""
    per_field = tally.per_field
    return tuple(
        FieldCount(
            code=f.code,
            name=f.name,
            registered=per_field[f.pk][0] if f.pk in per_field else 0,
            effective=per_field[f.pk][1] if f.pk in per_field else 0,
        )
        for f in ModelField.objects.all()
        if f.active or f.pk in per_field
    )


def _by_form(tally: _Tally) -> dict[str, int]:
    """Models commended with each form (a model with two forms counts in both)."""
    return {f: tally.total(f"form_{f}") for f in Commendation.Form.values}


_UnitRow = tuple[int, str, str, str, str]  # pk, code, full name, path, level


def _units_in_force(where: _Where) -> tuple[list[_UnitRow], dict[str, int]]:
    """The sub-units in force on ``on`` and the communes (path → pk) inside."""
    in_force = Area.objects.in_force(where.on)
    territory = where.territory
    columns = ("pk", "code", "full_name", "path", "level")
    if territory is None:
        children = list(in_force.filter(parent__isnull=True).values_list(*columns))
        communes = dict(
            in_force.filter(level=Area.Level.COMMUNE).values_list("path", "pk")
        )
        return children, communes
    if territory.level == Area.Level.COMMUNE:
        children = list(in_force.filter(parent=territory).values_list(*columns))
        return children, {territory.path: territory.pk}
    # The children and the communes inside, in one query.
    rows = in_force.filter(
        Q(parent=territory)
        | Q(level=Area.Level.COMMUNE) & tree.subtree_q([territory.path])
    ).values_list(*columns, "parent_id")
    children, communes = [], {}
    for pk, code, name, path, level, parent_id in rows:
        if parent_id == territory.pk:
            children.append((pk, code, name, path, level))
        if level == Area.Level.COMMUNE:
            communes[path] = pk
    return children, communes


def _threshold(
    children: list[_UnitRow], roll: RollUp, per_area: dict[str, list[int]], n: int
) -> Threshold:
    """Sub-units with at least ``n`` effective models, each model counted once."""
    per_child: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for path, (n_registered, n_effective) in per_area.items():
        child = roll.unit_of(path) if n_registered else None
        if child is not None:
            per_child[child][0] += n_registered
            per_child[child][1] += n_effective
    units = sorted(
        (
            UnitCount(
                id=pk,
                code=code,
                name=name,
                registered=per_child[pk][0] if pk in per_child else 0,
                effective=per_child[pk][1] if pk in per_child else 0,
            )
            for pk, code, name, _path, _level in children
        ),
        key=lambda u: (-u.effective, -u.registered, u.name),
    )
    return Threshold(
        n=n,
        level=children[0][4] if children else "",
        numerator=sum(1 for u in units if u.effective >= n),
        denominator=len(units),
        units=tuple(units),
    )


def _communes_with_model(roll: RollUp, per_area: dict[str, list[int]]) -> set[int]:
    """The communes in force that a registered model rolls up to."""
    hit = (roll.unit_of(path) for path, (count, _e) in per_area.items() if count)
    return {commune for commune in hit if commune is not None}


def _bodies(where: _Where, body: Body | None, tally: _Tally) -> tuple[int, int]:
    """Bodies in force on ``on`` here, and those with a model (or a predecessor's)."""
    bodies = Body.objects.in_force(where.on)
    if body is not None:
        bodies = bodies.filter(tree.subtree_q([body.path]))
    elif where.territory is not None:
        bodies = bodies.filter(
            tree.subtree_q([where.territory.path], field="area__path")
        )
    in_force = set(bodies.values_list("pk", flat=True))
    return len(in_force), len(body_roll_up(tally.body_counts, in_force))


def _cumulative(
    where: _Where,
    *,
    year: int | None,
    period: tuple[dt.date, dt.date] | None,
    user: User | AnonymousUser | None,
) -> int:
    """Registered models since the start of the register up to the year or period."""
    # One count per range (they are disjoint), added up in one query: each is
    # then read on the covering (area_path, year, status) index alone; with
    # the ranges OR-ed, PostgreSQL scans the whole index.
    parts = []
    ranges = where.ranges
    for part in [[r] for r in ranges] if ranges is not None else [None]:
        earlier = selection(ranges=part, body_ranges=where.body_ranges, user=user)
        if year is not None:
            earlier = earlier.filter(year__lte=year)
        if period is not None:
            earlier = earlier.filter(registered_between(None, period[1]))
        parts.append(earlier)
    return count_parts(parts)


# --- the whole -----------------------------------------------------------------------


def _statistics(
    *,
    area: Area | None,
    body: Body | None,
    year: int | None,
    period: tuple[dt.date, dt.date] | None,
    n: int,
    user: User | AnonymousUser | None,
    on: dt.date | None,
) -> ModelStats:
    where = _where(area, body, year, period, on)
    models = selection(ranges=where.ranges, body_ranges=where.body_ranges, user=user)
    if year is not None:
        models = models.filter(year=year)
    if period is not None:
        models = models.filter(registered_between(*period))
    tally = _one_pass(models, period[1] if period is not None else None)
    registered = tally.total("n_registered")
    collective = tally.total("n_collective")

    children, communes = _units_in_force(where)
    links = main_successors(where.territory_ranges)
    threshold = _threshold(
        children, RollUp({c[3]: c[0] for c in children}, links), tally.per_area, n
    )
    communes_hit = _communes_with_model(RollUp(communes, links), tally.per_area)
    bodies_total, bodies_with_model = _bodies(where, body, tally)
    if year is None and period is None:
        cumulative = registered  # everything is already counted
    else:
        cumulative = _cumulative(where, year=year, period=period, user=user)

    return ModelStats(
        area_id=area.pk if area is not None else None,
        area_code=area.code if area is not None else "",
        area_name=area.full_name if area is not None else "",
        body_id=body.pk if body is not None else None,
        body_name=body.name if body is not None else "",
        year=year,
        period=period,
        on=where.on,
        registered=registered,
        new=registered - tally.total("n_continuing"),
        continuing=tally.total("n_continuing"),
        by_field=_by_field(tally),
        by_level=tally.by_level,
        by_classification=_by_classification(tally),
        by_kind={
            Initiative.Kind.COLLECTIVE.value: collective,
            Initiative.Kind.INDIVIDUAL.value: registered - collective,
        },
        evaluated=tally.total("n_evaluated"),
        effective=tally.total("n_effective"),
        communes_total=len(communes),
        communes_with_model=len(communes_hit),
        bodies_total=bodies_total,
        bodies_with_model=bodies_with_model,
        units_with_at_least_n_effective=threshold,
        money_vnd=tally.total("money"),
        working_days=tally.total("days"),
        people_reached=tally.total("people"),
        planned_money_vnd=tally.total("planned_money"),
        planned_working_days=tally.total("planned_days"),
        socialized_vnd=tally.total("socialized"),
        commended=tally.total("n_commended"),
        commended_by_form=_by_form(tally),
        replications=tally.total("n_replications"),
        replicated_models=tally.total("n_replicated"),
        cumulative=cumulative,
    )
