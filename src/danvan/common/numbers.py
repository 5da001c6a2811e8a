"""Numbers typed and shown the Vietnamese way: "15.000.000", "1,5".

Reading rules for a typed value (forms and spreadsheet cells alike):

- "." or a space groups thousands, "," marks the decimals: "15.000.000" is
  fifteen million, "1.234,5" is 1234.5, "15 000 000" is fifteen million.
- A lone comma is always the decimal mark: "1,500" is one point five, never
  fifteen hundred (Vietnamese never groups with a comma).
- A lone dot followed by exactly three digits groups thousands: "1.500" is
  fifteen hundred. Any other lone dot is read as a decimal point ("1.5",
  "12.75"), since it cannot be a group and English keyboards type it.
- With both marks the Vietnamese order is required: dots before the comma.
  "1,234.5" (the English order) is refused rather than guessed.

Texts of documents are read by ``extraction.numbers``, which also takes
"331,618" as a group (counters written the English way in reports); a person
typing in a form means a decimal comma, hence this separate reader.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Spaces people and spreadsheets put between groups: ordinary, no-break, thin.
_SPACES = re.compile(r"[ \u00a0\u202f\u2009]+")
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")
_PLAIN = re.compile(r"\d+")
_FRACTION = re.compile(r"\d+")


class NumberError(ValueError):
    """A typed value that is not a number written either accepted way."""


def parse_number(text: str) -> Decimal:
    """Read "15.000.000" as 15000000 and "1,5" as 1.5 (rules in the module)."""
    value = _SPACES.sub("", text.strip())
    sign = ""
    if value[:1] in ("-", "\u2212"):
        sign, value = "-", value[1:]
    elif value[:1] == "+":
        value = value[1:]
    whole, comma, fraction = value.partition(",")
    if comma and not _FRACTION.fullmatch(fraction):
        raise NumberError(text)
    if _GROUPED.fullmatch(whole):
        whole = whole.replace(".", "")
    elif not comma and re.fullmatch(r"\d+\.\d+", whole):
        whole, _, fraction = whole.partition(".")
    elif not _PLAIN.fullmatch(whole):
        raise NumberError(text)
    try:
        return Decimal(f"{sign}{whole}.{fraction or '0'}")
    except InvalidOperation as error:
        raise NumberError(text) from error


def format_number(value: object, *, grouping: bool = True) -> str:
    """15000000 -> "15.000.000", Decimal("2.50") -> "2,5"; never E notation."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return str(value)
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        return str(value)
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, fraction = text.partition(".")
    if grouping:
        whole = f"{int(whole):,}".replace(",", ".")
    if whole == "0" and not fraction:
        sign = ""
    return sign + whole + ("," + fraction if fraction else "")
