"""The petitions API (``/api/v1/...``), mounted by ``danvan.api`` from ``ROUTES``."""

from typing import Any

# (prefix, viewset, basename) for ``danvan.api``'s router.
ROUTES: list[tuple[str, Any, str]] = []
