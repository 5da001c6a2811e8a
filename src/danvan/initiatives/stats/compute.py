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
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection, connections, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.lookups import IsNull
from django.utils import timezone

from danvan.common import tree
from danvan.initiatives.models import (
    EFFECTIVE_OR_BETTER,
    Classification,
    Commendation,
    Initiative,
    Level,
)
from danvan.initiatives.models import Field as ModelField
from danvan.units.lineage import lineage_paths
from danvan.units.models import Area, AreaSuccession, Body, BodySuccession

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User

DEFAULT_N = 10
NOT_REGISTERED = [
    s for s in Initiative.Status.values if s not in Initiative.REGISTERED_STATUSES
]
UNEVALUATED = "unevaluated"


@dataclass(frozen=True)
class FieldCount:
    """Models of one field: registered, and of those effective or better."""

    code: str
    name: str
    registered: int
    effective: int


@dataclass(frozen=True)
class UnitCount:
    """A sub-unit (district, commune, province, village) and its models."""

    id: int
    code: str
    name: str
    registered: int
    effective: int


@dataclass(frozen=True)
class Threshold:
    """How many sub-units have at least ``n`` models effective or better."""

    n: int
    level: str  # the sub-units' level: "district", "commune"… ("" when none)
    numerator: int
    denominator: int
    units: tuple[UnitCount, ...]  # every sub-unit, most effective first


def percent(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in per cent, one decimal; None when ``whole`` is 0."""
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class ModelStats:
    """The statistics of the register for an area or body over a year or period.

    ``on`` is the date whose units count: the sub-units and communes in force
    that day (the end of the year or period, moved inside the area's own
    validity: a province created in 2025 is counted by its new communes even
    for 2021).
    """

    area_id: int | None
    area_code: str
    area_name: str
    body_id: int | None
    body_name: str
    year: int | None
    period: tuple[dt.date, dt.date] | None
    on: dt.date
    # Accepted registrations (drafts, pending and returned ones are not counted).
    registered: int
    new: int
    continuing: int
    by_field: tuple[FieldCount, ...]
    by_level: Mapping[str, int]  # Level value → models
    by_classification: Mapping[str, int]  # Classification value or "unevaluated"
    by_kind: Mapping[str, int]  # collective / individual
    evaluated: int
    effective: int  # latest classification "hiệu quả" or "điển hình"
    # Communes in force on ``on`` inside the area, and those with ≥ 1 model.
    communes_total: int
    communes_with_model: int
    # Bodies in force on ``on`` in the area (or the body's subtree), and those
    # that registered ≥ 1 model (themselves or a body they took over).
    bodies_total: int
    bodies_with_model: int
    units_with_at_least_n_effective: Threshold
    # Mobilized, from the progress updates.
    money_vnd: int
    working_days: int
    people_reached: int
    # Planned at registration.
    planned_money_vnd: int
    planned_working_days: int
    socialized_vnd: int
    commended: int  # models with at least one commendation
    # Models commended with each form (a model with two forms counts in both).
    commended_by_form: Mapping[str, int]
    replications: int  # models that replicate another one (adopted_from)
    replicated_models: int  # models copied by at least one registered model
    # Registered models since the start of the register up to the year or period.
    cumulative: int

    @property
    def communes_share(self) -> float | None:
        return percent(self.communes_with_model, self.communes_total)

    @property
    def bodies_share(self) -> float | None:
        return percent(self.bodies_with_model, self.bodies_total)

    @property
    def effective_share(self) -> float | None:
        return percent(self.effective, self.registered)

    def as_dict(self) -> dict[str, Any]:
        """The figures as JSON-ready values (``danvan models stats`` prints this)."""
        threshold = self.units_with_at_least_n_effective
        return {
            "area": (
                {"id": self.area_id, "code": self.area_code, "name": self.area_name}
                if self.area_id
                else None
            ),
            "body": (
                {"id": self.body_id, "name": self.body_name} if self.body_id else None
            ),
            "year": self.year,
            "period": (
                [self.period[0].isoformat(), self.period[1].isoformat()]
                if self.period
                else None
            ),
            "on": self.on.isoformat(),
            "registered": self.registered,
            "new": self.new,
            "continuing": self.continuing,
            "registered_by_field": {f.code: f.registered for f in self.by_field},
            "fields": [asdict(f) for f in self.by_field],
            "registered_by_level": dict(self.by_level),
            "by_classification": dict(self.by_classification),
            "by_kind": dict(self.by_kind),
            "evaluated": self.evaluated,
            "effective": self.effective,
            "communes_total": self.communes_total,
            "communes_with_model": self.communes_with_model,
            "communes_share_percent": self.communes_share,
            "bodies_total": self.bodies_total,
            "bodies_with_model": self.bodies_with_model,
            "bodies_share_percent": self.bodies_share,
            "units_with_at_least_n_effective": {
                "n": threshold.n,
                "level": threshold.level,
                "numerator": threshold.numerator,
                "denominator": threshold.denominator,
                "units": [asdict(u) for u in threshold.units],
            },
            "money_vnd": self.money_vnd,
            "working_days": self.working_days,
            "people_reached": self.people_reached,
            "planned_money_vnd": self.planned_money_vnd,
            "planned_working_days": self.planned_working_days,
            "socialized_vnd": self.socialized_vnd,
            "commended": self.commended,
            "commended_by_form": dict(self.commended_by_form),
            "replications": self.replications,
            "replicated_models": self.replicated_models,
            "cumulative": self.cumulative,
        }


# --- roll-up of areas to the units in force --------------------------------------


def _prefixes(path: str) -> list[str]:
    """``path`` and its ancestors' paths, deepest first."""
    return [path[:end] for end in range(len(path), 0, -tree.SEGMENT)]


class _RollUp:
    """Maps an area path to the unit in force it counts for (or to none).

    ``units`` are paths of areas in force; ``links`` map a predecessor's path
    to its main successor's path. A path inside a unit counts for it; else the
    deepest of its ancestors (itself included) that has a main successor hands
    it on, until it lands inside a unit or nowhere.
    """

    def __init__(self, units: Mapping[str, int], links: Mapping[str, str]) -> None:
        self.units = units
        self.links = links
        self.cache: dict[str, int | None] = {}

    def unit_of(self, path: str) -> int | None:
        if path in self.cache:
            return self.cache[path]
        found: int | None = None
        current: str | None = path
        seen: set[str] = set()
        while current is not None and current not in seen:
            seen.add(current)
            prefixes = _prefixes(current)
            found = next((self.units[p] for p in prefixes if p in self.units), None)
            if found is not None:
                break
            current = next((self.links[p] for p in prefixes if p in self.links), None)
        self.cache[path] = found
        return found


def _main_successors(ranges: list[str] | None) -> dict[str, str]:
    """Predecessor path → main successor path, for predecessors inside ``ranges``.

    ``None`` means everywhere (the whole country).
    """
    links = AreaSuccession.objects.filter(primary=True)
    if ranges is not None:
        links = links.filter(tree.subtree_q(ranges, field="predecessor__path"))
    return dict(links.values_list("predecessor__path", "successor__path"))


def _body_lineage_paths(path: str) -> list[str]:
    """The body's subtree and the subtrees of every body that passed into it."""
    covered = [path]
    frontier = [path]
    while frontier:
        found = BodySuccession.objects.filter(
            tree.subtree_q(frontier, field="successor__path")
        ).values_list("predecessor__path", flat=True)
        new = [p for p in set(found) if not any(p.startswith(c) for c in covered)]
        if not new:
            break
        covered = tree.minimal_paths([*covered, *new])
        frontier = tree.minimal_paths(new)
    return covered


def _body_roll_up(counts: Mapping[int, int], in_force: set[int]) -> set[int]:
    """The bodies in force that have a model, their own or a predecessor's."""
    links = dict(
        BodySuccession.objects.filter(primary=True).values_list(
            "predecessor_id", "successor_id"
        )
    )
    with_model: set[int] = set()
    for body_id, n in counts.items():
        if not n:
            continue
        current: int | None = body_id
        seen: set[int] = set()
        while current is not None and current not in in_force and current not in seen:
            seen.add(current)
            current = links.get(current)
        if current is not None and current in in_force:
            with_model.add(current)
    return with_model


# --- the function ------------------------------------------------------------------


def _default_on(
    territory: Area | None,
    year: int | None,
    period: tuple[dt.date, dt.date] | None,
    on: dt.date | None,
) -> dt.date:
    if on is None:
        if period is not None:
            on = period[1]
        elif year is not None:
            on = dt.date(year, 12, 31)
        else:
            on = timezone.localdate()
    if territory is not None:
        if territory.valid_from and on < territory.valid_from:
            on = territory.valid_from
        if territory.valid_to and on > territory.valid_to:
            on = territory.valid_to
    return on


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def registered_between(start: dt.date | None, end: dt.date) -> Q:
    """Match models registered (submitted) from ``start`` (or ever) to ``end``.

    A registration without a submission time (entered by the system or taken
    from an office's spreadsheet) counts as registered on 1 January of its year.
    """
    dated = Q(submitted_at__lt=_local_midnight(end + dt.timedelta(days=1)))
    undated = Q(submitted_at__isnull=True, year__lte=end.year)
    if start is not None:
        dated &= Q(submitted_at__gte=_local_midnight(start))
        first = start.year if (start.month, start.day) == (1, 1) else start.year + 1
        undated &= Q(year__gte=first)
    return dated | undated


def _selection(
    *,
    ranges: list[str] | None,
    body_ranges: list[str] | None,
    user: User | AnonymousUser | None,
) -> QuerySet[Initiative]:
    """Registered models of the area and body lineage, as ``user`` sees them."""
    if ranges is None:
        models = Initiative.objects.registered()
    else:
        # "Not draft, submitted or returned" is the same rows as "accepted, in
        # progress…", but SQLite, which plans without statistics, then reads
        # the area's path ranges instead of every registered row of the country.
        models = Initiative.objects.exclude(status__in=NOT_REGISTERED)
    if ranges is not None:
        models = models.filter(tree.subtree_q(ranges, field="area_path"))
    if body_ranges is not None:
        models = models.filter(tree.subtree_q(body_ranges, field="body__path"))
    if user is not None:
        models = models.visible_to(user)
    return models.order_by()


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
    arguments = {
        "area": area,
        "body": body,
        "year": year,
        "period": period,
        "n": n,
        "user": user,
        "on": on,
    }
    if connection.vendor != "postgresql":
        # No transaction: on SQLite it would take the write lock (IMMEDIATE).
        return _statistics(**arguments)
    with transaction.atomic():
        # JIT compiling the one-pass query (twenty filtered aggregates) takes
        # longer than running it: 0.6 s against 30 ms for a province.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        return _statistics(**arguments)


def _statistics(
    *,
    area: Area | None = None,
    body: Body | None = None,
    year: int | None = None,
    period: tuple[dt.date, dt.date] | None = None,
    n: int = DEFAULT_N,
    user: User | AnonymousUser | None = None,
    on: dt.date | None = None,
) -> ModelStats:
    territory = area if area is not None else (body.area if body is not None else None)
    on = _default_on(territory, year, period, on)
    ranges = lineage_paths([area.path]) if area is not None else None
    territory_ranges = (
        ranges
        if area is not None
        else (lineage_paths([territory.path]) if territory is not None else None)
    )
    body_ranges = _body_lineage_paths(body.path) if body is not None else None

    everything = _selection(ranges=ranges, body_ranges=body_ranges, user=user)
    models = everything
    if year is not None:
        models = models.filter(year=year)
    cutoff: dt.date | None = None
    if period is not None:
        models = models.filter(registered_between(*period))
        cutoff = period[1]

    effective_q = Q(classification__in=EFFECTIVE_OR_BETTER)
    evaluated_q = ~Q(classification="")
    commended_q = Q(commended_on__isnull=False)
    if cutoff is not None:
        effective_q &= Q(evaluated_on__lte=cutoff)
        evaluated_q &= Q(evaluated_on__lte=cutoff)
        commended_q &= Q(commended_on__lte=cutoff)
    classes = {
        c.value: Count("pk", filter=Q(classification=c.value) & evaluated_q)
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
    # One pass over the rows: everything is a conditional count or a sum, per
    # registering area, level, field and body (a few thousand groups at most).
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
        **{f"class_{k}": v for k, v in classes.items()},
        **forms,
    )
    # Plain tuples straight from the cursor: the country has tens of thousands
    # of groups, and the ORM's per-value converters would cost a second.
    sql, params = grouped.query.sql_with_params()
    with connections[grouped.db].cursor() as cursor:
        cursor.execute(sql, params)
        names = [c[0] for c in cursor.description][4:]
        groups = cursor.fetchall()

    columns = list(zip(*groups, strict=True))[4:] if groups else [()] * len(names)
    sums = {
        name: sum(int(v) for v in column if v)
        for name, column in zip(names, columns, strict=True)
    }

    def total(key: str) -> int:
        return sums.get(key, 0)

    registered = total("n_registered")
    evaluated = total("n_evaluated")
    by_level = dict.fromkeys(Level.values, 0)
    per_area: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_field: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    body_counts: dict[int, int] = defaultdict(int)
    for path, level, field_id, body_id, n_registered, n_effective, *_rest in groups:
        by_level[level] = by_level.get(level, 0) + n_registered
        area_row = per_area[path]
        area_row[0] += n_registered
        area_row[1] += n_effective
        field_row = per_field[field_id]
        field_row[0] += n_registered
        field_row[1] += n_effective
        if body_id is not None:
            body_counts[body_id] += n_registered
    by_classification = {k: total(f"class_{k}") for k in classes}
    by_classification[UNEVALUATED] = registered - evaluated
    collective = total("n_collective")

    # Sub-units and communes in force on ``on``, and the roll-up of the groups.
    if territory is not None:
        in_force = Area.objects.in_force(on)
        children = list(
            in_force.filter(parent=territory).values_list(
                "pk", "code", "full_name", "path", "level"
            )
        )
        if territory.level == Area.Level.COMMUNE:
            communes = {territory.path: territory.pk}
        else:
            communes = dict(
                in_force.filter(level=Area.Level.COMMUNE)
                .filter(tree.subtree_q([territory.path]))
                .values_list("path", "pk")
            )
    else:
        in_force = Area.objects.in_force(on)
        children = list(
            in_force.filter(parent__isnull=True).values_list(
                "pk", "code", "full_name", "path", "level"
            )
        )
        communes = dict(
            in_force.filter(level=Area.Level.COMMUNE).values_list("path", "pk")
        )
    links = _main_successors(territory_ranges)
    child_roll = _RollUp({c[3]: c[0] for c in children}, links)
    commune_roll = _RollUp(communes, links)
    per_child: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    communes_hit: set[int] = set()
    for path, (n_registered, n_effective) in per_area.items():
        if not n_registered:
            continue
        child = child_roll.unit_of(path)
        if child is not None:
            per_child[child][0] += n_registered
            per_child[child][1] += n_effective
        commune = commune_roll.unit_of(path)
        if commune is not None:
            communes_hit.add(commune)
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
    threshold = Threshold(
        n=n,
        level=children[0][4] if children else "",
        numerator=sum(1 for u in units if u.effective >= n),
        denominator=len(units),
        units=tuple(units),
    )

    # Bodies in force and those with a model.
    bodies = Body.objects.in_force(on)
    if body is not None:
        bodies = bodies.filter(tree.subtree_q([body.path]))
    elif territory is not None:
        bodies = bodies.filter(tree.subtree_q([territory.path], field="area__path"))
    bodies_in_force = set(bodies.values_list("pk", flat=True))
    bodies_with_model = _body_roll_up(body_counts, bodies_in_force)

    # Fields: every field in use, and any other one that has models here.
    by_field = tuple(
        FieldCount(
            code=f.code,
            name=f.name,
            registered=per_field[f.pk][0] if f.pk in per_field else 0,
            effective=per_field[f.pk][1] if f.pk in per_field else 0,
        )
        for f in ModelField.objects.all()
        if f.active or f.pk in per_field
    )

    by_form = {f: total(f"form_{f}") for f in Commendation.Form.values}

    if year is None and period is None:
        cumulative = registered  # everything is already counted
    else:
        # One count per range (they are disjoint): each is then read on the
        # covering (area_path, year, status) index alone; with the ranges OR-ed,
        # PostgreSQL scans the whole index.
        cumulative = 0
        for part in [[r] for r in ranges] if ranges is not None else [None]:
            earlier = _selection(ranges=part, body_ranges=body_ranges, user=user)
            if year is not None:
                earlier = earlier.filter(year__lte=year)
            if period is not None:
                earlier = earlier.filter(registered_between(None, period[1]))
            cumulative += earlier.count()

    return ModelStats(
        area_id=area.pk if area is not None else None,
        area_code=area.code if area is not None else "",
        area_name=area.full_name if area is not None else "",
        body_id=body.pk if body is not None else None,
        body_name=body.name if body is not None else "",
        year=year,
        period=period,
        on=on,
        registered=registered,
        new=registered - total("n_continuing"),
        continuing=total("n_continuing"),
        by_field=by_field,
        by_level=by_level,
        by_classification=by_classification,
        by_kind={
            Initiative.Kind.COLLECTIVE.value: collective,
            Initiative.Kind.INDIVIDUAL.value: registered - collective,
        },
        evaluated=evaluated,
        effective=total("n_effective"),
        communes_total=len(communes),
        communes_with_model=len(communes_hit),
        bodies_total=len(bodies_in_force),
        bodies_with_model=len(bodies_with_model),
        units_with_at_least_n_effective=threshold,
        money_vnd=total("money"),
        working_days=total("days"),
        people_reached=total("people"),
        planned_money_vnd=total("planned_money"),
        planned_working_days=total("planned_days"),
        socialized_vnd=total("socialized"),
        commended=total("n_commended"),
        commended_by_form=by_form,
        replications=total("n_replications"),
        replicated_models=total("n_replicated"),
        cumulative=cumulative,
    )
