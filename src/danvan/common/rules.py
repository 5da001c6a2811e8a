"""Who may do what: the role rules every service checks, beside the scoping.

``common.access`` says which rows a user reaches at a role; this module turns
that into the questions services ask of the acting user, and every app asks
them the same way (views and the API ask them too, early, only to show or hide
a button). The system actor (``common.actors``) passes every rule.

- Viewing: any role over the row's unit (``may_view``).
- Changing, creating under a unit, reporting: editor or above over it
  (``may_edit``, ``may_edit_unit``); approving the unit's own paper (a
  periodic report) for it: approver over it (``may_approve``); issuing a
  numbered document: editor over the issuing body and the register
  (``may_issue``).
- Judging (accepting or returning a registration, evaluating, commending,
  publishing as exemplary): an approver whose scope covers the row, who does
  not belong to the row's own unit (``may_judge``). The level above judges; no
  one judges their own unit's work.
- Setting the rubrics of the year: administrators of the whole system
  (``may_administer``).

A user's *own unit* for a row is any of their memberships, at any role, whose
unit is the row's area or body: a membership of the row's area itself (or of
an area it merged into: the new commune is the old one's own unit), of the
row's body, or of an area-wide body (Party committee, Front, People's
Committee…) of the row's area, which acts for that area. A province approver
may therefore judge a commune's model, but not one the province registered
itself; that goes to the central level (a superuser, who has no unit).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from danvan.accounts.roles import Role
from danvan.common import tree
from danvan.common.access import (
    cached_for_user,
    can_approve,
    can_edit,
    can_view,
    unit_scope,
)
from danvan.common.actors import is_system

if TYPE_CHECKING:
    from danvan.accounts.models import Membership, User
    from danvan.units.models import Area, Body


def _checked(user: User | AnonymousUser | None) -> User | AnonymousUser:
    # "No actor" used to mean "no checks"; it is now a mistake, loudly.
    if user is None:
        raise TypeError("A service needs its actor: the user, or system_actor().")
    return user


def require(allowed: bool, message: str) -> None:
    """Refuse the write with ``message`` unless ``allowed``."""
    if not allowed:
        raise PermissionDenied(message)


def may_view(user: User | AnonymousUser, obj: object) -> bool:
    """May ``user`` read ``obj`` (an area, a body, or a row with an ``area``)?"""
    return is_system(_checked(user)) or can_view(user, obj)


def may_edit(user: User | AnonymousUser, obj: object) -> bool:
    """May ``user`` change ``obj`` (editor or above over its unit)?"""
    return is_system(_checked(user)) or can_edit(user, obj)


def may_approve(user: User | AnonymousUser, obj: object) -> bool:
    """May ``user`` approve ``obj`` for its unit: an approver over it, the
    unit's own approvers included (the head of an office signs its own
    report; judging the level below is ``may_judge``)?"""
    return is_system(_checked(user)) or can_approve(user, obj)


def may_edit_unit(
    user: User | AnonymousUser, *, area: Area, body: Body | None = None
) -> bool:
    """May ``user`` write rows of this unit: of ``body`` if given, else ``area``?"""
    return may_edit(user, body if body is not None else area)


def may_issue(user: User | AnonymousUser, *, body: Body, area: Area) -> bool:
    """May ``user`` number a document of ``body`` into the register of ``area``?"""
    return may_edit(user, body) and may_edit(user, area)


def may_administer(user: User | AnonymousUser) -> bool:
    """May ``user`` set what holds for every unit (the rubrics of a year)?"""
    if is_system(_checked(user)):
        return True
    return bool(user.is_authenticated and user.is_superuser)


# --- judging: the level above, never one's own unit ---------------------------------


@dataclass(frozen=True)
class OwnUnits:
    """The areas and bodies a user belongs to, as "own unit" of a row."""

    area_ids: frozenset[int]
    body_ids: frozenset[int]

    def contains(self, obj: Any) -> bool:
        return obj.area_id in self.area_ids or (
            obj.body_id is not None and obj.body_id in self.body_ids
        )

    def exclude_q(self) -> Q:
        """Match the rows of these units (to exclude them from a list)."""
        return Q(area_id__in=self.area_ids) | Q(body_id__in=self.body_ids)


def own_units(user: User | AnonymousUser) -> OwnUnits:
    """Every unit ``user`` belongs to, with the areas merged into their areas."""
    if not user.is_authenticated:
        return OwnUnits(frozenset(), frozenset())
    cached = user.__dict__.get("_danvan_own_units")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    # Kept across requests like the scope, and forgotten on the same changes.
    own = cached_for_user(user, "own-units", _own_units)
    user.__dict__["_danvan_own_units"] = own
    return own


def _own_units(user: User) -> OwnUnits:
    from danvan.units.lineage import predecessors

    area_ids: set[int] = set()
    body_ids: set[int] = set()
    for membership in user.memberships.select_related("area", "body"):
        area = membership.area
        if membership.body is not None:
            body_ids.add(membership.body.pk)
            if membership.body.area_wide:
                area = membership.body.area
        if area is not None:
            area_ids.add(area.pk)
            # Predecessors of the same level: the old communes of a new one.
            area_ids.update(p.pk for p in predecessors(area) if p.level == area.level)
    return OwnUnits(frozenset(area_ids), frozenset(body_ids))


def is_own_unit(user: User | AnonymousUser, obj: Any) -> bool:
    """Is ``obj`` (a row with ``area`` and ``body``) of one of the user's units?"""
    return own_units(user).contains(obj)


def reviewer_unit(user: User | AnonymousUser, obj: Any) -> Membership | None:
    """The approver membership through which ``user`` judges ``obj``.

    The deepest one that covers the row (the level directly above), or None
    if no approver membership of theirs covers it. ``obj`` has ``area_path``
    and ``body``.
    """
    from danvan.units.lineage import lineage_paths

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
            assert body is not None  # membership_area_xor_body: no area, so a body
            area_roots = [body.area.path] if body.area_wide else []
            body_roots = [body.path]
            depth = tree.depth(body.area.path)
        paths = lineage_paths(area_roots) if area_roots else []
        covered = any(obj.area_path.startswith(p) for p in paths) or (
            obj.body_id is not None
            and any(obj.body.path.startswith(p) for p in body_roots)
        )
        if covered:
            found.append((depth, membership))
    if not found:
        return None
    return max(found, key=lambda pair: pair[0])[1]


def may_judge(user: User | AnonymousUser, obj: Any) -> bool:
    """May ``user`` accept, return, evaluate or commend ``obj``?"""
    if is_system(_checked(user)):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if is_own_unit(user, obj):
        return False
    return reviewer_unit(user, obj) is not None


def judgeable_q(
    user: User | AnonymousUser, *, area: str = "area_", body: str = "body__"
) -> Q:
    """Match the rows ``user`` may judge: approver scope, minus own units."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    scope = unit_scope(user, area=area, body=body, min_role=Role.APPROVER)
    if user.is_superuser:
        return scope
    return scope & ~own_units(user).exclude_q()
