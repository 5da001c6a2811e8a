"""When a report type's report is due and whose work it carries.

A report type names its writers by rule, as a figures form names its
reporters (``datasets.reporters``), and keeps the cut-off and deadline of
Nghị định 09/2019/NĐ-CP the same way (``datasets.periods``): both take any
object with the rule (``ReporterRule``, ``CutoffRule``), so a report type and
a form of the same period agree on the span and the deadline.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from danvan.datasets import periods as cutoffs
from danvan.datasets import reporters as reporting

if TYPE_CHECKING:
    from danvan.datasets.models import Period
    from danvan.reports.models import ReportType
    from danvan.units.models import Area, BodyQuerySet


def reporters(
    report_type: ReportType, period: Period, under: Area | None = None
) -> BodyQuerySet:
    """The bodies that write ``report_type`` for ``period``: those of its
    kinds at its level under its area (through lineage), in force during the
    period (under ``under`` if given), in the order of the tree."""
    return reporting.reporters(report_type, period, under)


def span(report_type: ReportType, period: Period) -> tuple[dt.date, dt.date]:
    """The first and last day whose facts the period's report carries (the
    type's cut-off day; 1 is the calendar period)."""
    return cutoffs.form_cutoff(report_type, period)


def due_on(report_type: ReportType, period: Period) -> dt.date:
    """The last day to send the period's report without being late."""
    return cutoffs.due_on(report_type, period)
