"""The situation app's share of the page benchmark (``bench/pages.py``).

``ensure(seed)`` writes the app's province-scale rows through its services
when the database has none yet (so a kept register gains them too), and
``PAGES`` names the app's pages: (name, url(context, user) -> path).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PAGES: list[tuple[str, Callable[[dict[str, Any], Any], str]]] = []


def ensure(seed: int) -> None:
    return None
