"""Home page items of petitions: for the handling body's users, the
petitions overdue (urgent) and those due this week (one query)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.common.clock import today
from danvan.common.dashboard import Count
from danvan.common.rules import own_units
from danvan.petitions.filters import due_week_q, overdue_q
from danvan.petitions.models import Petition

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User


def items(user: User | AnonymousUser) -> list[Count]:
    if not user.is_authenticated:
        return []
    on = today()
    # The petitions handled by the user's own units (a body they belong to,
    # or a body of their area): the ones they must move; the level above
    # finds the others in the lists.
    own = own_units(user)
    rows = Petition.objects.filter(
        Q(handling_body_id__in=own.body_ids)
        | Q(handling_body__area_id__in=own.area_ids)
    )
    url = reverse("petitions:list")
    return [
        Count(_("Petitions overdue"), rows, f"{url}?due=overdue", True, overdue_q(on)),
        Count(
            _("Petitions due this week"), rows, f"{url}?due=week", False, due_week_q(on)
        ),
    ]
