"""Vietnamese numbers, amounts, dates and reporting periods.

- Numbers: "." groups thousands and "," marks decimals ("2.943" = 2943,
  "1,2" = 1.2); "331,618" with a three-digit tail after a comma is a
  thousands group too (counters written the English way).
- Amounts: "350 triệu đồng", "1,2 tỷ đồng", "gần 1,1 tỷ", "500 nghìn đồng".
- Dates: "03/01/2020", "5-3-2019", "20.10.2015", "ngày 15 tháng 9 năm 2025",
  year-less "03/10" and "30-6" completed with a year from context.
- Periods: "4 tháng đầu năm 2020", "6 tháng đầu năm", "quý I năm 2021",
  "Quý II/2021", "năm 2021".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"

_UNITS = {
    "nghìn": 1_000,
    "ngàn": 1_000,
    "triệu": 1_000_000,
    "tỷ": 1_000_000_000,
    "tỉ": 1_000_000_000,
}


def parse_number(text: str) -> float:
    """Read "2.943" as 2943 and "1,2" as 1.2 (and "331,618" as 331618)."""
    text = text.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
        text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    return float(text)


def as_int_if_whole(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def parse_amount(number: str, unit: str | None) -> int | float:
    """An amount in đồng: "1,2" "tỷ" -> 1200000000."""
    value = parse_number(number)
    if unit:
        value *= _UNITS[unit.lower()]
    return as_int_if_whole(round(value, 3))


def make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# A full date: day, month, year with "/", "-" or "." between.
FULL_DATE = re.compile(
    r"(?<![\d/.-])(\d{1,2})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?(\d{4})(?![\d/-])"
)
WORDY_DATE = re.compile(
    r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE
)
SHORT_DATE = re.compile(
    r"(?<![\d/.-])(\d{1,2})\s?[/-]\s?(\d{1,2})(?![\d/-]|\s?[/-]\s?\d)"
)


def find_full_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Every complete date in ``text`` as (start, end, date), in order."""
    found = []
    for pattern in (FULL_DATE, WORDY_DATE):
        for m in pattern.finditer(text):
            day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
            date = make_date(year, month, day)
            if date and 1900 <= year <= 2100:
                found.append((m.start(), m.end(), date))
    return sorted(found)


def parse_date(text: str, year: int | None = None) -> dt.date | None:
    """The first date in ``text``; a year-less one takes ``year``."""
    dates = find_full_dates(text)
    if dates:
        return dates[0][2]
    if year is None:
        return None
    m = SHORT_DATE.search(text)
    if m:
        return make_date(year, int(m.group(2)), int(m.group(1)))
    return None


ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_from_months(year: int, first: int, last: int) -> dict[str, str]:
    return {
        "start": dt.date(year, first, 1).isoformat(),
        "end": month_end(year, last).isoformat(),
    }
