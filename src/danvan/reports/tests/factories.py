"""factory-boy factories of reports, made through the reports' services: a
report type (with the default outline) and a body's report of a period (with
the system's draft), and a helper that takes a report along the workflow."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from factory.django import DjangoModelFactory

from danvan.common.actors import system_actor
from danvan.reports.models import Report, ReportType


class ReportTypeFactory(DjangoModelFactory[ReportType]):
    """A quarterly report type of ``owner_body``, written by the Party
    committees of the communes under ``area`` (the owner's area by default)."""

    class Meta:
        model = ReportType

    code = factory.Sequence(lambda n: f"bc-thu-{n + 1}")
    name = factory.Sequence(lambda n: f"Báo cáo công tác dân vận thử số {n + 1}")
    period_type = "quarter"
    reporter_level = "commune"
    reporter_kinds = factory.LazyFunction(lambda: ["party_committee"])

    @classmethod
    def _create(
        cls, model_class: type[ReportType], *args: Any, **kwargs: Any
    ) -> ReportType:
        from danvan.reports.services.types import create_report_type

        kwargs.setdefault("area", kwargs["owner_body"].area)
        return create_report_type(actor=system_actor(), **kwargs)


class ReportFactory(DjangoModelFactory[Report]):
    """The report of ``body`` for ``report_type`` and ``period`` (a
    ``datasets.Period``, or ``(type, year, number)``), opened with the draft."""

    class Meta:
        model = Report

    period = ("quarter", 2026, 1)

    @classmethod
    def _create(cls, model_class: type[Report], *args: Any, **kwargs: Any) -> Report:
        from danvan.datasets.models import Period
        from danvan.reports.services import reports

        period = kwargs.pop("period")
        if isinstance(period, tuple):
            period = Period.objects.of(*period)
        actor = kwargs.pop("actor", None) or system_actor()
        return reports.open_report(actor=actor, period=period, **kwargs)


def advance(report: Report, status: str, *, issued_on: dt.date | None = None) -> Report:
    """Take ``report`` (a draft) along the workflow to ``status``, as the
    system: submitted, approved (numbered: the body needs its term), sent,
    or returned (from submitted)."""
    from danvan.reports.services import reports

    actor = system_actor()
    if status == Report.Status.DRAFT:
        return report
    reports.submit(actor=actor, report=report)
    if status == Report.Status.RETURNED:
        return reports.return_(actor=actor, report=report, note="Bổ sung số liệu.")
    if status == Report.Status.SUBMITTED:
        return report
    reports.approve(actor=actor, report=report, issued_on=issued_on or report.span_end)
    if status == Report.Status.SENT:
        reports.send(actor=actor, report=report)
    return report
