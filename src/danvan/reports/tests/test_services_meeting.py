"""The giao ban takes the approved report as its paper: the meeting's page
lists it (to those who read it), at the same queries whatever their number."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.common.actors import system_actor
from danvan.meetings import services as meetings
from danvan.reports.models import Report
from danvan.reports.services import reports
from danvan.reports.tests.factories import ReportFactory, advance

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_meeting_page_lists_the_reports_presented(client, report, users, types):
    meeting = meetings.create_meeting(
        actor=system_actor(),
        convening_body=report.body,
        kind="giao_ban",
        title="Giao ban công tác dân vận quý I/2026",
        held_on=dt.date(2026, 3, 25),
    )
    client.force_login(users["commune"])
    url = meeting.get_absolute_url()
    client.get(url)  # the scope and the page's kept rows
    before = _queries(client, url)
    assert report.get_absolute_url() not in client.get(url).content.decode()

    advance(report, Report.Status.APPROVED, issued_on=dt.date(2026, 3, 18))
    reports.present_at(actor=users["commune"], report=report, meeting=meeting)
    page = client.get(url).content.decode()
    assert report.get_absolute_url() in page
    assert report.title in page
    assert "01-BC/ĐU" in page
    assert f"/reports/{report.pk}/report.docx" in page

    second = ReportFactory.create(
        report_type=types["commune"], body=report.body, period=("quarter", 2026, 2)
    )
    advance(second, Report.Status.APPROVED)
    reports.present_at(actor=system_actor(), report=second, meeting=meeting)
    assert second.get_absolute_url() in client.get(url).content.decode()
    # The same queries as without reports, whatever their number.
    client.get(url)
    assert _queries(client, url) == before

    # A reader who does not read the report's unit does not see it listed:
    # the sibling commune does not read the meeting either.
    client.force_login(users["sibling"])
    assert client.get(url).status_code == 404
