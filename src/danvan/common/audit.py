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
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

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


def history_for(
    obj: models.Model, *related: models.QuerySet, limit: int = 50
) -> list[LogEntry]:
    """The latest audit entries of ``obj`` and of ``related`` rows, newest first.

    ``related`` are the rows shown on the object's page (a person's positions),
    so their changes appear there too; such entries carry ``about``, naming the
    row they concern.
    """
    own_type = ContentType.objects.get_for_model(obj)
    wanted = Q(content_type=own_type, object_pk=str(obj.pk))
    for queryset in related:
        pks = [str(pk) for pk in queryset.values_list("pk", flat=True)]
        rel_type = ContentType.objects.get_for_model(queryset.model)
        wanted |= Q(content_type=rel_type, object_pk__in=pks)
    ordered = (
        LogEntry.objects.filter(wanted)
        .select_related("actor", "content_type")
        .order_by("-timestamp")
    )
    result = list(ordered[:limit])
    for entry in result:
        entry.about = ""
        if entry.content_type_id != own_type.pk:
            model = entry.content_type.model_class()
            name = model._meta.verbose_name if model else entry.content_type.model
            entry.about = f"{name}: {entry.object_repr}"
    return result
