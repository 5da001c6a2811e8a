"""The home page's "to do" list: what waits for the user in each app.

Each danvan app may offer ``<app>.dashboard.items(user) -> list[Item]``; items
are counts of the user's own scope (one query each), shown with a link.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from django.apps import apps


@dataclass(frozen=True)
class Item:
    label: str
    count: int
    url: str
    urgent: bool = False


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
        found.extend(item for item in module.items(user) if item.count)
    return found
