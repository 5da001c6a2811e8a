"""Figures of the meetings and tasks lists, kept until a meeting or task changes.

A list's count and the span of its years are computed over every row the
reader sees (a province's thousands); the lists are opened far more often than
a meeting or a task changes. So they are kept in the shared "scopes" cache
under a key made of

- the data version: a random token, replaced on every save and delete of a
  meeting, a task or a conclusion (``WATCHED``: what the lists count and search
  through) at once and again when the transaction commits, so that a figure
  computed elsewhere from the rows as they were before the commit is never kept
  under the new token;
- the reader's scope (the paths they see, not who they are), the database;
- the figure's name and everything it depends on (the list's filters, the day:
  "overdue" is read against today).

As in ``initiatives.stats.cache`` and ``documents.models.kept``; a bulk write
that sends no signal calls :func:`bump_meetings_version` itself.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from danvan.common.access import SCOPE_TIMEOUT, _scope_cache, scope_for

T = TypeVar("T")

VERSION_KEY = "danvan:meetings-version"
# The rows the kept figures are computed from: a save or delete of any of them
# replaces the token (``meetings.apps`` connects the signals).
WATCHED = ("meetings.Meeting", "meetings.Task", "meetings.Conclusion")

# Changes made by this process: a request that has read the token reads it
# again after one of them.
_local_version = 0


def bump_meetings_version(**_signal: Any) -> None:
    """Forget every kept figure: a meeting, task or conclusion has changed."""
    global _local_version
    _local_version += 1
    _new_version()
    transaction.on_commit(_new_version)


def _new_version() -> None:
    _scope_cache().set(VERSION_KEY, uuid.uuid4().hex, None)


def _version() -> str:
    cache = _scope_cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return str(version)


def kept(name: str, user: Any, params: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave before for the same figure ``name``,
    ``params``, reader's scope and day, while no meeting or task has changed."""
    seen = user.__dict__.get("_danvan_meetings_version")
    if seen is None or seen[0] != _local_version:
        seen = user.__dict__["_danvan_meetings_version"] = (_local_version, _version())
    scope = scope_for(user)
    db = connections[DEFAULT_DB_ALIAS].settings_dict
    parts = (
        db["NAME"],
        db.get("HOST") or "",
        db.get("PORT") or "",
        seen[1],
        name,
        scope.everything,
        scope.area_paths,
        scope.body_paths,
        timezone.localdate().isoformat(),
        params,
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    key = f"danvan:meetings:{name}:{digest}"
    cache = _scope_cache()
    value: T | None = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, SCOPE_TIMEOUT)
    return value


def list_params(query: Any) -> tuple[Any, ...]:
    """A list's filters from its query string: all but its page and order."""
    return tuple(
        sorted(
            (name, tuple(values))
            for name, values in query.lists()
            if name not in ("page", "sort")
        )
    )
