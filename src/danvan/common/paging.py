"""Pages of a list whose count adds up parts, each read on its own index.

A scope is a handful of disjoint path ranges (a province with the provinces
merged into it is three). Counting "rows in any of the ranges" makes
PostgreSQL test every range on every row of the index (36 ms for 20,000 of
100,000 models); counting each range alone reads only its own slice of the
index (under 2 ms for the three). ``Paginator(rows, n, parts=[…])`` counts
``parts`` (querysets of the same rows, one per range, disjoint) with one
``UNION ALL`` query and shows ``rows``; ``PartsPagination`` is the same for
the API.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from typing import Any

from django.core.paginator import Paginator as DjangoPaginator
from django.db.models import QuerySet
from rest_framework.pagination import PageNumberPagination

from danvan.common import tree
from danvan.common.access import scope_for


def area_parts(filters: Any, user: Any) -> list[QuerySet[Any]] | None:
    """The rows of a list's FilterSet once per path range of the user's scope,
    to count them; None when the rows are counted as they are.

    Only for rows scoped by their own ``area_path`` (``scope_area = "area_"``)
    and a scope of areas alone, read by no other way: a row is then seen
    exactly when its ``area_path`` lies in one of the ranges, and the ranges
    are disjoint.
    """
    model = filters.queryset.model
    rows = model._default_manager.all()
    scope = scope_for(user)
    if (
        scope.everything
        or scope.body_paths
        or len(scope.area_paths) < 2
        or getattr(rows, "scope_area", None) != "area_"
        or getattr(rows, "scope_read", ())
        or getattr(rows, "scope_read_up", None)
    ):
        return None
    filters.qs  # noqa: B018  (validates the filters: their values are then known)
    return [
        filters.filter_queryset(
            model._default_manager.filter(tree.subtree_q([path], field="area_path"))
        )
        for path in scope.area_paths
    ]


def count_parts(parts: Sequence[QuerySet[Any]]) -> int:
    """The number of rows of disjoint ``parts``, in one query."""
    first, *rest = [part.order_by().values("pk") for part in parts]
    if not rest:
        return first.count()
    return first.union(*rest, all=True).count()


class Paginator(DjangoPaginator):  # type: ignore[type-arg]
    """Django's paginator, counting ``parts`` when given instead of the rows,
    or asking ``count()`` (a count kept by ``common.kept``)."""

    def __init__(
        self,
        object_list: Any,
        per_page: int,
        *,
        parts: Sequence[QuerySet[Any]] | None = None,
        count: Callable[[], int] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.parts = parts
        self.counted = count

    @cached_property
    def count(self) -> int:
        if self.counted is not None:
            return self.counted()
        if self.parts:
            return count_parts(self.parts)
        return super().count


class PartsPagination(PageNumberPagination):
    """The API's pages; a viewset sets ``parts`` (or ``count``, a count kept
    by ``common.kept``) before the page is cut."""

    parts: Sequence[QuerySet[Any]] | None = None
    count: Callable[[], int] | None = None

    def django_paginator_class(self, queryset: Any, page_size: int) -> Paginator:  # type: ignore[override]
        return Paginator(queryset, page_size, parts=self.parts, count=self.count)
