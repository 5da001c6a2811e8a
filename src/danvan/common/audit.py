"""The audit trail of domain data: who changed what, when.

``django-auditlog`` records every create, change and delete of the registered
models (``register`` below, called from each app's ``ready``), with the acting
user taken from the request by its middleware. Services that run outside a
request (commands, tasks) name the actor with ``acting_as``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

# Derived or internal columns that are not news to a reader of the history.
_NEVER_AUDITED = ["path", "search_name"]


def register(*model_classes: type[models.Model]) -> None:
    for model in model_classes:
        if not auditlog.contains(model):
            auditlog.register(model, exclude_fields=_NEVER_AUDITED)


@contextlib.contextmanager
def acting_as(actor: AbstractBaseUser | None) -> Iterator[None]:
    """Attribute the changes made inside the block to ``actor``."""
    if actor is None:
        yield
        return
    with set_actor(actor):
        yield


def history_for(obj: models.Model, limit: int = 50) -> models.QuerySet[LogEntry]:
    """The latest audit entries of ``obj``, newest first, with their actors."""
    return (
        LogEntry.objects.get_for_object(obj)
        .select_related("actor")
        .order_by("-timestamp")[:limit]
    )
