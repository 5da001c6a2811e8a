"""Writes to the unit tree: loading official areas, villages, bodies, people."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from danvan.accounts.models import User
from danvan.common import tree
from danvan.common.access import bump_scope_version
from danvan.common.audit import acting_as
from danvan.common.rules import may_edit, require
from danvan.common.text import fold, normalize
from danvan.units import sources
from danvan.units.models import (
    Area,
    AreaSuccession,
    Body,
    BodySuccession,
    ChangeEvent,
    Person,
    Position,
)

LAST_LEGACY_DAY = dt.date.fromisoformat(sources.LAST_LEGACY_DAY_ISO)
REFORM_DATE = dt.date.fromisoformat(sources.REFORM_DATE_ISO)


@dataclass
class LoadResult:
    created: int
    events: int
    links: int
    skipped: bool = False


def _next_id(model: type[Area] | type[ChangeEvent]) -> int:
    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def _reset_sequences(*models: type) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def full_name(kind: str, name: str) -> str:
    return f"{Area.PREFIX[Area.Kind(kind)]} {name}"


@transaction.atomic
def load_official_areas() -> LoadResult:
    """Load the official provinces, districts and communes with the 2025 lineage.

    Idempotent: when official areas are present, nothing is written. Rows get
    their ids up front so that paths are written in the same insert.
    """
    if Area.objects.exclude(level=Area.Level.VILLAGE).exists():
        return LoadResult(created=0, events=0, links=0, skipped=True)
    div = sources.load_divisions()
    next_id = _next_id(Area)
    legacy: dict[str, Area] = {}
    current: dict[str, Area] = {}
    rows: list[Area] = []

    def make(
        unit: sources.Unit, parent: Area | None, **validity: dt.date | None
    ) -> Area:
        nonlocal next_id
        name = normalize(unit.name)
        fname = full_name(unit.kind, name)
        area = Area(
            pk=next_id,
            code=unit.code,
            name=name,
            full_name=fname,
            kind=unit.kind,
            level=unit.level,
            parent=parent,
            path=tree.child_path(parent.path if parent else "", next_id),
            search_name=fold(fname),
            **validity,
        )
        next_id += 1
        rows.append(area)
        return area

    for unit in div.legacy:
        parent = legacy[unit.parent_code] if unit.parent_code else None
        lasting = unit.level == "province" and unit.code in div.unchanged_provinces
        legacy[unit.code] = make(
            unit, parent, valid_to=None if lasting else LAST_LEGACY_DAY
        )
    for unit in div.current:
        if unit.level == "province" and unit.code in div.unchanged_provinces:
            current[unit.code] = legacy[unit.code]
            continue
        parent = current[unit.parent_code] if unit.parent_code else None
        current[unit.code] = make(unit, parent, valid_from=REFORM_DATE)
    # The official catalogue itself, not a change anyone made: it is not logged
    # row by row (an area's change log says it came from the official load).
    Area.objects.bulk_create(rows, batch_size=2000)

    events: list[ChangeEvent] = []
    links: list[AreaSuccession] = []
    next_event = _next_id(ChangeEvent)

    def record(
        kind: str, basis: str, pairs: list[tuple[Area, Area, bool, bool]]
    ) -> None:
        nonlocal next_event
        event = ChangeEvent(
            pk=next_event, kind=kind, date=REFORM_DATE, legal_basis=basis
        )
        next_event += 1
        events.append(event)
        links.extend(
            AreaSuccession(
                event=event, predecessor=p, successor=s, partial=part, primary=prim
            )
            for p, s, part, prim in pairs
        )

    by_new_province: dict[str, list[str]] = defaultdict(list)
    province_of: dict[str, str] = {c: c for c in div.unchanged_provinces}
    for link in div.province_links:
        by_new_province[link.new_code].append(link.old_code)
        province_of[link.old_code] = link.new_code
    for new_code, old_codes in by_new_province.items():
        successor = current[new_code]
        pairs = [(legacy[old], successor, False, True) for old in old_codes]
        kind = ChangeEvent.Kind.MERGE if len(pairs) > 1 else ChangeEvent.Kind.RENAME
        record(kind, sources.PROVINCE_REFORM_BASIS, pairs)

    by_new_commune: dict[str, list[sources.Link]] = defaultdict(list)
    for link in div.commune_links:
        by_new_commune[link.new_code].append(link)
    mapped_districts = {
        link.old_code
        for link in div.commune_links
        if legacy[link.old_code].level == "district"
    }
    for new_code, group in sorted(by_new_commune.items()):
        successor = current[new_code]
        pairs = [(legacy[x.old_code], successor, x.partial, x.primary) for x in group]
        if len(pairs) > 1:
            kind = ChangeEvent.Kind.MERGE
        elif group[0].partial:
            kind = ChangeEvent.Kind.SPLIT
        elif pairs[0][0].full_name != successor.full_name:
            kind = ChangeEvent.Kind.RENAME
        else:
            kind = ChangeEvent.Kind.REPARENT
        record(kind, sources.COMMUNE_REFORM_BASIS, pairs)

    for unit in div.legacy:
        if unit.level != "district" or unit.code in mapped_districts:
            continue
        district = legacy[unit.code]
        assert unit.parent_code is not None  # a district always has its province
        province = current[province_of[unit.parent_code]]
        record(
            ChangeEvent.Kind.ABOLISH,
            sources.DISTRICT_REFORM_BASIS,
            [(district, province, False, True)],
        )

    ChangeEvent.objects.bulk_create(events, batch_size=2000)
    AreaSuccession.objects.bulk_create(links, batch_size=2000)
    _reset_sequences(Area, ChangeEvent)
    # Bulk inserts send no signal: the cached scopes are forgotten here.
    bump_scope_version()
    return LoadResult(created=len(rows), events=len(events), links=len(links))


@transaction.atomic
def insert_with_path(obj: Area | Body, parent: Area | Body | None) -> None:
    """Save a new tree node, then give it its path (its pk is part of it)."""
    obj.path = f"tmp-{uuid.uuid4().hex}"
    obj.save()
    obj.path = tree.child_path(parent.path if parent else "", obj.pk)
    type(obj).objects.filter(pk=obj.pk).update(path=obj.path)
    bump_scope_version()  # the path moved by an update, which sends no signal


@transaction.atomic
def create_village(
    *,
    actor: User,
    commune: Area,
    name: str,
    kind: str = Area.Kind.VILLAGE,
    valid_from: dt.date | None = None,
    code: str = "",
) -> Area:
    """Add a village (thôn, bản, tổ dân phố…) under a commune.

    Villages have no official code; without one, the commune's code and a
    running number are used ("04591.003").
    """
    require(may_edit(actor, commune), _("You may not add villages to this commune."))
    if commune.level != Area.Level.COMMUNE:
        raise ValidationError(_("A village can only be added under a commune."))
    if kind not in Area.VILLAGE_KINDS:
        raise ValidationError(_("This kind is not a village kind."))
    name = normalize(name)
    if not name:
        raise ValidationError(_("The name is required."))
    siblings = commune.children.filter(level=Area.Level.VILLAGE)
    if any(fold(v.name) == fold(name) and v.in_force() for v in siblings):
        raise ValidationError(_("This commune already has a village with that name."))
    if not code:
        number = siblings.count() + 1
        while Area.objects.filter(code=f"{commune.code}.{number:03d}").exists():
            number += 1
        code = f"{commune.code}.{number:03d}"
    fname = full_name(kind, name)
    village = Area(
        code=code,
        name=name,
        full_name=fname,
        kind=kind,
        level=Area.Level.VILLAGE,
        parent=commune,
        search_name=fold(fname),
        valid_from=valid_from or commune.valid_from,
        valid_to=commune.valid_to,
    )
    village.full_clean(exclude=["path", "search_name"])
    with acting_as(actor):
        insert_with_path(village, commune)
    return village


@transaction.atomic
def create_body(
    *,
    actor: User,
    name: str,
    kind: str,
    area: Area,
    parent: Body | None = None,
    abbreviation: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> Body:
    """Create a body attached to an area, optionally under a parent body."""
    require(
        may_edit(actor, parent if parent is not None else area),
        _("You may not add bodies here."),
    )
    name = normalize(name)
    body = Body(
        name=name,
        kind=kind,
        area=area,
        parent=parent,
        abbreviation=abbreviation,
        valid_from=valid_from,
        valid_to=valid_to,
        search_name=fold(name),
    )
    body.full_clean(exclude=["path", "search_name"])
    with acting_as(actor):
        insert_with_path(body, parent)
    return body


@transaction.atomic
def record_body_change(
    *,
    actor: User,
    kind: str,
    date: dt.date,
    predecessors: list[Body],
    successors: list[Body],
    legal_basis: str = "",
) -> ChangeEvent:
    """Record a merger, split or renaming of bodies (e.g. BTG + BDV → BTGDV).

    Predecessors end the day before ``date`` unless they already ended.
    """
    require(
        all(may_edit(actor, body) for body in [*predecessors, *successors]),
        _("You may not change these bodies."),
    )
    if not predecessors or not successors:
        raise ValidationError(
            _("A change needs at least one predecessor and one successor.")
        )
    with acting_as(actor):
        event = ChangeEvent.objects.create(
            kind=kind, date=date, legal_basis=legal_basis
        )
        for old in predecessors:
            if old.valid_to is None:
                old.valid_to = date - dt.timedelta(days=1)
                old.save(update_fields=["valid_to"])
            for new in successors:
                BodySuccession.objects.create(
                    event=event,
                    predecessor=old,
                    successor=new,
                    partial=len(successors) > 1,
                    primary=new == successors[0],
                )
    return event


@transaction.atomic
def create_person(
    *, actor: User, full_name: str, area: Area, **fields: object
) -> Person:
    """Create a person kept by ``area``."""
    require(may_edit(actor, area), _("You may not add people to this area."))
    name = normalize(full_name)
    person = Person(full_name=name, area=area, search_name=fold(name), **fields)
    person.full_clean(exclude=["search_name"])
    with acting_as(actor):
        person.save()
    return person


@transaction.atomic
def appoint(
    *,
    actor: User,
    person: Person,
    body: Body,
    title: str,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> Position:
    """Record that ``person`` holds ``title`` in ``body`` from a date to a date."""
    require(may_edit(actor, body), _("You may not appoint people in this body."))
    position = Position(
        person=person,
        body=body,
        title=normalize(title),
        valid_from=valid_from,
        valid_to=valid_to,
    )
    position.full_clean()
    with acting_as(actor):
        position.save()
    return position
