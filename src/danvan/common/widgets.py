"""Number and date inputs typed the Vietnamese way in every browser.

``CleanTextMixin`` passes each field of every form through ``localize_field``:
a number field gets a text input showing "15.000.000" / "1,5" (read back by
``common.numbers.parse_number``), a date field a text input typed and shown
as dd/mm/yyyy. A browser's ``type=number`` or ``type=date`` would follow the
browser's language instead (mm/dd/yyyy in an English browser, "1.5").
Widgets of other kinds (hidden, admin, selects) are left as they are.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms

from danvan.common.dates import DATE_INPUT_FORMATS
from danvan.common.numbers import NumberError, format_number, parse_number

DATE_FORMAT = "%d/%m/%Y"
NUMBER_FIELDS = (forms.IntegerField, forms.DecimalField, forms.FloatField)
# Attributes that only mean something on type=number / type=date.
_BROWSER_ONLY = ("type", "step", "min", "max")


class NumberTextInput(forms.TextInput):
    """A number shown as "15.000.000" or "1,5"; years are not grouped."""

    def __init__(self, attrs: dict[str, Any] | None = None, *, grouping: bool = True):
        super().__init__(attrs)
        self.grouping = grouping

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, int | float | Decimal):
            return format_number(value, grouping=self.grouping)
        return cast("str | None", super().format_value(value))


class DateTextInput(forms.DateInput):
    """A date typed and shown as dd/mm/yyyy, with a calendar from danvan.js."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None):
        defaults = {
            "inputmode": "numeric",
            "placeholder": "dd/mm/yyyy",
            "autocomplete": "off",
            "data-datepicker": "",
        }
        super().__init__({**defaults, **(attrs or {})}, format=DATE_FORMAT)


def _kept_attrs(widget: forms.Widget) -> dict[str, Any]:
    return {k: v for k, v in widget.attrs.items() if k not in _BROWSER_ONLY}


def localize_field(name: str, field: forms.Field) -> None:
    """Give a number or date field its Vietnamese text input (once)."""
    if getattr(field, "_vn_localized", False):
        return
    field._vn_localized = True  # type: ignore[attr-defined]
    widget = field.widget
    if isinstance(field, NUMBER_FIELDS) and type(widget) in (
        forms.NumberInput,
        forms.TextInput,
    ):
        attrs = _kept_attrs(widget)
        # DecimalField and FloatField subclass IntegerField.
        whole = type(field) is forms.IntegerField
        attrs.setdefault("inputmode", "numeric" if whole else "decimal")
        grouping = not name.endswith("year")
        field.widget = NumberTextInput(attrs, grouping=grouping)
        field.localize = False
    elif type(field) is forms.DateField and type(widget) in (
        forms.DateInput,
        forms.TextInput,
    ):
        field.widget = DateTextInput(_kept_attrs(widget))
        field.input_formats = DATE_INPUT_FORMATS
        field.localize = False


def read_number(value: Any) -> Any:
    """A typed number in the form Django's fields read ("15000000", "1.5").

    A value that is not a number written either way is left as typed, so the
    field refuses it with its own message.
    """
    if not isinstance(value, str) or not value.strip():
        return value
    try:
        number = parse_number(value)
    except NumberError:
        return value
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
