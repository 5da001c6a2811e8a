"""Who may see and change what: the one place every query starts from.

A user is attached to areas and bodies through ``accounts.Membership``. Their
scope at a role is:

- for an area membership: the area's subtree and the subtrees of all its
  predecessors and of its descendants' predecessors (a new commune's officers
  see what was recorded against the old communes merged into it);
- for a body membership: the body's own subtree of bodies, and, when the body's
  remit is its whole area (Party committee and its boards, the Front, HĐND,
  UBND, steering committees), that area's scope as above.

Superusers see everything. Rows are matched through materialised paths (see
``danvan.common.tree``), so a scope is a handful of indexed ranges.

Use ``Model.objects.visible_to(user)`` to list, ``get_object_or_404(qs, pk=…)``
to fetch one (another unit's object is a 404), and ``can_edit`` before a write.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from danvan.common import tree

if TYPE_CHECKING:
    from danvan.accounts.models import User


def _role() -> type:
    # Imported late: accounts.models imports units, which imports this module.
    from danvan.accounts.models import Membership

    return Membership.Role


@dataclass(frozen=True)
class Scope:
    """The subtrees a user reaches at some role: area paths and body paths."""

    everything: bool
    area_paths: tuple[str, ...]
    body_paths: tuple[str, ...]

    def covers_area_path(self, path: str) -> bool:
        return self.everything or any(path.startswith(p) for p in self.area_paths)

    def covers_body_path(self, path: str) -> bool:
        return self.everything or any(path.startswith(p) for p in self.body_paths)


EMPTY = Scope(everything=False, area_paths=(), body_paths=())
ALL = Scope(everything=True, area_paths=(), body_paths=())


def scope_for(user: User | AnonymousUser, min_role: int | None = None) -> Scope:
    """Return the user's scope at ``min_role`` or above (viewer by default)."""
    if not user.is_authenticated or not user.is_active:
        return EMPTY
    if user.is_superuser:
        return ALL
    from danvan.units.lineage import lineage_paths

    role = min_role if min_role is not None else _role().VIEWER
    cache: dict[int, Scope] = user.__dict__.setdefault("_danvan_scopes", {})
    if role in cache:
        return cache[role]
    area_roots: list[str] = []
    body_roots: list[str] = []
    for membership in user.memberships.filter(role__gte=role).select_related(
        "area", "body__area"
    ):
        if membership.area is not None:
            area_roots.append(membership.area.path)
        else:
            body = membership.body
            body_roots.append(body.path)
            if body.area_wide:
                area_roots.append(body.area.path)
    scope = Scope(
        everything=False,
        area_paths=tuple(lineage_paths(area_roots)) if area_roots else (),
        body_paths=tuple(tree.minimal_paths(body_roots)),
    )
    cache[role] = scope
    return scope


def unit_scope(
    user: User | AnonymousUser,
    *,
    area: str | None = "area__",
    body: str | None = None,
    min_role: int | None = None,
) -> Q:
    """Match rows that lie in the user's scope.

    ``area`` is the lookup prefix to the row's area ("" for an Area itself,
    "area__" for a row with an ``area`` foreign key, "meeting__area__" through a
    relation); ``body`` likewise to a body, when rows have one.
    """
    scope = scope_for(user, min_role)
    if scope.everything:
        return Q()
    q = Q(pk__in=[])
    if area is not None and scope.area_paths:
        q |= tree.subtree_q(scope.area_paths, field=f"{area}path")
    if body is not None and scope.body_paths:
        q |= tree.subtree_q(scope.body_paths, field=f"{body}path")
    return q


def _covers(scope: Scope, obj: object) -> bool:
    from danvan.units.models import Area, Body

    if scope.everything:
        return True
    if isinstance(obj, Area):
        return scope.covers_area_path(obj.path)
    if isinstance(obj, Body):
        return scope.covers_body_path(obj.path) or scope.covers_area_path(obj.area.path)
    area = getattr(obj, "area", None)
    if area is not None:
        return scope.covers_area_path(area.path)
    return False


def can_view(user: User | AnonymousUser, obj: object) -> bool:
    return _covers(scope_for(user), obj)


def can_edit(user: User | AnonymousUser, obj: object) -> bool:
    """May ``user`` create or change ``obj`` (editor or above over its unit)?"""
    return _covers(scope_for(user, _role().EDITOR), obj)


def can_administer(user: User | AnonymousUser, obj: object) -> bool:
    return _covers(scope_for(user, _role().ADMINISTRATOR), obj)
