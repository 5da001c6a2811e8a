"""Figures computed over what a reader sees, kept until the rows they read change.

A list's count, the span of its years, the statistics' figures, the documents a
reader reads up the tree: each is computed over every row of a scope (a
province's thousands), and pages are opened far more often than those rows
change. An app declares its figures once::

    LISTS = KeptFigures("meetings", watched=("meetings.Meeting", "meetings.Task"))

connects it in ``AppConfig.ready`` (``LISTS.connect()``) and asks
``LISTS.kept("count", user, params, compute)``. The value is kept under a key
made of

- the data version: a random token, replaced on every save and delete of a
  watched model at once and again when the transaction commits, so that a
  figure computed elsewhere from the rows as they were before the commit is
  never kept under the new token (a bulk write that sends no signal calls
  ``forget()`` itself);
- the reader's scope (the paths they see, not who they are): two readers of the
  same units share a figure, a reader of other units never does; and the
  scopes' version (``common.access``), replaced on any change of memberships or
  of the unit tree, bulk loads of the tree included: a figure filtered by an
  area, or read through the successions of units, follows the tree;
- the database (several sites may share one cache), the figure's name, the day
  (overdue, in force), the language of labels, and ``params`` (the filters).

The token lives in the cache every process shares (``scopes``: Redis, or
files), read once per request and again after a change this process made; the
values may stay in each process's own cache (``kept``), since they are only
ever read under the current token. The project's bulk writes
(``common.audit.create_all``/``update_all``) forget the figures that watch
their model (``forget_for``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation

from danvan.common.access import (
    new_version_token,
    scope_for,
    scope_version_for,
    version_token,
)

T = TypeVar("T")

# The tokens: shared by every process (see settings.CACHES).
VERSION_CACHE = "scopes"
# The values: read only under the current token, so a process's own cache will do.
VALUE_CACHE = "kept"
TIMEOUT = 24 * 60 * 60
# Every app's figures, for the bulk writes that forget them (forget_for).
_ALL: list[KeptFigures] = []


class KeptFigures:
    """Figures of one app, forgotten when one of its ``watched`` models changes."""

    def __init__(self, name: str, watched: Sequence[str]) -> None:
        self.name = name
        self.watched = tuple(watched)
        self._version_key = f"danvan:kept-version:{name}"
        # Changes made by this process: a request that has read the token reads
        # it again after one of them.
        self._changes = 0
        _ALL.append(self)

    def connect(self) -> None:
        """Forget on every save or delete of a watched model (``AppConfig.ready``)."""
        for label in self.watched:
            model = apps.get_model(label)
            for signal in (post_save, post_delete):
                signal.connect(
                    self.forget,
                    sender=model,
                    weak=False,
                    dispatch_uid=f"kept:{self.name}:{label}",
                )

    def forget(self, **_signal: Any) -> None:
        """Forget every kept figure: a watched row has changed."""
        self._changes += 1
        self._new_version()
        transaction.on_commit(self._new_version)

    def _new_version(self) -> None:
        new_version_token(self._version_key)

    def version(self, user: Any = None) -> str:
        """The data version, read once per request (kept on ``user``)."""
        attribute = f"_danvan_kept_{self.name}"
        seen = user.__dict__.get(attribute) if user is not None else None
        if seen is None or seen[0] != self._changes:
            seen = (self._changes, self._shared_version())
            if user is not None:
                user.__dict__[attribute] = seen
        return str(seen[1])

    def _shared_version(self) -> str:
        return version_token(self._version_key)

    def kept(
        self, figure: str, user: Any, params: tuple[Any, ...], compute: Callable[[], T]
    ) -> T:
        """``compute()``, or what it gave before for the same ``figure``,
        ``params``, reader's scope, day and language, while no watched row has
        changed."""
        scope = scope_for(user)
        db = connections[DEFAULT_DB_ALIAS].settings_dict
        parts = (
            db["NAME"],
            db.get("HOST") or "",
            db.get("PORT") or "",
            self.version(user),
            scope_version_for(user),
            scope.everything,
            scope.area_paths,
            scope.body_paths,
            timezone.localdate().isoformat(),
            translation.get_language(),
            params,
        )
        digest = hashlib.sha256(repr(parts).encode()).hexdigest()
        key = f"danvan:kept:{self.name}:{figure}:{digest}"
        alias = VALUE_CACHE if VALUE_CACHE in settings.CACHES else DEFAULT_CACHE_ALIAS
        cache = caches[alias]
        value: T | None = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, TIMEOUT)
        return value


def forget_for(model: Any) -> None:
    """Forget the figures that watch ``model``: a bulk write (no signal)."""
    label = model._meta.label
    for figures in _ALL:
        if label in figures.watched:
            figures.forget()


# Parameters of a list's query string that choose no rows.
NOT_FILTERS = frozenset({"page", "page_size", "sort", "format"})


def list_params(query: Any) -> tuple[Any, ...]:
    """A list's filters from its query string (a QueryDict): every parameter
    but its page and order, as given. Every one, not the FilterSet's names: a
    picker's typed text (``area_q``) filters too."""
    if not hasattr(query, "lists"):  # a plain mapping (a FilterSet's empty data)
        query = {name: [value] for name, value in query.items()}.items()
    else:
        query = query.lists()
    return tuple(
        sorted(
            (name, tuple(values)) for name, values in query if name not in NOT_FILTERS
        )
    )
