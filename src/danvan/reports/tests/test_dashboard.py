"""The home page's report items: waiting for the user's approval, returned
to them, due or overdue for their bodies, not sent by the units below; kept,
and changed at once when a report changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from danvan.common.dashboard import Item, counted, items_for
from danvan.reports import dashboard
from danvan.reports.models import Report
from danvan.reports.services import reports
from danvan.reports.tests.factories import ReportFactory, advance

pytestmark = pytest.mark.django_db
Status = Report.Status
WAITING = "Báo cáo chờ bạn phê duyệt"


@pytest.fixture
def today(monkeypatch):
    """Fixed on 05/12/2026: quarter IV under way (due 19/12), quarter III
    overdue since 19/09."""
    day = dt.date(2026, 12, 5)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day)
    return day


def _found(user) -> dict[str, Item]:
    return {item.label: item for item in counted(dashboard.items(user)) if item.count}


def test_a_writer_sees_the_reports_due_and_overdue(today, types, users, bodies):
    found = _found(users["commune"])
    name = types["commune"].name
    due = found[f"{name}, quý IV/2026: hạn gửi ngày 19/12/2026"]
    late = found[f"{name}, quý III/2026: quá hạn từ ngày 19/09/2026"]
    assert (due.count, due.urgent) == (1, False)
    assert (late.count, late.urgent) == (1, True)
    assert "/reports/new/?report_type=" in due.url
    # Opened, the item leads to the report; submitted, it is gone at once.
    report = ReportFactory.create(
        report_type=types["commune"],
        body=bodies["commune"],
        period=("quarter", 2026, 4),
    )
    found = _found(users["commune"])
    assert found[f"{name}, quý IV/2026: hạn gửi ngày 19/12/2026"].url == (
        report.get_absolute_url()
    )
    reports.submit(actor=users["commune"], report=report)
    found = _found(users["commune"])
    assert f"{name}, quý IV/2026: hạn gửi ngày 19/12/2026" not in found
    # Not the sibling commune's: another unit's reports are not the user's.
    assert all(item.count == 1 for item in found.values())


def test_waiting_for_approval_and_returned(today, report, users, approvers):
    reports.submit(actor=users["commune"], report=report)
    waiting = _found(approvers["commune"])[WAITING]
    assert waiting.count == 1
    assert waiting.url == "/reports/?tab=approve"
    assert WAITING not in _found(users["commune"])
    reports.return_(actor=approvers["commune"], report=report, note="Sửa số liệu")
    returned = _found(users["commune"])["Báo cáo bị trả lại để sửa"]
    assert returned.count == 1
    assert WAITING not in _found(approvers["commune"])


def test_the_level_above_sees_what_the_units_below_have_not_sent(
    today, types, users, bodies
):
    label = f"{types['commune'].name}, quý III/2026: báo cáo cấp dưới chưa gửi"
    assert _found(users["province"])[label].count == 2
    late = ReportFactory.create(
        report_type=types["commune"],
        body=bodies["commune"],
        period=("quarter", 2026, 3),
    )
    advance(late, Status.SENT)
    item = _found(users["province"])[label]
    assert item.count == 1
    assert "tab=below" in item.url
    # The communes do not judge themselves.
    assert label not in _found(users["commune"])


def test_the_home_items_are_kept(today, types, users, django_assert_num_queries):
    user = users["commune"]
    first = dashboard.items(user)
    with django_assert_num_queries(0):
        assert dashboard.items(user) == first
    labels = [item.label for item in items_for(user)]
    assert any("quý IV/2026" in label for label in labels)
