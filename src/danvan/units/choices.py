"""Bodies offered in forms: those in force on the row's date, told apart.

A dissolved body and its successor often share a name ("Ban Dân vận Tỉnh ủy
Lào Cai" before and after 1 July 2025), so every body choice names its area
and, when it has one, its validity; a row dated when the chosen body was not in
force is refused.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from danvan.units.models import Body
from danvan.units.widgets import BodyPicker


def _day(date: dt.date) -> str:
    return date.strftime("%d/%m/%Y")


def body_label(body: Body) -> str:
    """Name, area and validity: 'Ban Dân vận … — tỉnh Lào Cai (until 30/06/2025)'."""
    label = f"{body.name} — {body.area.full_name}"
    if body.valid_to:
        when = _("until %(date)s") % {"date": _day(body.valid_to)}
    elif body.valid_from:
        when = _("since %(date)s") % {"date": _day(body.valid_from)}
    else:
        return label
    return f"{label} ({when})"


if TYPE_CHECKING:
    # ModelChoiceField is generic in django-stubs only, not subscriptable at run time.
    _BodyFieldBase = forms.ModelChoiceField[Body]
else:
    _BodyFieldBase = forms.ModelChoiceField


class BodyChoiceField(_BodyFieldBase):
    """A body choice labelled by ``body_label``, chosen with a search."""

    widget = BodyPicker

    def label_from_instance(self, obj: Body) -> str:
        return body_label(obj)


def offer_bodies_on(form: forms.BaseForm, name: str, on: dt.date | None) -> None:
    """Offer in ``form.fields[name]`` only the bodies in force on ``on``.

    A bound form keeps every body of its scope, so that a body of the wrong
    date is refused by ``check_body_on`` with a clear message rather than as
    an unknown choice. Call it after the scope is restricted.
    """
    field: Any = form.fields[name]
    field.label_from_instance = body_label
    if on is not None and not form.is_bound:
        field.queryset = field.queryset.in_force(on)


def check_body_on(form: forms.BaseForm, name: str, on: dt.date | None) -> None:
    """Add an error to ``form`` when its body ``name`` was not in force on ``on``."""
    body = form.cleaned_data.get(name)
    if body is None or on is None or body.in_force(on):
        return
    form.add_error(name, ValidationError(body_not_in_force(body, on)))


def body_not_in_force(body: Body, on: dt.date) -> str:
    """The message for a row dated ``on`` filed under ``body``, not in force then."""
    return _("%(body)s was not in force on %(date)s; choose the body of that date.") % {
        "body": body_label(body),
        "date": _day(on),
    }
