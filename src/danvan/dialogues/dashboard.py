"""Home page items of dialogues: the opinions assigned after a dialogue,
overdue or waiting, for the body they are assigned to and for the body that
held the dialogue (its own units; the levels above see them in the list)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.common import clock, rules
from danvan.common.dashboard import Count as Badge
from danvan.common.dashboard import Item
from danvan.dialogues.filters import overdue_q
from danvan.dialogues.kept import FIGURES
from danvan.dialogues.models import Issue

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User


def own_q(user: User | AnonymousUser) -> Q | None:
    """Opinions held by or assigned to one of the user's own units; None
    for everything (a superuser, who has no unit)."""
    if user.is_superuser:
        return None
    own = rules.own_units(user)
    return (
        Q(session__body__area_id__in=own.area_ids)
        | Q(session__body_id__in=own.body_ids)
        | Q(assigned_body__area_id__in=own.area_ids)
        | Q(assigned_body_id__in=own.body_ids)
    )


def items(user: User | AnonymousUser) -> list[Item | Badge]:
    if not user.is_authenticated:
        return []
    on = clock.today()
    # Kept per reader's scope and day (dialogues.kept), until an opinion changes.
    overdue, waiting = FIGURES.kept("home", user, (on,), lambda: _counts(user, on))
    url = reverse("dialogues:issue_list")
    return [
        Item(
            _("Dialogue opinions overdue"), overdue, url + "?state=overdue", urgent=True
        ),
        Item(
            _("Dialogue opinions waiting for the answer"),
            waiting,
            url + "?state=waiting",
        ),
    ]


def _counts(user: User, on: dt.date) -> tuple[int, int]:
    """The opinions overdue and waiting of the user's own units, one query."""
    rows = Issue.objects.visible_to(user)
    own = own_q(user)
    if own is not None:
        rows = rows.filter(own)
    found = rows.aggregate(
        overdue=Count("pk", filter=overdue_q(on)),
        waiting=Count("pk", filter=Q(status=Issue.Status.ASSIGNED)),
    )
    return found["overdue"], found["waiting"]
