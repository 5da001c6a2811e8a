"""The figures demo: the Lào Cai quarterly form, its communes' reports in
every state, the current quarter open for xã Trạm Tấu; loaded once, in a bounded number of queries."""

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from danvan.datasets import completeness as rates
from danvan.datasets import demo
from danvan.datasets.models import DataValue, Period, ReportForm, Submission
from danvan.datasets.reporters import reporters
from danvan.units import demo as units_demo

pytestmark = pytest.mark.django_db


def test_demo_figures_load_once_and_fast():
    demo.load_demo()  # without the demo units: nothing, no error
    assert not ReportForm.objects.exists()
    units_demo.load_demo()
    with CaptureQueriesContext(connection) as queries:
        demo.load_demo()
    demo.load_demo()
    # Every report through the services (each value audited): a bounded
    # number of queries (its time is for benchmarks, not for a unit test).
    assert len(queries) < 6000

    form = ReportForm.objects.get(code=demo.CODE)
    assert form.name == "Báo cáo công tác dân vận"
    assert form.owner_body.name == "Ban Tuyên giáo và Dân vận Tỉnh ủy Lào Cai"
    assert 12 <= form.items.count() <= 20
    assert form.sections.count() == 4
    severities = set(form.rules.values_list("severity", flat=True))
    assert severities == {"blocking", "warning"}

    statuses = dict(
        Submission.objects.filter(form=form)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    assert set(statuses) == set(Submission.Status.values)
    assert statuses["accepted"] > statuses["returned"]
    assert DataValue.objects.filter(submission__form=form).count() > 500
    returned = Submission.objects.filter(form=form, status="returned").first()
    assert returned is not None
    assert returned.note

    # Completeness of a past quarter looks real: late and missing reports.
    period = Period.objects.get(type="quarter", year=2025, number=4)
    bodies = reporters(form, period)
    assert bodies.count() >= 20
    from danvan.accounts.models import User

    approver = User.objects.get(username="tinh.laocai")
    totals = rates.totals(rates.completeness(form, period, None, approver))
    assert totals.total == bodies.count()
    assert totals.on_time > totals.total / 2
    assert totals.late
    assert totals.missing

    # The quarter under way: xã Trạm Tấu has yet to enter it.
    editor = User.objects.get(username="xa.tramtau")
    due = [d for d in rates.due_for(editor) if not d.overdue]
    assert [d.body_name for d in due] == ["Đảng ủy xã Trạm Tấu"]
    assert due[0].submission_id is None
