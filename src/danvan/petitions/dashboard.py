"""Home page items of petitions: for the handling body's users, the
petitions overdue (urgent) and those due this week (one query, kept per
reader's scope and day until a petition changes: ``petitions.kept``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.common.clock import today
from danvan.common.dashboard import Item
from danvan.common.rules import own_units
from danvan.petitions.filters import due_week_q, overdue_q
from danvan.petitions.kept import FIGURES
from danvan.petitions.models import Petition

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User


def items(user: User | AnonymousUser) -> list[Item]:
    if not user.is_authenticated:
        return []
    on = today()
    overdue, week = FIGURES.kept("home", user, (on,), lambda: _counts(user, on))
    url = reverse("petitions:list")
    return [
        Item(_("Petitions overdue"), overdue, f"{url}?due=overdue", urgent=True),
        Item(_("Petitions due this week"), week, f"{url}?due=week"),
    ]


def _counts(user: User, on: dt.date) -> tuple[int, int]:
    # The petitions handled by the user's own units (a body they belong to,
    # or a body of their area): the ones they must move; the level above
    # finds the others in the lists.
    own = own_units(user)
    found = Petition.objects.filter(
        Q(handling_body_id__in=own.body_ids)
        | Q(handling_body__area_id__in=own.area_ids)
    ).aggregate(
        overdue=Count("pk", filter=overdue_q(on)),
        week=Count("pk", filter=due_week_q(on)),
    )
    return found["overdue"], found["week"]
