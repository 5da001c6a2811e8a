"""Which body handles a petition: the place, then the kind and the topic.

As FixMyStreet routes a report by area and category: the most specific active
``RoutingRule`` wins (the deepest place in the petition place's lineage, then
a rule naming the kind, then one naming the topic), its body in force on the
day. Without a rule, the People's Committee of the place's commune handles it
(or, without one, the commune's Party committee); a place above the communes
goes to its own level's.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Q

from danvan.common import clock, tree
from danvan.petitions.models import RoutingRule
from danvan.units.models import Area, Body, in_force_q

if TYPE_CHECKING:
    from danvan.situation.models import Topic

# The level whose committee handles a place without a rule.
FALLBACK_KINDS = (Body.Kind.PEOPLES_COMMITTEE, Body.Kind.PARTY_COMMITTEE)


def _rank(rule: RoutingRule) -> tuple[int, int, int]:
    return (len(rule.area_path), bool(rule.kind), rule.topic_id is not None)


def rule_for(
    area: Area, kind: str, topic: Topic | None, on: dt.date | None = None
) -> RoutingRule | None:
    """The most specific active rule for the place, kind and topic."""
    on = on or clock.today()
    paths = [*tree.ancestor_paths(area.path), area.path]
    topic_q = Q(topic__isnull=True)
    if topic is not None:
        topic_q |= Q(topic=topic)
    rules = list(
        RoutingRule.objects.filter(
            Q(kind="") | Q(kind=kind),
            topic_q,
            in_force_q(on, "body__"),
            active=True,
            area_path__in=paths,
        ).select_related("body")
    )
    if not rules:
        return None
    return max(rules, key=lambda r: (_rank(r), -r.pk))


def committee_area_id(area: Area) -> int:
    """The key of the commune a village belongs to; any other place's own."""
    if area.level == Area.Level.VILLAGE and area.parent_id is not None:
        return area.parent_id
    return area.pk


def fallback(area: Area, on: dt.date | None = None) -> Body | None:
    """The People's Committee of the place's commune in force (or its Party
    committee)."""
    on = on or clock.today()
    bodies: dict[str, Body] = {}
    for body in Body.objects.filter(
        in_force_q(on), area_id=committee_area_id(area), kind__in=FALLBACK_KINDS
    ).order_by("pk"):
        bodies.setdefault(body.kind, body)
    for kind in FALLBACK_KINDS:
        if kind in bodies:
            return bodies[kind]
    return None


def route(
    area: Area, kind: str, topic: Topic | None = None, on: dt.date | None = None
) -> Body | None:
    """The body that handles a petition of this place, kind and topic."""
    rule = rule_for(area, kind, topic, on)
    if rule is not None:
        return rule.body
    return fallback(area, on)
