"""Series and people of a meeting chosen, not typed: similar series, new people.

A series name typed with a typo would start a new series and leave the open
tasks of the real one behind; a name typed for a person would make a twin.
So a new series or person is made only on an explicit choice, and a name
close to an existing one (accent-free) is pointed out first.
"""

from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from danvan.accounts.models import User
from danvan.common.text import fold, normalize
from danvan.meetings.models import MeetingSeries
from danvan.units import services as units
from danvan.units.models import Area, Body, Person

# Folded names this close (difflib ratio) are taken for the same name mistyped.
SIMILAR = 0.8


def similar(first: str, second: str) -> bool:
    """Are two names the same, or one a likely typo of the other, without accents?"""
    a, b = fold(first), fold(second)
    return a == b or SequenceMatcher(None, a, b).ratio() >= SIMILAR


def series_of(*, bodies: QuerySet[Body]) -> QuerySet[MeetingSeries]:
    """The series of ``bodies`` (those the user records), by body and name."""
    return (
        MeetingSeries.objects.filter(body__in=bodies)
        .select_related("body")
        .order_by("body__name", "kind", "search_name")
    )


def similar_series(*, body: Body, kind: str, name: str) -> list[MeetingSeries]:
    """Series of ``body`` whose names are close to ``name``, of any kind.

    The series of that kind with that very name (accents apart) is not one:
    ``series_for`` joins it.
    """
    key = fold(normalize(name))
    rows = (
        MeetingSeries.objects.filter(body=body)
        .exclude(kind=kind, search_name=key)
        .order_by("search_name")
    )
    return [s for s in rows if similar(s.search_name, key)]


def _lines(names: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        name = normalize(name)
        if name:
            seen.setdefault(fold(name), name)
    return list(seen.values())


def check_new_people(known: QuerySet[Person], names: Iterable[str]) -> list[str]:
    """The names to add as new people; one of the ``known`` people is refused."""
    names = _lines(names)
    taken = [n for n in names if known.filter(search_name=fold(n)).exists()]
    if taken:
        raise ValidationError(
            {
                "new_attendees": _(
                    "Already among the people: %(names)s. Choose them in the list."
                )
                % {"names": ", ".join(taken)}
            }
        )
    return names


def add_people(
    *, actor: User, area: Area, names: Iterable[str], known: QuerySet[Person]
) -> list[Person]:
    """Make each name a person kept by ``area``: the explicit "new person" choice."""
    return [
        units.create_person(actor=actor, full_name=name, area=area)
        for name in check_new_people(known, names)
    ]
