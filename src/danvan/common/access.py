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

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeVar

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, BaseCache, caches
from django.core.exceptions import PermissionDenied
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from danvan.accounts.roles import Role
from danvan.common import tree

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User

M = TypeVar("M", bound=models.Model)
T = TypeVar("T")
# How many steps up a chain of "implements" a unit reads: village → commune →
# district/province → centre.
READ_UP_DEPTH = 3


@dataclass(frozen=True)
class Scope:
    """The subtrees a user reaches at some role: area paths and body paths."""

    everything: bool
    area_paths: tuple[str, ...]
    body_paths: tuple[str, ...]
    # The areas of the memberships themselves (the tops of the user's tree),
    # before their pasts are added.
    area_roots: tuple[str, ...] = ()

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
    scopes: dict[int, Scope] | None = user.__dict__.get("_danvan_scopes")
    if scopes is None:
        scopes = cached_for_user(user, "scopes", _compute_scopes)
        user.__dict__["_danvan_scopes"] = scopes
    # A role between two named ones reaches what the next one up reaches.
    return next((scopes[r] for r in sorted(scopes) if r >= role), EMPTY)


# The scopes of a user, at every role, are kept in the "scopes" cache until a
# membership or the tree changes (``bump_scope_version``, called on every save
# and delete of the rows ``scope_for`` reads, and by the bulk writes that send
# no signal). The cache is shared by every process (gunicorn workers and
# commands alike: Redis, or files), so a change made anywhere is seen at once.
SCOPE_CACHE = "scopes"
SCOPE_VERSION_KEY = "danvan:scope-version"
SCOPE_TIMEOUT = 24 * 60 * 60
# The rows a scope is computed from: a save or delete of any of them bumps the
# version (``common.apps`` connects the signals by these labels).
SCOPE_MODELS = frozenset(
    {
        "accounts.Membership",
        "units.Area",
        "units.Body",
        "units.AreaSuccession",
        "units.BodySuccession",
    }
)


def bump_scope_version() -> None:
    """Forget every cached scope: memberships or the tree have changed.

    Bumped at once (this process, this transaction, sees the change) and again
    when the transaction commits, so that a scope computed elsewhere from the
    rows as they were before the commit is never kept under the new version.
    """
    _new_scope_version()
    transaction.on_commit(_new_scope_version)


def _scope_cache() -> BaseCache:
    """The "scopes" cache, or the default one where settings name no other."""
    alias = SCOPE_CACHE if SCOPE_CACHE in settings.CACHES else DEFAULT_CACHE_ALIAS
    return caches[alias]


def new_version_token(key: str) -> None:
    """Replace the shared token ``key`` (the "scopes" cache every process reads)."""
    _scope_cache().set(key, uuid.uuid4().hex, None)


def version_token(key: str) -> str:
    """The shared token ``key``, made when first asked for."""
    cache = _scope_cache()
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, None)
        version = cache.get(key)
    return str(version)


def _new_scope_version() -> None:
    new_version_token(SCOPE_VERSION_KEY)


def _scope_version() -> str:
    return version_token(SCOPE_VERSION_KEY)


def scope_version_for(user: Any) -> str:
    """The scope version, read once per request (kept on the user object)."""
    version = user.__dict__.get("_danvan_scope_version")
    if version is None:
        version = user.__dict__["_danvan_scope_version"] = _scope_version()
    return str(version)


def cached_for_user(user: User, name: str, compute: Callable[[User], T]) -> T:
    """A value computed from the user's memberships and the unit tree only.

    Kept in the "scopes" cache like the scope itself, and forgotten on the same
    changes (``bump_scope_version``). The version is read once per request.
    """
    version = scope_version_for(user)
    db = connections[DEFAULT_DB_ALIAS].settings_dict
    # The database is part of the key: several sites (or test runs) may share
    # one cache, and their users' ids mean different people; so is the moment
    # the user joined (an id used again after a rollback is another user).
    key = ":".join(
        [
            "danvan:scope",
            str(db["NAME"]),
            str(db.get("HOST") or ""),
            str(db.get("PORT") or ""),
            version,
            name,
            str(user.pk),
            user.date_joined.isoformat(),
        ]
    )
    cache = _scope_cache()
    value: T | None = cache.get(key)
    if value is None:
        value = compute(user)
        cache.set(key, value, SCOPE_TIMEOUT)
    return value


def _compute_scopes(user: User) -> dict[int, Scope]:
    """The user's scope at each role: one query for the memberships, one walk
    of the successions per set of roots (shared by the roles that have it)."""
    memberships = list(user.memberships.select_related("area", "body__area"))
    lineages: dict[tuple[str, ...], tuple[str, ...]] = {}
    scopes: dict[int, Scope] = {}
    for role in Role.values:
        area_roots: list[str] = []
        body_roots: list[str] = []
        for membership in memberships:
            if membership.role < role:
                continue
            if membership.area is not None:
                area_roots.append(membership.area.path)
            elif (body := membership.body) is not None:
                body_roots.append(body.path)
                if body.area_wide:
                    area_roots.append(body.area.path)
        key = tuple(sorted(set(area_roots)))
        if key and key not in lineages:
            # The area model is reached through the membership's relation, not
            # imported: the unit models are themselves scoped through this module.
            areas = user.memberships.model._meta.get_field("area").related_model
            lineages[key] = tuple(tree.lineage(key, partial(_predecessor_paths, areas)))
        scopes[role] = Scope(
            everything=False,
            area_paths=lineages[key] if key else (),
            body_paths=tuple(tree.minimal_paths(body_roots)),
            area_roots=key,
        )
    return scopes


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
    paths = getattr(obj, "unit_paths", None)
    if paths is not None:
        # A row carrying copies of its unit's paths: (area path, body path).
        area_path, body_path = paths
        return bool(body_path and scope.covers_body_path(body_path)) or (
            scope.covers_area_path(area_path)
        )
    area = getattr(obj, "area", None)
    if area is not None:
        return scope.covers_area_path(area.path)
    return False


def may_act_somewhere(user: User | AnonymousUser, role: int) -> bool:
    """Does the user hold ``role`` or above in any unit?"""
    scope = scope_for(user, role)
    return scope.everything or bool(scope.area_paths or scope.body_paths)


def may_edit_somewhere(user: User | AnonymousUser) -> bool:
    """Is the user an editor or above of any unit (may they create anything)?"""
    return may_act_somewhere(user, Role.EDITOR)


def can_view(user: User | AnonymousUser, obj: object) -> bool:
    return _covers(scope_for(user), obj)


def can_edit(user: User | AnonymousUser, obj: object) -> bool:
    """May ``user`` create or change ``obj`` (editor or above over its unit)?"""
    return _covers(scope_for(user, Role.EDITOR), obj)


def can_approve(user: User | AnonymousUser, obj: object) -> bool:
    """Is ``user`` an approver (or above) over ``obj``'s unit?"""
    return _covers(scope_for(user, Role.APPROVER), obj)


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


def seen_or_404(user: User | AnonymousUser, obj: M | None) -> M:
    """``obj`` (read by its key) if ``user`` may read it, else a 404: what
    ``get_visible_or_404`` answers, asked of the row's own unit in Python
    instead of the scope's ranges in the query.

    Only for rows seen by their own unit alone: a model whose rows are also
    read from elsewhere (``scope_read``, ``scope_read_up``) must be fetched
    with ``get_visible_or_404``.
    """
    if obj is None:
        raise Http404
    rows: Any = type(obj)._default_manager.all()
    if getattr(rows, "scope_read", ()) or getattr(rows, "scope_read_up", None):
        raise TypeError(f"{type(obj).__name__} is read from other units too.")
    if not can_view(user, obj):
        raise Http404
    return obj


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
