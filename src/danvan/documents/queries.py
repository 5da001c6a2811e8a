"""Reads of the register that span documents: the implementation tree of a
directive and the reviews falling due."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import QuerySet

from danvan.documents.models import (
    Document,
    DocumentRelation,
    ReviewPoint,
    ReviewPointQuerySet,
)

MAX_DEPTH = 8


@dataclass
class Node:
    """A document and the documents issued to implement it."""

    document: Document
    depth: int
    children: list[Node] = field(default_factory=list)

    def flatten(self) -> Iterator[Node]:
        """Every node below this one, depth first (the root excluded)."""
        for child in self.children:
            yield child
            yield from child.flatten()

    @property
    def count(self) -> int:
        return sum(1 for _ in self.flatten())


def implementation_tree(*, document: Document, documents: QuerySet[Document]) -> Node:
    """Documents implementing ``document``, level by level, among ``documents``.

    ``documents`` is the user's visible register: a level the user may not see
    is left out, with what hangs below it. One query per level.
    """
    root = Node(document, 0)
    seen = {document.pk}
    level = [root]
    depth = 0
    while level and depth < MAX_DEPTH:
        depth += 1
        by_pk = {node.document.pk: node for node in level}
        relations = (
            DocumentRelation.objects.filter(
                kind=DocumentRelation.Kind.IMPLEMENTS,
                target_id__in=by_pk,
                source__in=documents,
            )
            .select_related("source__area", "source__issuer_body")
            .order_by("source__issued_on", "source__pk")
        )
        next_level = []
        for relation in relations:
            if relation.source_id in seen:
                continue
            seen.add(relation.source_id)
            node = Node(relation.source, depth)
            by_pk[relation.target_id].children.append(node)
            next_level.append(node)
        level = next_level
    return root


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def due_reviews(
    *, points: ReviewPointQuerySet, months: int, today: dt.date
) -> QuerySet[ReviewPoint]:
    """Open reviews due before ``months`` from ``today``, overdue ones included."""
    return (
        points.open()
        .filter(due_on__lte=add_months(today, months))
        .select_related("document__area", "document__issuer_body")
        .order_by("due_on", "pk")
    )
