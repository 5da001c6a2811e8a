"""The filters of the people list."""

from __future__ import annotations

from danvan.common.filters import ListFilterSet


class PersonFilterSet(ListFilterSet):
    """Accent-free search on the name."""
