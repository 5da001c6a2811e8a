"""Home page items of the "Dân vận khéo" register."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from danvan.accounts.roles import Role
from danvan.common.access import scope_for
from danvan.common.dashboard import Item
from danvan.common.rules import own_units
from danvan.initiatives import rules, services
from danvan.initiatives.kept import FIGURES
from danvan.initiatives.models import Initiative

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User


def items(user: User | AnonymousUser) -> list[Item]:
    if not user.is_authenticated:
        return []
    # Kept (initiatives.kept: until a model changes, or the tree): both
    # counts read a province's thousands of models. The key holds the scopes
    # the counts read beside the reader's: the units they judge and their own.
    own = own_units(user)
    params = (
        scope_for(user, Role.APPROVER),
        scope_for(user, Role.EDITOR),
        tuple(sorted(own.area_ids)),
        tuple(sorted(own.body_ids)),
    )
    return FIGURES.kept("home", user, params, lambda: _items(user))


def _items(user: User) -> list[Item]:
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
