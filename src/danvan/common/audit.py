"""The audit trail of domain data: who changed what, when.

``django-auditlog`` records every create, change and delete of the registered
models (``register`` below, called from each app's ``ready``), with the acting
user taken from the request by its middleware. Services that run outside a
request (commands, tasks) name the actor with ``acting_as``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext

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


# Administrative areas and bodies are public reference data (the portal names
# them); every other scoped row is named in a log only to a reader who sees it.
_PUBLIC_NAMES = {"units.area", "units.body"}


class ScopedEntry:
    """A log entry as one reader sees it: rows outside their scope go unnamed."""

    def __init__(self, entry: LogEntry, changes: dict[str, list[str]]) -> None:
        self._entry = entry
        self.changes_display_dict = changes

    def __getattr__(self, name: str) -> Any:
        return getattr(self._entry, name)


def _scoped_links(entry: LogEntry) -> list[tuple[models.Field, list[str]]]:
    """The entry's foreign-key changes to rows that have a scope."""
    model = entry.content_type.model_class()
    if model is None:
        return []
    links = []
    for name, values in entry.changes_dict.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        target = field.related_model if field.many_to_one else None
        if (
            target is None
            or target._meta.label_lower in _PUBLIC_NAMES
            or not hasattr(target._default_manager.all(), "visible_to")
        ):
            continue
        raw = [str(v) for v in values] if isinstance(values, list) else []
        links.append((field, raw))
    return links


def _seen(user: Any, wanted: dict[type[models.Model], set[str]]) -> set[tuple]:
    """The (model, pk) pairs among ``wanted`` that ``user`` may see."""
    seen = set()
    for model, pks in wanted.items():
        keys = [pk for pk in pks if pk.isdigit()]
        rows = model._default_manager.all().visible_to(user).filter(pk__in=keys)
        seen |= {(model, str(pk)) for pk in rows.values_list("pk", flat=True)}
    return seen


def scoped_entries(entries: list[LogEntry], user: Any) -> list[ScopedEntry]:
    """``entries`` with every related row ``user`` may not see shown unnamed.

    A log names related rows by their current name (a document that replaced
    this one, the model a copy came from); naming one outside the reader's
    scope would leak it, so it reads "(văn bản ngoài phạm vi của bạn)".
    """
    links = {entry.pk: _scoped_links(entry) for entry in entries}
    wanted: dict[type[models.Model], set[str]] = {}
    for found in links.values():
        for field, raw in found:
            wanted.setdefault(field.related_model, set()).update(raw)
    seen = _seen(user, wanted)
    result = []
    for entry in entries:
        display = dict(entry.changes_display_dict)
        hidden = False
        for field, raw in links[entry.pk]:
            label = str(getattr(field, "verbose_name", field.name))
            shown = display.get(label)
            if shown is None or len(shown) != len(raw):
                continue
            target = field.related_model
            outside = gettext("%(kind)s outside your scope") % {
                "kind": target._meta.verbose_name
            }
            for i, pk in enumerate(raw):
                if pk not in ("None", "") and (target, pk) not in seen:
                    shown[i] = outside
                    hidden = True
            display[label] = shown
        if hidden and entry.about:
            # The related row's own name may name the hidden row too.
            model = entry.content_type.model_class()
            entry.about = str(model._meta.verbose_name) if model else ""
        result.append(ScopedEntry(entry, display))
    return result


def history_for(
    obj: models.Model, *related: models.QuerySet, user: Any, limit: int = 50
) -> list[ScopedEntry]:
    """The latest audit entries of ``obj`` and of ``related`` rows, newest first,
    as ``user`` may read them (see ``scoped_entries``).

    ``related`` are the rows shown on the object's page (a person's positions),
    so their changes appear there too; such entries carry ``about``, naming the
    row they concern. Pass only related rows the user may see.
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
    return scoped_entries(result, user)
