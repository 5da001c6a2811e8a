"""The filters of the people list."""

from __future__ import annotations

from danvan.common.filters import ListFilterSet
from danvan.units.models import Person


class PersonFilterSet(ListFilterSet):
    """Accent-free search on the name."""

    class Meta(ListFilterSet.Meta):
        model = Person
