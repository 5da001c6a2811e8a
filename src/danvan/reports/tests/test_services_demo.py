"""The reports demo: the three report types of Lào Cai, the communes'
reports of the past quarters in every state, the quarter under way open for
xã Trạm Tấu (approved by duyet.tramtau), the province's report beside its
communes' reports sent; loaded once."""

from __future__ import annotations

import pytest
from django.db.models import Count

from danvan.accounts.models import User
from danvan.datasets import demo as datasets_demo
from danvan.meetings import demo as meetings_demo
from danvan.reports import demo, merge
from danvan.reports.models import Report, ReportType
from danvan.units import demo as units_demo

pytestmark = pytest.mark.django_db


def test_demo_reports_load_once_in_every_state():
    demo.load_demo()  # without the demo units: nothing, no error
    assert not ReportType.objects.exists()
    units_demo.load_demo()
    meetings_demo.load_demo()
    datasets_demo.load_demo()
    demo.load_demo()
    demo.load_demo()

    assert set(ReportType.objects.values_list("code", flat=True)) == {
        demo.COMMUNES,
        demo.PROVINCE,
        demo.YEAR,
    }
    communes = ReportType.objects.get(code=demo.COMMUNES)
    assert list(communes.forms.values_list("code", flat=True)) == [demo.FORM]
    statuses = dict(
        Report.objects.filter(report_type=communes)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    assert set(statuses) == set(Report.Status.values)
    assert statuses["sent"] > statuses["returned"]
    returned = Report.objects.filter(status="returned").first()
    assert returned is not None
    assert returned.note
    sent = Report.objects.filter(status="sent").first()
    assert sent is not None
    assert sent.reference.endswith("-BC/ĐU") or sent.reference.endswith("-BC/TU")
    assert sent.document is not None
    assert sent.document.attachments.exists()

    # xã Trạm Tấu: the quarter under way open, its approver's account.
    duyet = User.objects.get(username="duyet.tramtau")
    membership = duyet.memberships.get()
    assert membership.area is not None
    assert membership.area.code == demo.TRAM_TAU
    assert membership.role == membership.Role.APPROVER
    current = Report.objects.filter(
        report_type=communes, body__area__code=demo.TRAM_TAU
    ).latest("span_end")
    assert current.status == Report.Status.DRAFT

    # Its last report sent is the paper of its next giao ban.
    presented = Report.objects.exclude(meeting=None).get()
    assert presented.body.area.code == demo.TRAM_TAU
    assert presented.meeting is not None
    assert presented.issued_on is not None
    assert presented.meeting.held_on >= presented.issued_on

    # The province's open report sees its communes' reports sent up.
    province = Report.objects.get(report_type__code=demo.PROVINCE, status="draft")
    below = merge.below(province)
    assert below.sent >= 3
    assert below.missing
    assert below.expected == below.sent + len(below.missing)
