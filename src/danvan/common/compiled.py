"""Queries whose SQL Django builds once, then only runs.

Building and compiling a query costs Django 0.3-0.4 ms, often more than
PostgreSQL takes to answer it; a page that reads a few rows by their keys, or a
list opened as it is, asks the same query on every request. ``compile_query``
builds it once with stand-in keys (numbers near the top of a 32-bit integer,
which every integer key column takes) and keeps its
SQL, the place of each key among its parameters and Django's converters; the
kept query then only runs, its rows converted as Django converts them.

- :class:`KeyedQuery`: model instances (with the rows ``select_related``
  joins) of a query whose only parameters are some keys (a meeting's page).
- ``common.api.KeyedValues``: the ``values_list`` of a list's nested rows by
  the keys of its fifty parents; ``common.api.CompiledPages``: a list's page
  opened with no filter, under a key holding everything its SQL depends on.

A query that has parameters of its own (a name, a date: anything but the keys)
is built every time, since what it asks may change; so is a key outside the
64-bit range, which the ORM answers without asking the database. Django's
compiler is read through ``as_sql``, ``get_converters``, ``apply_converters``
and, for instances, ``klass_info`` and ``get_related_populators``: the same
steps ``QuerySet.__iter__`` takes (``ModelIterable``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import get_related_populators

INT64 = (-(2**63), 2**63 - 1)
# Stand-in keys: 2,147,480,001, 2,147,480,002, … A negative one would do for a
# signed key, but Django answers a positive column's lookup of it as empty
# (no SQL at all), and one past 2**31 - 1 likewise for a 32-bit column.
_FIRST_STAND_IN = 2_147_480_001


def stand_ins(count: int) -> list[int]:
    return list(range(_FIRST_STAND_IN, _FIRST_STAND_IN + count))


def in_range(keys: Sequence[Any]) -> bool:
    """Are all ``keys`` integers the database can hold?"""
    return all(isinstance(k, int) and INT64[0] <= k <= INT64[1] for k in keys)


@dataclass(frozen=True)
class Compiled:
    """A query's SQL, its parameters (stand-ins where keys go), its compiler
    and converters."""

    sql: str
    params: tuple[Any, ...]
    compiler: Any
    converters: dict[int, Any]

    def run(self, alias: str, keys: Sequence[Any] = ()) -> list[Any]:
        """The query's rows (tuples) with ``keys`` in the stand-ins' places."""
        # A key takes its stand-in's type (psycopg's Int8 for a bigint column).
        params = [
            type(p)(keys[p - _FIRST_STAND_IN]) if _is_stand_in(p, len(keys)) else p
            for p in self.params
        ]
        with connections[alias].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows: list[Any] = cursor.fetchall()
        if self.converters:
            rows = list(self.compiler.apply_converters(rows, self.converters))
        return rows


def _is_stand_in(param: Any, count: int) -> bool:
    return (
        isinstance(param, int)
        and not isinstance(param, bool)
        and _FIRST_STAND_IN <= param < _FIRST_STAND_IN + count
    )


def compile_query(
    queryset: QuerySet[Any], alias: str, *, keys: int = 0, keys_only: bool = True
) -> Compiled | None:
    """``queryset`` (built with ``stand_ins(keys)``) compiled for ``alias``;
    None when it must be built every time (an empty answer known without the
    database, or, with ``keys_only``, a parameter that is not a stand-in)."""
    compiler = queryset.query.get_compiler(using=alias)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:  # the ORM answers it without a query
        return None
    if keys_only and any(not _is_stand_in(p, keys) for p in params):
        return None
    fields = [column[0] for column in compiler.select[: compiler.col_count]]
    return Compiled(sql, tuple(params), compiler, compiler.get_converters(fields))


class KeyedQuery:
    """The model instances of ``build(*keys)``, a query whose only parameters
    are the keys, compiled once per database connection and number of keys.

    ``build`` must give the same query whatever the keys (no user, no date in
    it); the instances are made as Django makes them, with the rows joined by
    ``select_related``. Queries with annotations are built every time.
    """

    def __init__(self, build: Callable[..., QuerySet[Any]]) -> None:
        self.build = build
        self._alias = ""
        self._compiled: dict[tuple[int, int], tuple[Any, ...] | None] = {}

    def __call__(self, *keys: int) -> list[Any]:
        if not in_range(keys):
            return list(self.build(*keys))
        alias = self._alias = self._alias or self.build(*keys).db
        slot = (id(connections[alias]), len(keys))
        if slot not in self._compiled:
            queryset = self.build(*stand_ins(len(keys)))
            self._compiled[slot] = self._compile(queryset, alias, len(keys))
        compiled = self._compiled[slot]
        if compiled is None:
            return list(self.build(*keys))
        query, start, end, names, populators = compiled
        model = query.compiler.query.model
        found = []
        for row in query.run(alias, keys):
            obj = model.from_db(alias, names, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            found.append(obj)
        return found

    @staticmethod
    def _compile(
        queryset: QuerySet[Any], alias: str, count: int
    ) -> tuple[Any, ...] | None:
        query = compile_query(queryset, alias, keys=count)
        if query is None or query.compiler.annotation_col_map:
            return None
        select, info = query.compiler.select, query.compiler.klass_info
        start, end = info["select_fields"][0], info["select_fields"][-1] + 1
        names = [column[0].target.attname for column in select[start:end]]
        populators = get_related_populators(info, select, alias)  # type: ignore[call-arg]
        return query, start, end, names, populators
