"""Who may open, change and follow a hot spot.

The rules live in ``common.rules``: opening one needs an editor of its owner
body who reads its place; changing it, adding a follow-up or a link needs an
editor over the hot spot (its place or its owner body). The level above
edits the hot spots of the units below too (and sees them on its home page).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from danvan.common.rules import may_edit as _may_edit
from danvan.common.rules import may_view

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User
    from danvan.incidents.models import Incident
    from danvan.units.models import Area, Body


def may_open(user: User | AnonymousUser, *, area: Area, owner_body: Body) -> bool:
    """May ``user`` open a hot spot of ``owner_body`` at ``area``?"""
    return _may_edit(user, owner_body) and may_view(user, area)


def may_edit(user: User | AnonymousUser, incident: Incident) -> bool:
    """May ``user`` change ``incident``, follow it up and link rows to it?"""
    return _may_edit(user, incident)
