"""How dates and numbers are shown on every page, whatever the language.

In the template ``builtins`` (no ``{% load %}``): ``{{ day|vndate }}`` gives
05/12/2026, ``{{ moment|vndatetime }}`` 05/12/2026 14:30 in local time,
``{{ amount|vnnumber }}`` 15.000.000 and ``{{ score|vnnumber }}`` 1,5.
ISO strings (dates kept in JSON) are read and shown the same way.
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from danvan.common.numbers import format_number

register = template.Library()


def _as_date(value: object) -> dt.date | dt.datetime | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


@register.filter
def vndate(value: object) -> str:
    """A date (or an ISO string) as 05/12/2026; a moment in local time."""
    day = _as_date(value)
    if day is None:
        return "" if value in (None, "") else str(value)
    if isinstance(day, dt.datetime) and timezone.is_aware(day):
        day = timezone.localtime(day)
    return day.strftime("%d/%m/%Y")


@register.filter
def vndatetime(value: object) -> str:
    """A moment as 05/12/2026 14:30 in local time."""
    moment = _as_date(value)
    if not isinstance(moment, dt.datetime):
        return vndate(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%d/%m/%Y %H:%M")


@register.filter
def vnnumber(value: object) -> str:
    """15000000 -> 15.000.000, 1.5 -> 1,5; text is shown as it is."""
    return format_number(value)
