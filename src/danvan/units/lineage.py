"""Lineage of areas: successors on a date, predecessors, what is or was inside.

Successions form a directed acyclic graph over time (old → new). Each walk
below issues one query per generation, and a generation is a whole reform (the
2025 reform is one), so the walks stay at two or three queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from danvan.common import tree
from danvan.units.models import Area, AreaSuccession


@dataclass(frozen=True)
class Successor:
    area: Area
    partial: bool
    primary: bool


def successors(area: Area, on: dt.date | None = None) -> list[Area]:
    """Return the areas in force on ``on`` that took over ``area``.

    An area in force on that date is its own successor; an area that was
    abolished without successor has none.
    """
    return [s.area for s in successors_detail(area, on=on)]


def successors_detail(area: Area, on: dt.date | None = None) -> list[Successor]:
    """``successors``, saying for each whether it got part only, and the main one."""
    on = on or timezone.localdate()
    if area.in_force(on):
        return [Successor(area, partial=False, primary=True)]
    found: dict[int, Successor] = {}
    frontier = {area.pk: (False, True)}
    seen = {area.pk}
    while frontier:
        links = AreaSuccession.objects.filter(
            predecessor_id__in=frontier
        ).select_related("successor", "event")
        nxt: dict[int, tuple[bool, bool]] = {}
        for link in links:
            succ = link.successor
            if succ.pk in seen:
                continue
            seen.add(succ.pk)
            partial = frontier[link.predecessor_id][0] or link.partial
            primary = frontier[link.predecessor_id][1] and link.primary
            if succ.in_force(on):
                found[succ.pk] = Successor(succ, partial=partial, primary=primary)
            elif succ.valid_to is not None and succ.valid_to < on:
                nxt[succ.pk] = (partial, primary)
            # Otherwise the successor starts after ``on``: none yet on that date.
        frontier = nxt
    return sorted(found.values(), key=lambda s: (not s.primary, s.area.full_name))


def predecessors(area: Area) -> list[Area]:
    """Return every area that passed, wholly or partly, into ``area`` (transitively)."""
    result: dict[int, Area] = {}
    frontier = {area.pk}
    while frontier:
        links = AreaSuccession.objects.filter(successor_id__in=frontier).select_related(
            "predecessor"
        )
        frontier = set()
        for link in links:
            if link.predecessor_id not in result:
                result[link.predecessor_id] = link.predecessor
                frontier.add(link.predecessor_id)
    return sorted(result.values(), key=lambda a: (a.valid_to or dt.date.max, a.path))


def lineage_paths(paths: Iterable[str]) -> list[str]:
    """Return the minimal subtree paths covering ``paths`` and all their past.

    "Past" is every predecessor of an area inside those subtrees, and the
    predecessors of those, so data recorded in 2020 against a commune merged in
    2025 falls inside the new commune's lineage.
    """
    return tree.lineage(paths, predecessor_paths)


def predecessor_paths(roots: list[str]) -> list[str]:
    """Return the paths of areas that passed into an area inside ``roots``."""
    return list(
        AreaSuccession.objects.filter(
            tree.subtree_q(roots, field="successor__path")
        ).values_list("predecessor__path", flat=True)
    )
