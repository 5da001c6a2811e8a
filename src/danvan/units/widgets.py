"""Pickers of areas and bodies: a search as you type in place of a long list.

A province user reaches hundreds of areas and bodies; a ``<select>`` listing
them all was most of a page. ``AreaPicker`` and ``BodyPicker`` render only the
chosen option and a search box. Typing asks ``units:pick_areas`` /
``units:pick_bodies`` (htmx) for at most ``RESULTS`` options of the field's own
queryset: its scope and named limits (``TreeQuerySet.pick``: ``scope=edit``,
``on=…``, ``kind=…``) travel in the address and ``pickable`` applies them again
for the user who searches. Validation is the field's, as before: an id outside
its queryset is refused.

Without JavaScript, the search box is sent with the form: a text that names
one unit chooses it, otherwise the form comes back with the units it matches
to choose from (and the field refuses the text as a choice).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar, cast

from django import forms
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from danvan.accounts.models import User
from danvan.common.access import ScopedQuerySet
from danvan.common.text import fold, parse_id
from danvan.units.models import Area, AreaQuerySet, Body, BodyQuerySet, TreeQuerySet

# Options a search returns: enough to choose from, few enough to read.
RESULTS = 20


def area_label(area: Area) -> str:
    """'xã Hạnh Phúc — huyện Trạm Tấu (until 30/06/2025)'."""
    label = area.full_name
    if area.parent is not None:
        label = f"{label} — {area.parent.full_name}"
    if area.valid_to is not None:
        until = _("until %(date)s") % {"date": f"{area.valid_to:%d/%m/%Y}"}
        label = f"{label} ({until})"
    return label


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        return None


def _used_by(
    queryset: TreeQuerySet[Any], label: str, user: User | AnonymousUser
) -> TreeQuerySet[Any]:
    """``queryset.used_by`` the rows ``user`` sees of ``app.model.field``."""
    app_label, model_name, field_name = [*label.split("."), "", ""][:3]
    try:
        model = apps.get_model(app_label, model_name)
        field = model._meta.get_field(field_name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return queryset.none()
    rows = model._default_manager.all()
    if getattr(field, "related_model", None) is not queryset.model or not isinstance(
        rows, ScopedQuerySet
    ):
        return queryset.none()
    return queryset.used_by(rows.visible_to(user), field_name)


def pickable(
    model: type[Area] | type[Body],
    user: User | AnonymousUser,
    limits: Mapping[str, str],
) -> TreeQuerySet[Any]:
    """The rows a picker offers ``user``: the field's queryset, rebuilt from
    the limits its widget put in the search's address (``TreeQuerySet.pick``).

    The scope is always the searching user's: the units they see or edit, or
    those named by the rows they see (``used``); a changed address can only
    narrow it.
    """
    rows: TreeQuerySet[Any] = model.objects.all()
    if limits.get("used"):
        # Units named by rows the user sees (a list's filter): shown there already.
        rows = _used_by(rows, limits["used"], user)
    elif limits.get("scope") == "edit":
        rows = rows.editable_by(user)
    else:
        rows = rows.visible_to(user)
    if on := _date(limits.get("on")):
        rows = rows.in_force(on)
    start, end = _date(limits.get("start")), _date(limits.get("end"))
    if start and end:
        rows = rows.in_force_during(start, end)
    if limits.get("open"):
        rows = rows.not_ended()
    if isinstance(rows, BodyQuerySet):
        if limits.get("kind"):
            rows = rows.of_kind(limits["kind"])
        if limits.get("numbered"):
            rows = rows.numbered()
    return rows


def _labelled(rows: TreeQuerySet[Any]) -> TreeQuerySet[Any]:
    """``rows`` with what their labels name (an area's parent, a body's area)."""
    return rows.select_related("parent" if rows.model is Area else "area")


def search(rows: TreeQuerySet[Any], text: str, limit: int = RESULTS) -> list[Any]:
    """At most ``limit`` rows whose name (accents optional) or code matches,
    units in force and higher levels first."""
    if not text.strip():
        return []
    found: TreeQuerySet[Any]
    if isinstance(rows, AreaQuerySet):
        found = cast(AreaQuerySet, _labelled(rows.search(text))).for_display()
    else:  # a body has no code: its name only
        found = _labelled(rows.filter(search_name__contains=fold(text))).order_by(
            models.F("valid_to").desc(nulls_first=True), "search_name", "pk"
        )
    return list(found[:limit])


def found_label(text: str, count: int) -> str:
    """The empty option above the results of a search (as ``units/pick.html``)."""
    if not count:
        return _("— nothing found for “%(q)s” —") % {"q": text}
    return ngettext(
        "— %(n)s found: choose it —", "— %(n)s found: choose one —", count
    ) % {"n": count}


def label_of(row: Area | Body) -> str:
    """An option's label: the area with its parent, the body with its area."""
    from danvan.units.choices import body_label  # choices imports the pickers

    return area_label(row) if isinstance(row, Area) else body_label(row)


class UnitPicker(forms.Select):
    """A ``<select>`` holding only the chosen unit, with a search beside it.

    The field's queryset (``self.choices.queryset``, a ``ModelChoiceField``'s)
    says which rows may be chosen; the widget shows no more than the chosen
    one and, after a search sent without JavaScript, the units it found.
    """

    model: ClassVar[type[Area] | type[Body]]
    url_name: ClassVar[str]
    placeholder: ClassVar[Any]
    template_name = "units/picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.query = ""
        # Limits of the search alone, beyond the field's: the statistics offer
        # the units in force during the period shown, and accept any they see.
        self.search_limits: dict[str, str] = {}

    @property
    def rows(self) -> TreeQuerySet[Any]:
        queryset = getattr(self.choices, "queryset", None)
        if queryset is None:
            return self.model.objects.none()
        return cast("TreeQuerySet[Any]", queryset)

    def use_required_attribute(self, initial: Any) -> bool:
        # An empty choice with a search typed is read on the server.
        return False

    def value_from_datadict(
        self, data: Mapping[str, Any], files: MultiValueDict[str, Any], name: str
    ) -> Any:
        value = super().value_from_datadict(data, files, name)
        query = data.get(f"{name}_q") or ""
        self.query = query.strip() if isinstance(query, str) else ""
        if value or not self.query:
            return value
        found = search(self.rows, self.query, limit=2)
        if len(found) == 1:
            return str(found[0].pk)
        # Not an id: refused as a choice, and the matches are shown.
        return self.query

    def search_url(self) -> str:
        limits = {**getattr(self.rows, "pick", {}), **self.search_limits}
        limits = dict(sorted(limits.items()))
        url = reverse(self.url_name)
        return f"{url}?{urlencode(limits)}" if limits else url

    def optgroups(
        self, name: str, value: list[Any], attrs: dict[str, Any] | None = None
    ) -> list[tuple[str | None, list[dict[str, Any]], int | None]]:
        chosen = [pk for v in value if (pk := parse_id(v)) is not None]
        rows = list(_labelled(self.rows).filter(pk__in=chosen)) if chosen else []
        found = search(self.rows, self.query) if self.query else []
        field = getattr(self.choices, "field", None)
        empty = getattr(field, "empty_label", None) or "—"
        if self.query:
            empty = found_label(self.query, len(found))
        options = [self.create_option(name, "", empty, not rows, 0)]
        seen: set[int] = set()
        for row in [*rows, *found]:
            if row.pk in seen:
                continue
            seen.add(row.pk)
            selected = row.pk in chosen
            options.append(
                self.create_option(name, row.pk, label_of(row), selected, len(options))
            )
        return [(None, options, 0)]

    def get_context(
        self, name: str, value: Any, attrs: dict[str, Any] | None
    ) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["picker"] = {
            "url": self.search_url(),
            "name": f"{name}_q",
            "value": self.query,
            "placeholder": self.placeholder,
        }
        return context


class AreaPicker(UnitPicker):
    """Choose an area by typing part of its name (accents optional) or its code."""

    model = Area
    url_name = "units:pick_areas"
    placeholder = gettext_lazy("Find an area: tram tau, 15")


class BodyPicker(UnitPicker):
    """Choose a body by typing part of its name (accents optional)."""

    model = Body
    url_name = "units:pick_bodies"
    placeholder = gettext_lazy("Find a body: dan van")
