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

Reading up the tree: units below read, and never change, what the levels
above address to them. A model names those rows beside its own place in the
tree (``ScopedQuerySet.scope_read`` and ``scope_read_up``): a meeting task is
read by the units of its owner body; a document is read by the units of every
document that implements it, up the chain (the commune's plan implementing the
province's directive makes that directive readable in the commune and its
villages). ``visible_to`` adds those rows; ``editable_by`` never does.

Every model's QuerySet subclasses ``ScopedQuerySet`` and only names how its rows
hang on the unit tree. Use ``Model.objects.visible_to(user)`` to list,
``get_visible_or_404`` / ``get_editable_or_404`` to fetch one (another unit's
object is a 404; one the user may read but not change is a 403), and
``restrict_choices`` (through ``common.forms.ScopedFormMixin``) for the choices
of a form.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.shortcuts import get_object_or_404

from danvan.accounts.roles import Role
from danvan.common import tree

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User

M = TypeVar("M", bound=models.Model)
# How many steps up a chain of "implements" a unit reads: village → commune →
# district/province → centre.
READ_UP_DEPTH = 3


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
    role = min_role if min_role is not None else Role.VIEWER
    cache: dict[int, Scope] = user.__dict__.setdefault("_danvan_scopes", {})
    if role in cache:
        return cache[role]
    # One query for the memberships and one walk per set of roots, shared by
    # the roles a page asks about (a viewer's list and an editor's buttons).
    memberships = user.__dict__.get("_danvan_memberships")
    if memberships is None:
        memberships = list(user.memberships.select_related("area", "body__area"))
        user.__dict__["_danvan_memberships"] = memberships
    lineages: dict[tuple[str, ...], tuple[str, ...]] = user.__dict__.setdefault(
        "_danvan_lineages", {}
    )
    area_roots: list[str] = []
    body_roots: list[str] = []
    for membership in memberships:
        if membership.role < role:
            continue
        if membership.area is not None:
            area_roots.append(membership.area.path)
        else:
            body = membership.body
            body_roots.append(body.path)
            if body.area_wide:
                area_roots.append(body.area.path)
    key = tuple(sorted(set(area_roots)))
    if key and key not in lineages:
        # The area model is reached through the membership's relation, not
        # imported: the unit models are themselves scoped through this module.
        areas = user.memberships.model._meta.get_field("area").related_model
        lineages[key] = tuple(tree.lineage(key, partial(_predecessor_paths, areas)))
    scope = Scope(
        everything=False,
        area_paths=lineages[key] if key else (),
        body_paths=tuple(tree.minimal_paths(body_roots)),
    )
    cache[role] = scope
    return scope


def _predecessor_paths(areas: Any, roots: list[str]) -> list[str]:
    """Paths of the areas that passed into an area inside ``roots``."""
    # Queried from the succession side through forward keys only: a reverse
    # name is unknown to an app registry narrowed to some apps (a test's
    # ``available_apps``), and scoping must not depend on it.
    successions = areas.successions_out.rel.related_model
    return list(
        successions.objects.filter(tree.subtree_q(roots, field="successor__path"))
        .values_list("predecessor__path", flat=True)
        .distinct()
    )


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
    if scope.everything:
        return True
    label = getattr(getattr(obj, "_meta", None), "label", "")
    if label == "units.Area":
        return scope.covers_area_path(obj.path)  # type: ignore[attr-defined]
    if label == "units.Body":
        return scope.covers_body_path(obj.path) or scope.covers_area_path(  # type: ignore[attr-defined]
            obj.area.path  # type: ignore[attr-defined]
        )
    area = getattr(obj, "area", None)
    if area is not None:
        return scope.covers_area_path(area.path)
    return False


def may_edit_somewhere(user: User | AnonymousUser) -> bool:
    """Is the user an editor or above of any unit (may they create anything)?"""
    scope = scope_for(user, Role.EDITOR)
    return scope.everything or bool(scope.area_paths or scope.body_paths)


def can_view(user: User | AnonymousUser, obj: object) -> bool:
    return _covers(scope_for(user), obj)


def can_edit(user: User | AnonymousUser, obj: object) -> bool:
    """May ``user`` create or change ``obj`` (editor or above over its unit)?"""
    return _covers(scope_for(user, Role.EDITOR), obj)


class ScopedQuerySet(models.QuerySet[M]):
    """Rows a user may read or change. A model only says how it hangs on the tree.

    ``scope_area`` / ``scope_body`` are the lookup prefixes to the row's area
    and body ("" for an Area itself, "area__" for a foreign key, "meeting__area__"
    through a parent); None when rows have none. ``scope_read`` lists further
    (area, body) prefixes of the units a row is addressed to: those units read it
    and never change it. ``scope_read_up`` names a relation to the rows that
    implement this one, with the condition on that relation: a row is read
    wherever a row that implements it (up to READ_UP_DEPTH steps) is read.
    """

    scope_area: ClassVar[str | None] = None
    scope_body: ClassVar[str | None] = None
    scope_read: ClassVar[tuple[tuple[str | None, str | None], ...]] = ()
    scope_read_up: ClassVar[tuple[str, dict[str, Any]] | None] = None

    def visible_to(self, user: User | AnonymousUser) -> Self:
        """Rows of the user's units, and what the levels above address to them."""
        own = self.scope_q(user)
        if not own:  # Q() matches everything: a superuser
            return self.all()
        return self.filter(own | self.reading_q(user, own))

    def editable_by(self, user: User | AnonymousUser) -> Self:
        """Rows of units where the user is an editor or above."""
        return self.filter(self.scope_q(user, min_role=Role.EDITOR))

    def annotate_own(self, user: User | AnonymousUser) -> Self:
        """Mark each row ``is_own``: False when it is only read, addressed to them.

        Pages link from such a row only to what the user reads (a task given to
        the commune by the province links to no meeting of the province).
        """
        own = self.scope_q(user)
        if not own:
            return self.annotate(is_own=models.Value(True))
        return self.annotate(
            is_own=models.ExpressionWrapper(own, output_field=models.BooleanField())
        )

    def scope_q(self, user: User | AnonymousUser, min_role: int | None = None) -> Q:
        """Match the rows lying in the user's units at ``min_role`` or above."""
        return unit_scope(
            user, area=self.scope_area, body=self.scope_body, min_role=min_role
        )

    def reading_q(self, user: User | AnonymousUser, own: Q) -> Q:
        """Match rows the levels above address to the user's units: read only."""
        q = Q(pk__in=[])
        for area, body in self.scope_read:
            q |= unit_scope(user, area=area, body=body)
        if self.scope_read_up is not None:
            relation, condition = self.scope_read_up
            rows = self.model._base_manager
            reached: Any = rows.filter(own).values("pk")
            for _step in range(READ_UP_DEPTH):
                reached = rows.filter(
                    **condition, **{f"{relation}__in": reached}
                ).values("pk")
                q |= Q(pk__in=reached)
        return q


def _queryset(source: type[M] | models.QuerySet[M]) -> models.QuerySet[M]:
    if isinstance(source, models.QuerySet):
        return source
    return source._default_manager.all()


def get_visible_or_404(
    source: type[M] | models.QuerySet[M], user: User | AnonymousUser, **lookup: Any
) -> M:
    """Fetch one row the user may read; any other is a 404, as if it did not exist."""
    queryset: Any = _queryset(source)
    return get_object_or_404(queryset.visible_to(user), **lookup)  # type: ignore[no-any-return]


def get_editable_or_404(
    source: type[M] | models.QuerySet[M], user: User | AnonymousUser, **lookup: Any
) -> M:
    """Fetch one row the user may change.

    A row the user may not even read is a 404 (its existence is not revealed);
    one they may read but not change (a unit above's plan, a task addressed to
    them) is a 403, so the page can say why.
    """
    obj = get_visible_or_404(source, user, **lookup)
    queryset: Any = _queryset(source)
    if not queryset.editable_by(user).filter(pk=obj.pk).exists():
        raise PermissionDenied
    return obj


def restrict_choices(form: Any, user: User | AnonymousUser) -> None:
    """Narrow every related-row choice of ``form`` to what ``user`` may use.

    A field whose model has a ScopedQuerySet gets ``visible_to(user)``; a field
    the form names in ``editable_fields`` (the unit a row is written into: the
    area or body a document is filed under) gets ``editable_by(user)``. Shared
    catalogues (fields, terms) are not scoped and keep their choices.
    """
    editable = set(getattr(form, "editable_fields", ()))
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if not isinstance(queryset, ScopedQuerySet):
            continue
        if name in editable:
            field.queryset = queryset.editable_by(user)
        else:
            field.queryset = queryset.visible_to(user)
