"""The filters of the unit browser's search and of the people list."""

from __future__ import annotations

from danvan.common.filters import ListFilterSet
from danvan.units.models import Area, Person


class PersonFilterSet(ListFilterSet):
    """Accent-free search on the name."""

    class Meta(ListFilterSet.Meta):
        model = Person


class AreaFilterSet(ListFilterSet):
    """Accent-free search on the name; a code matches exactly."""

    class Meta(ListFilterSet.Meta):
        model = Area
