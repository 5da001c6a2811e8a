"""Reporting periods a meeting reviews, resolved to exact dates (no Django).

The Party's reporting periods (domain guide §5; Kết luận 215-KL/TW) are a month,
a quarter, and the periods cumulative from 1 January: 4, 6 and 9 months and the
year. Each resolves to its first and last calendar day: "9 tháng 2018" is
01/01/2018–30/09/2018, "quý II/2021" 01/04/2021–30/06/2021, "tháng 2/2024"
01/02/2024–29/02/2024. A custom period carries its own dates.
"""

from __future__ import annotations

import datetime as dt

from danvan.extraction.numbers import period_from_months

MONTH = "month"
QUARTER = "quarter"
FOUR_MONTHS = "4m"
SIX_MONTHS = "6m"
NINE_MONTHS = "9m"
YEAR = "year"
CUSTOM = "custom"

# Periods cumulative from 1 January: their last month.
_CUMULATIVE = {FOUR_MONTHS: 4, SIX_MONTHS: 6, NINE_MONTHS: 9, YEAR: 12}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodError(ValueError):
    """A period that cannot be resolved (a month 13, a quarter V, no year)."""


def months_of(period_type: str, number: int | None) -> tuple[int, int]:
    """The first and last month of a non-custom period."""
    if period_type == MONTH:
        if number is None or not 1 <= number <= 12:
            raise PeriodError("A month period needs a month from 1 to 12.")
        return number, number
    if period_type == QUARTER:
        if number is None or not 1 <= number <= 4:
            raise PeriodError("A quarter period needs a quarter from 1 to 4.")
        return 3 * number - 2, 3 * number
    if period_type in _CUMULATIVE:
        return 1, _CUMULATIVE[period_type]
    raise PeriodError(f"Unknown period type {period_type!r}.")


def resolve_period(
    period_type: str,
    year: int | None,
    number: int | None = None,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a period, both inclusive.

    ``number`` is the month (1–12) or the quarter (1–4); a custom period
    returns ``start`` and ``end`` as given, once checked.
    """
    if period_type == CUSTOM:
        if start is None or end is None:
            raise PeriodError("A custom period needs a start and an end date.")
        if start > end:
            raise PeriodError("The period ends before it starts.")
        return start, end
    if year is None or not 1900 <= year <= 2200:
        raise PeriodError("A period needs a year.")
    first, last = months_of(period_type, number)
    span = period_from_months(year, first, last)
    return dt.date.fromisoformat(span["start"]), dt.date.fromisoformat(span["end"])


def period_label(
    period_type: str,
    year: int | None,
    number: int | None = None,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> str:
    """The period as Vietnamese documents write it: "quý II/2021", "9 tháng…"."""
    if not period_type:
        return ""
    if period_type == CUSTOM:
        if start and end:
            return f"từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
        return ""
    if period_type == MONTH:
        return f"tháng {number}/{year}"
    if period_type == QUARTER:
        return f"quý {ROMAN.get(number or 0, number)}/{year}"
    if period_type == YEAR:
        return f"năm {year}"
    return f"{_CUMULATIVE[period_type]} tháng đầu năm {year}"


def next_period(
    period_type: str, year: int | None, number: int | None
) -> tuple[int | None, int | None]:
    """The year and number of the period after this one of the same type.

    The next monthly giao ban reviews the next month; the next review of a
    cumulative period (9 months, a year) the same period of the next year.
    """
    if year is None:
        return None, number
    if period_type == MONTH and number:
        return (year + 1, 1) if number == 12 else (year, number + 1)
    if period_type == QUARTER and number:
        return (year + 1, 1) if number == 4 else (year, number + 1)
    if period_type in _CUMULATIVE:
        return year + 1, None
    return year, number
