"""Home page items of the "Dân vận khéo" register."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from danvan.common.dashboard import Item
from danvan.initiatives import rules, services
from danvan.initiatives.models import Initiative

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User


def items(user: User | AnonymousUser) -> list[Item]:
    if not user.is_authenticated:
        return []
    return [
        Item(
            _("“Dân vận khéo” registrations to review"),
            services.to_review(user).count(),
            reverse("initiatives:review"),
        ),
        _returned(user),
    ]


def _returned(user: User) -> Item:
    """Registrations of the user's units returned for changes: theirs to fix."""
    # An approver above edits the commune's rows too, but returned them: the
    # change is the registering unit's to make.
    returned = (
        Initiative.objects.editable_by(user)
        .filter(status=Initiative.Status.RETURNED)
        .exclude(rules.reviewable_q(user))
    )
    pks = list(returned.values_list("pk", flat=True)[:2])
    # One returned registration opens itself; several open the filtered list.
    if len(pks) == 1:
        url = reverse("initiatives:detail", args=[pks[0]])
    else:
        url = reverse("initiatives:list") + "?" + urlencode({"status": "returned"})
    label = _("“Dân vận khéo” registrations returned for changes")
    return Item(label, returned.count(), url, urgent=True)
