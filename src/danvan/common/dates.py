"""Dates typed the Vietnamese way: 05/12/2026, 5/12/2026, 05-12-2026, ISO."""

from __future__ import annotations

import datetime as dt

# Day first in every form; ISO for values sent by scripts and old links.
# strptime's %d and %m also take one digit: "5/3/2026" is 05/03/2026.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


def parse_date(text: str | None) -> dt.date | None:
    """The date typed in ``text``, or None when it is not one."""
    value = (text or "").strip()
    for pattern in DATE_INPUT_FORMATS:
        try:
            return dt.datetime.strptime(value, pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None
