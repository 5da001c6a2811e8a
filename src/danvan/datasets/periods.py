"""The cut-off and deadline of a form's period (Nghị định 09/2019/NĐ-CP, art. 12).

A State administrative report's figures run from the 15th of the month before
the period to the 14th of its last month: month = 15/(m-1) → 14/m; quarter I =
15/12 → 14/3; 6 months = 15/12 of the year before → 14/6; year = 15/12 →
14/12 (domain guide §5). A form keeps the day (``ReportForm.cutoff_day``, 15
by default; 1 is the calendar period) and the days allowed to report after the
cut-off (``deadline_days``). Periods cumulative from 1 January start their
cut-off in the December before, like the year.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Protocol

from danvan.meetings import periods

if TYPE_CHECKING:
    from danvan.datasets.models import Period


class CutoffRule(Protocol):
    """What sets a period's span and deadline: a figures form
    (``ReportForm``) or a periodic report's type (``reports.ReportType``)."""

    @property
    def cutoff_day(self) -> int: ...

    @property
    def deadline_days(self) -> int: ...


def cutoff_span(
    cutoff_day: int, period_type: str, start: dt.date, end: dt.date
) -> tuple[dt.date, dt.date]:
    """The first and last day whose figures a period's report carries."""
    if cutoff_day <= 1 or period_type == periods.CUSTOM:
        return start, end
    day = min(cutoff_day, 28)
    before = start.replace(day=1) - dt.timedelta(days=1)  # last day of the month before
    return before.replace(day=day), end.replace(day=day - 1)


def form_cutoff(form: CutoffRule, period: Period) -> tuple[dt.date, dt.date]:
    return cutoff_span(form.cutoff_day, period.type, period.start, period.end)


def due_on(form: CutoffRule, period: Period) -> dt.date:
    """The last day to submit the form for the period without being late."""
    return form_cutoff(form, period)[1] + dt.timedelta(days=form.deadline_days)


def previous(period: Period) -> tuple[str, int | None, int | None]:
    """The type, year and number of the period before ``period`` (same type):
    the month or quarter before; the same cumulative period a year earlier."""
    if period.type == periods.MONTH and period.number and period.year:
        if period.number == 1:
            return period.type, period.year - 1, 12
        return period.type, period.year, period.number - 1
    if period.type == periods.QUARTER and period.number and period.year:
        if period.number == 1:
            return period.type, period.year - 1, 4
        return period.type, period.year, period.number - 1
    year = period.year - 1 if period.year else None
    return period.type, year, period.number
