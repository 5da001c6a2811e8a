"""Filters of the register's pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def thousands(value: object) -> str:
    """12345678 -> "12.345.678", as Vietnamese figures are written."""
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return "" if value is None else str(value)
    return f"{number:,}".replace(",", ".")
