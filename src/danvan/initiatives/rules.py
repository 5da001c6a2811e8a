"""Who may register, change, review and judge a "Dân vận khéo" model.

- Registering and changing: an editor (or above) whose scope covers the
  registering unit (its body, or its area) — ``common.access.scope_for``.
- Reviewing (accepting or returning a registration, evaluating, commending,
  publishing as exemplary): an approver whose scope covers the model, who does
  not belong to the model's own unit. The level above judges; no one judges
  their own unit's model.

A user's *own unit* for a model is any of their memberships, at any role, whose
unit is the model's area or body: a membership of the model's area itself (or
of an area it merged into: the new commune is the old one's own unit), of the
model's body, or of an area-wide body (Party committee, Front, People's
Committee…) of the model's area, which acts for that area. A province approver
may therefore judge a commune's model, but not one the province registered
itself; that goes to the central level (a superuser, who has no unit).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from danvan.accounts.models import Membership
from danvan.common import tree
from danvan.common.access import scope_for, unit_scope
from danvan.units.lineage import lineage_paths, predecessors

if TYPE_CHECKING:
    from danvan.accounts.models import User
    from danvan.initiatives.models import Initiative
    from danvan.units.models import Area, Body

Role = Membership.Role


def _covers(
    user: User | AnonymousUser, role: int, area: Area, body: Body | None
) -> bool:
    scope = scope_for(user, role)
    if scope.everything:
        return True
    if body is not None and scope.covers_body_path(body.path):
        return True
    return scope.covers_area_path(area.path)


def may_register(user: User | AnonymousUser, *, area: Area, body: Body | None) -> bool:
    """May ``user`` register a model for this unit (editor over it)?"""
    return _covers(user, Role.EDITOR, area, body)


def may_edit(user: User | AnonymousUser, initiative: Initiative) -> bool:
    """May ``user`` change ``initiative``'s data, report progress, submit it?"""
    return _covers(user, Role.EDITOR, initiative.area, initiative.body)


@dataclass(frozen=True)
class OwnUnits:
    """The areas and bodies a user belongs to, as "own unit" of a model."""

    area_ids: frozenset[int]
    body_ids: frozenset[int]

    def contains(self, initiative: Initiative) -> bool:
        return initiative.area_id in self.area_ids or (
            initiative.body_id is not None and initiative.body_id in self.body_ids
        )

    def exclude_q(self) -> Q:
        """Match the models of these units (to exclude them from a list)."""
        return Q(area_id__in=self.area_ids) | Q(body_id__in=self.body_ids)


def own_units(user: User | AnonymousUser) -> OwnUnits:
    """Every unit ``user`` belongs to, with the areas merged into their areas."""
    if not user.is_authenticated:
        return OwnUnits(frozenset(), frozenset())
    cached = user.__dict__.get("_danvan_own_units")
    if cached is not None:
        return cached
    area_ids: set[int] = set()
    body_ids: set[int] = set()
    for membership in user.memberships.select_related("area", "body"):
        area = membership.area
        if membership.body is not None:
            body_ids.add(membership.body_id)
            if membership.body.area_wide:
                area = membership.body.area
        if area is not None:
            area_ids.add(area.pk)
            # Predecessors of the same level: the old communes of a new one.
            area_ids.update(p.pk for p in predecessors(area) if p.level == area.level)
    own = OwnUnits(frozenset(area_ids), frozenset(body_ids))
    user.__dict__["_danvan_own_units"] = own
    return own


def reviewer_unit(
    user: User | AnonymousUser, initiative: Initiative
) -> Membership | None:
    """The approver membership through which ``user`` judges ``initiative``.

    The deepest one that covers the model (the level directly above), or None
    if no approver membership of theirs covers it.
    """
    if not user.is_authenticated:
        return None
    found: list[tuple[int, Membership]] = []
    for membership in user.memberships.filter(role__gte=Role.APPROVER).select_related(
        "area", "body__area"
    ):
        if membership.area is not None:
            area_roots = [membership.area.path]
            body_roots: list[str] = []
            depth = tree.depth(membership.area.path)
        else:
            body = membership.body
            area_roots = [body.area.path] if body.area_wide else []
            body_roots = [body.path]
            depth = tree.depth(body.area.path)
        paths = lineage_paths(area_roots) if area_roots else []
        covered = any(initiative.area_path.startswith(p) for p in paths) or (
            initiative.body_id is not None
            and any(initiative.body.path.startswith(p) for p in body_roots)
        )
        if covered:
            found.append((depth, membership))
    if not found:
        return None
    return max(found, key=lambda pair: pair[0])[1]


def may_review(user: User | AnonymousUser, initiative: Initiative) -> bool:
    """May ``user`` accept, return, evaluate or commend ``initiative``?"""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if own_units(user).contains(initiative):
        return False
    return reviewer_unit(user, initiative) is not None


def is_own_unit(user: User | AnonymousUser, initiative: Initiative) -> bool:
    return own_units(user).contains(initiative)


def reviewable_q(user: User | AnonymousUser) -> Q:
    """Match the models ``user`` may judge: approver scope, minus own units."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    scope = unit_scope(user, area="area_", body="body__", min_role=Role.APPROVER)
    if user.is_superuser:
        return scope
    return scope & ~own_units(user).exclude_q()
