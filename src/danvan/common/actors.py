"""The system actor: who commands, the demo loader and tasks write as.

Services take the acting user and check it; there is no "no checks" value.
Work nobody in particular does (a command, the demo, a task) acts as one
dedicated account, inactive and without a password, so it can never sign in
and a request never carries it, while every row it writes and every audit
entry names it ("Hệ thống") rather than an anonymous nobody.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model

from danvan.common.audit import acting_as

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User


def system_actor() -> User:
    """The system's own account, made on first use."""
    model = get_user_model()
    user, created = model.objects.get_or_create(
        username=model.SYSTEM_USERNAME,
        defaults={"is_active": False, "first_name": "Hệ thống"},
    )
    if created:
        with acting_as(user):
            user.set_unusable_password()
            user.save(update_fields=["password"])
        # Made before it could act: its own creation is recorded as its own.
        LogEntry.objects.get_for_object(user).filter(actor=None).update(actor=user)
    return user


def is_system(user: User | AnonymousUser) -> bool:
    """Does ``user`` act for the system (allowed every write a rule checks)?"""
    return bool(getattr(user, "is_system", False))
