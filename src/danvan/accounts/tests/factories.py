"""factory-boy factories of accounts: a user with one membership."""

from __future__ import annotations

from typing import Any

import factory
from factory.django import DjangoModelFactory

from danvan.accounts.models import Membership, User

PASSWORD = "secret-pass-1"


class UserFactory(DjangoModelFactory[User]):
    """A user; ``membership__area`` (or ``__body``) and ``__role`` attach them."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)

    membership = factory.PostGeneration(
        lambda user, create, _extracted, **kwargs: attach(user, create, **kwargs)
    )


def attach(user: User, create: bool, **kwargs: Any) -> Membership | None:
    """Attach ``user`` to ``area`` or ``body`` with ``role`` when one is given."""
    if not create or not (kwargs.get("area") or kwargs.get("body")):
        return None
    kwargs.setdefault("role", Membership.Role.EDITOR)
    return Membership.objects.create(user=user, **kwargs)
