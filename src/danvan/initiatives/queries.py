"""Read-only questions to the register: similar models, replication."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from danvan.common import tree
from danvan.initiatives import matching
from danvan.initiatives.models import Initiative
from danvan.units.lineage import lineage_paths

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User
    from danvan.units.models import Area, Body

# Below this a name is not worth showing as "similar".
THRESHOLD = 0.5
# Registrations older than this many years are not shown as possible duplicates.
YEARS_BACK = 5
CANDIDATES = 400


@dataclass
class Hint:
    """A model like the one being registered, in the user's scope."""

    initiative: Initiative
    score: float
    on: str  # "name" or "goals"
    same_area: bool


def neighbourhood_paths(area: Area) -> list[str]:
    """The area's parent subtree (itself, siblings, their villages) with its past.

    A commune's neighbourhood is its province (the communes under the same
    parent) and every area that merged into it; a province's, its own lineage.
    """
    root = area.parent if area.parent_id else area
    assert root is not None
    return lineage_paths([root.path])


def similar_initiatives(
    *,
    user: User | AnonymousUser,
    name: str,
    goals: str = "",
    area: Area,
    body: Body | None = None,
    year: int | None = None,
    exclude_pk: int | None = None,
    limit: int = 8,
) -> list[Hint]:
    """Models the user may see with a similar name or goals, in the same area and
    nearby areas.

    Nearby: the siblings under the same parent and the areas merged into them
    (``neighbourhood_paths``). Only models in the user's scope are hinted (a
    hint names a model, its unit and year), and drafts only of the registering
    unit itself (``body``, else ``area`` without a body).
    """
    pairs = matching.key_pairs(name) + matching.key_pairs(goals, limit=3)
    if not pairs:
        return []
    candidates = (
        Initiative.objects.visible_to(user)
        .filter(tree.subtree_q(neighbourhood_paths(area), field="area_path"))
        .exclude(Q(status=Initiative.Status.DRAFT) & ~Q(area=area, body=body))
    )
    if year:
        candidates = candidates.filter(year__gte=year - YEARS_BACK)
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    wanted = Q(pk__in=[])
    for pair in pairs:
        wanted |= Q(search_text__contains=pair)
    rows = list(
        candidates.filter(wanted)
        .select_related("area", "body", "field")
        .order_by("-year", "-pk")[:CANDIDATES]
    )
    hints = []
    for row in rows:
        places = (area.name, row.area.name)
        by_name = matching.similarity(name, row.name, places)
        by_goals = (
            matching.similarity(goals, row.goals, places) * 0.9
            if goals and row.goals
            else 0
        )
        score, on = max((by_name, "name"), (by_goals, "goals"))
        if score >= THRESHOLD:
            hints.append(
                Hint(
                    initiative=row,
                    score=score,
                    on=on,
                    same_area=row.area_id == area.pk,
                )
            )
    hints.sort(key=lambda h: (-h.score, not h.same_area, -h.initiative.year))
    return hints[:limit]


def replications(initiative: Initiative) -> QuerySet[Initiative]:
    """The models that copy ``initiative``, directly."""
    return initiative.adoptions.select_related("area", "body").order_by("-year", "name")


def most_replicated(
    initiatives: QuerySet[Initiative], limit: int = 20
) -> list[Initiative]:
    """The models of ``initiatives`` copied most often, with ``copies`` counted.

    Only the models some copy names are grouped (read from the copies' side),
    never every model in scope.
    """
    origins = Initiative.objects.filter(adopted_from__isnull=False).values(
        "adopted_from"
    )
    return list(
        initiatives.filter(pk__in=origins)
        .annotate(copies=Count("adoptions"))
        .select_related("area", "body", "field")
        .order_by("-copies", "-year", "name")[:limit]
    )
