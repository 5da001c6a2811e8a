"""The situation's kept figures (``common.kept``): the period view's counts and
rows and the entries list's count, per reader's scope, area, period or filters,
day and language, forgotten when an entry or a topic changes, or the unit tree
changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from danvan.common.kept import KeptFigures, list_params
from danvan.common.paging import Paginator, area_parts

FIGURES = KeptFigures("situation", watched=("situation.Entry", "situation.Topic"))


def list_count(
    user: Any, query: Any, rows: QuerySet[Any], filters: Callable[[], Any]
) -> Callable[[], int]:
    """The entries list's count (page and API alike), kept per reader's scope
    and filters; counted over each range of the scope on its own."""

    def count() -> int:
        return Paginator(rows, 1, parts=area_parts(filters(), user)).count

    return lambda: FIGURES.kept("list-count", user, list_params(query), count)
