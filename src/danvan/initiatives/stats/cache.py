"""The statistics page's figures, kept until the register or the unit tree changes.

A province's figures cost one pass over its twenty thousand models and a dozen
smaller queries; the page is opened far more often than a model changes. So
the figures and the area list of the page are kept in the cache under a key
made of

- the data version: a random token, replaced on every save and delete of the
  rows the figures are computed from (``WATCHED``: models, commendations,
  fields, areas, bodies and their successions) at once and again when the
  transaction commits, so that figures computed elsewhere from the rows as they
  were before the commit are never kept under the new token;
- the reader's scope (the paths they see, not who they are): two readers of the
  same units share the figures, a reader of other units never does;
- everything the figures depend on: the area, body, year, period, N, the day
  (the units in force default to today) and the language of the labels.

The token lives in the cache every process shares (``VERSION_CACHE``: Redis,
or files), so a change made in one gunicorn worker is seen by the others at
once; the figures themselves may stay in each process's own cache, since they
are only ever read under the current token.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone, translation

from danvan.common.access import scope_for

if TYPE_CHECKING:
    from danvan.accounts.models import User

T = TypeVar("T")

# The figures: this process's cache is enough (they are read under the token).
STATS_CACHE = "default"
# The token: shared by every process (see settings.CACHES).
VERSION_CACHE = "scopes"
VERSION_KEY = "danvan:stats-version"
TIMEOUT = 24 * 60 * 60
# The rows the figures are computed from: a save or delete of any of them
# replaces the token (``initiatives.apps`` connects the signals by label).
WATCHED = (
    "initiatives.Initiative",
    "initiatives.Commendation",
    "initiatives.Field",
    "units.Area",
    "units.Body",
    "units.AreaSuccession",
    "units.BodySuccession",
)


def bump_stats_version() -> None:
    """Forget every kept figure: the register or the tree has changed."""
    _new_version()
    transaction.on_commit(_new_version)


def _new_version() -> None:
    caches[VERSION_CACHE].set(VERSION_KEY, uuid.uuid4().hex, None)


def _version() -> str:
    cache = caches[VERSION_CACHE]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return str(version)


def kept(kind: str, user: User, params: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave before for the same reader's scope,
    ``params`` and data version."""
    db = connections[DEFAULT_DB_ALIAS].settings_dict
    scope = scope_for(user)
    # The database is part of the key: several sites may share one cache.
    parts = (
        db["NAME"],
        db.get("HOST") or "",
        db.get("PORT") or "",
        _version(),
        scope.everything,
        scope.area_paths,
        scope.body_paths,
        timezone.localdate().isoformat(),
        translation.get_language(),
        params,
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    key = f"danvan:stats:{kind}:{digest}"
    cache = caches[STATS_CACHE]
    value: T | None = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
