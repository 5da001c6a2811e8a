"""Home page items of the hot spots: the overdue and the escalating ones of
the user's own units and of the units below (the level above sees them)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.common import clock
from danvan.common.dashboard import Item
from danvan.incidents.kept import FIGURES
from danvan.incidents.models import Incident
from danvan.incidents.queries import escalating_q, overdue_q

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User


def items(user: User | AnonymousUser) -> list[Item]:
    if not user.is_authenticated:
        return []
    url = reverse("incidents:list")
    # Kept per reader's scope and day (incidents.kept), until a hot spot changes.
    on = clock.today()
    overdue, escalating = FIGURES.kept("home", user, (on,), lambda: _counts(user, on))
    return [
        Item(_("Hot spots overdue"), overdue, url + "?overdue=1", urgent=True),
        Item(_("Hot spots escalating"), escalating, url + "?escalating=1", urgent=True),
    ]


def _counts(user: User, on: dt.date) -> tuple[int, int]:
    """The overdue and the escalating hot spots the user sees, in one query."""
    found = Incident.objects.visible_to(user).aggregate(
        overdue=Count("pk", filter=overdue_q(on)),
        escalating=Count("pk", filter=escalating_q()),
    )
    return found["overdue"], found["escalating"]
