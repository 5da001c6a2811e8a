"""Home page items of the "Dân vận khéo" register."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
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
    # How many, and which one when there is one: a single query.
    found = returned.aggregate(n=models.Count("pk"), last=models.Max("pk"))
    # One returned registration opens itself; several open the filtered list.
    if found["n"] == 1:
        url = reverse("initiatives:detail", args=[found["last"]])
    else:
        url = reverse("initiatives:list") + "?" + urlencode({"status": "returned"})
    label = _("“Dân vận khéo” registrations returned for changes")
    return Item(label, found["n"], url, urgent=True)
