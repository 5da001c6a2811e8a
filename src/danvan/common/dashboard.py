"""The home page's "to do" list: what waits for the user in each app.

Each danvan app may offer ``<app>.dashboard.items(user) -> list[Item | Count]``;
items are counts of the user's own scope, shown with a link. An app names the
rows and the condition of each count (``Count``) rather than counting them:
the counts of one app over the same rows are then taken in one query
(``Count(..., filter=…)``), so a scope is read once however many badges it has.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q


@dataclass(frozen=True)
class Item:
    label: str
    count: int
    url: str
    urgent: bool = False


@dataclass(frozen=True)
class Count:
    """An item still to count: the ``rows`` matching ``where``.

    Counts given the same ``rows`` (the same QuerySet object) are taken
    together, in one query.
    """

    label: str
    rows: models.QuerySet[Any]
    url: str
    urgent: bool = False
    where: Q = field(default_factory=Q)


def counted(found: list[Item | Count]) -> list[Item]:
    """Every ``Count`` of ``found`` made an ``Item``: one query per set of rows."""
    groups: dict[int, list[Count]] = {}
    for entry in found:
        if isinstance(entry, Count):
            groups.setdefault(id(entry.rows), []).append(entry)
    numbers: dict[int, int] = {}
    for group in groups.values():
        totals = group[0].rows.aggregate(
            **{
                f"n{i}": models.Count("pk", filter=entry.where or None)
                for i, entry in enumerate(group)
            }
        )
        numbers.update({id(e): totals[f"n{i}"] for i, e in enumerate(group)})
    return [
        Item(e.label, numbers[id(e)], e.url, e.urgent) if isinstance(e, Count) else e
        for e in found
    ]


def items_for(user: object) -> list[Item]:
    found: list[Item] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("danvan.") or config.name == "danvan.common":
            continue
        try:
            module = importlib.import_module(f"{config.name}.dashboard")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.dashboard":
                raise
            continue
        found.extend(item for item in counted(module.items(user)) if item.count)
    return found
