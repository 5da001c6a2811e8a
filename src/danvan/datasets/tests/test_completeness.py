"""Completeness of a form's period: on time, late, returned, being entered,
missing; reporters through lineage; the page (drill down, query count pinned
with few and many bodies), its XLSX, the API and the command."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from danvan.common.actors import system_actor
from danvan.datasets import completeness as rates
from danvan.datasets import periods as cutoffs
from danvan.datasets.kept import FIGURES
from danvan.datasets.models import FormIndicator, Submission
from danvan.datasets.services import approval
from danvan.datasets.tests.factories import (
    DataValueFactory,
    PeriodFactory,
    ReportFormFactory,
    SubmissionFactory,
)
from danvan.units import services as units
from danvan.units.models import Area, Body

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 6)
Status = Submission.Status


def _submit(submission, *, on: dt.date) -> None:
    item = FormIndicator.objects.filter(form=submission.form).first()
    if item is not None:
        DataValueFactory.create(
            submission=submission, indicator=item.indicator, number=Decimal(1)
        )
    approval.submit(actor=system_actor(), submission=submission)
    moment = timezone.make_aware(dt.datetime.combine(on, dt.time(10)))
    Submission.objects.filter(pk=submission.pk).update(submitted_at=moment)


def _committee(area: Area, name: str, **dates) -> Body:
    return units.create_body(
        actor=system_actor(),
        name=name,
        kind=Body.Kind.PARTY_COMMITTEE,
        area=area,
        **dates,
    )


@pytest.fixture
def reports(quarterly, period, bodies, tree):
    """Four communes' reports of quarter III/2026 (due 19/09/2026): xã Trạm
    Tấu on time, xã Hạnh Phúc late, a third returned, a fourth missing."""
    communes = list(
        Area.objects.filter(parent=tree["province"], level="commune")
        .in_force(timezone.localdate())
        .exclude(pk__in=[tree["commune"].pk, tree["sibling"].pk])
        .order_by("code")[:2]
    )
    third = _committee(communes[0], "Đảng ủy xã Thứ Ba")
    fourth = _committee(communes[1], "Đảng ủy xã Thứ Tư")
    due = cutoffs.due_on(quarterly, period)
    on_time = SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"]
    )
    _submit(on_time, on=due)
    late = SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["sibling"]
    )
    _submit(late, on=due + dt.timedelta(days=3))
    returned = SubmissionFactory.create(form=quarterly, period=period, body=third)
    _submit(returned, on=due)
    approval.return_(actor=system_actor(), submission=returned, note="Bổ sung")
    return {
        "on_time": on_time,
        "late": late,
        "returned": returned,
        "missing": fourth,
        "due": due,
    }


def _statuses(rows):
    return {row.body_name: row.status for row in rows}


def test_each_body_has_its_status(quarterly, period, reports, users):
    rows = rates.completeness(quarterly, period, None, users["province"], today=TODAY)
    assert _statuses(rows) == {
        "Đảng ủy xã Trạm Tấu": rates.ON_TIME,
        "Đảng ủy xã Hạnh Phúc": rates.LATE,
        "Đảng ủy xã Thứ Ba": rates.RETURNED,
        "Đảng ủy xã Thứ Tư": rates.MISSING,
    }
    totals = rates.totals(rows)
    assert totals.total == 4
    assert (totals.on_time, totals.late, totals.returned, totals.missing) == (
        1,
        1,
        1,
        1,
    )
    assert totals.submitted_percent == 50.0
    assert totals.on_time_percent == 25.0
    # The Front of xã Trạm Tấu does not report the form.
    assert "Ủy ban MTTQ Việt Nam xã Trạm Tấu" not in _statuses(rows)


def test_a_draft_is_being_entered_until_the_deadline_then_missing(
    quarterly, period, bodies, users
):
    SubmissionFactory.create(form=quarterly, period=period, body=bodies["commune"])
    due = cutoffs.due_on(quarterly, period)
    before = rates.completeness(quarterly, period, None, users["province"], today=due)
    after = rates.completeness(
        quarterly, period, None, users["province"], today=due + dt.timedelta(days=1)
    )
    assert _statuses(before)["Đảng ủy xã Trạm Tấu"] == rates.DRAFT
    assert _statuses(after)["Đảng ủy xã Trạm Tấu"] == rates.MISSING


def test_a_commune_sees_only_its_own_body(quarterly, period, reports, users):
    rows = rates.completeness(quarterly, period, None, users["commune"], today=TODAY)
    assert _statuses(rows) == {"Đảng ủy xã Trạm Tấu": rates.ON_TIME}


def test_reporters_through_lineage(bodies, tree, users):
    """Quarter I/2024: the former xã Pá Lau's Party committee reports under
    today's tỉnh Lào Cai and today's xã Trạm Tấu."""
    pa_lau = _committee(
        tree["pa_lau"], "Đảng ủy xã Pá Lau", valid_to=dt.date(2025, 6, 30)
    )
    form = ReportFormFactory.create(owner_body=bodies["province"])
    old = PeriodFactory.create(year=2024, number=1)
    report = SubmissionFactory.create(form=form, period=old, body=pa_lau)
    _submit(report, on=cutoffs.due_on(form, old))
    rows = rates.completeness(form, old, None, users["province"], today=TODAY)
    assert _statuses(rows)["Đảng ủy xã Pá Lau"] == rates.ON_TIME
    under = rates.completeness(form, old, tree["commune"], users["province"])
    assert "Đảng ủy xã Pá Lau" in _statuses(under)
    beside = rates.completeness(form, old, tree["sibling"], users["province"])
    assert "Đảng ủy xã Pá Lau" not in _statuses(beside)
    # Its row lies under the former commune, drilled down from today's.
    (group,) = [g for g in rates.groups(under) if g.name == tree["pa_lau"].full_name]
    assert group.totals.on_time == 1


def test_groups_by_sub_area(quarterly, period, reports, users, tree):
    rows = rates.completeness(quarterly, period, None, users["province"], today=TODAY)
    groups = rates.groups(rows)
    assert len(groups) == 4
    named = {g.name: g.totals.total for g in groups}
    assert named[tree["commune"].full_name] == 1


def _page(client, form, period, **params):
    query = {"period": rates.period_spec(period), **params}
    return client.get(reverse("datasets:completeness", args=[form.pk]), query)


def test_page_counts_and_drills_down(quarterly, period, reports, users, tree):
    # A second reporting body in xã Trạm Tấu: its area is worth a row.
    _committee(tree["commune"], "Đảng ủy Khối cơ quan xã Trạm Tấu")
    client = Client()
    client.force_login(users["province"])
    response = _page(client, quarterly, period)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Đảng ủy xã Thứ Tư" in text
    assert f"?period=quarter:2026:3&amp;area={tree['commune'].pk}" in text
    assert "50%" in text.replace(",0", "")  # 1 of 2 bodies in xã Trạm Tấu
    down = _page(client, quarterly, period, area=tree["commune"].pk)
    assert "Đảng ủy xã Trạm Tấu" in down.content.decode()
    assert "Đảng ủy Khối cơ quan xã Trạm Tấu" in down.content.decode()
    assert "Đảng ủy xã Hạnh Phúc" not in down.content.decode()
    late_only = _page(client, quarterly, period, status="late")
    body = late_only.content.decode()
    assert "Đảng ủy xã Hạnh Phúc" in body
    assert "Đảng ủy xã Thứ Ba" not in body


def test_page_of_a_commune_never_names_the_sibling(quarterly, period, reports, users):
    client = Client()
    client.force_login(users["commune"])
    text = _page(client, quarterly, period).content.decode()
    assert "Đảng ủy xã Trạm Tấu" in text
    assert "Đảng ủy xã Hạnh Phúc" not in text


def test_xlsx_is_the_same_table(quarterly, period, reports, users):
    client = Client()
    client.force_login(users["province"])
    response = _page(client, quarterly, period, format="xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2] in ("Reporting body", "Đơn vị báo cáo")
    bodies = {row[2]: row[3] for row in rows[1:]}
    assert set(bodies) == {
        "Đảng ủy xã Trạm Tấu",
        "Đảng ủy xã Hạnh Phúc",
        "Đảng ủy xã Thứ Ba",
        "Đảng ủy xã Thứ Tư",
    }
    assert sheet.title == "quý III-2026"


def test_page_queries_do_not_grow_with_the_bodies(
    quarterly, period, reports, users, tree
):
    client = Client()
    client.force_login(users["province"])
    _page(client, quarterly, period)  # the scope, kept
    with CaptureQueriesContext(connection) as few_kept:
        _page(client, quarterly, period)
    # The page below its title is kept: session, user, form.
    kept_count = len(few_kept)  # read now: the next request empties the log
    assert kept_count == 3
    FIGURES.forget()
    with CaptureQueriesContext(connection) as few:
        _page(client, quarterly, period)
    # Computed: session, user, form, period, the lineage walks of the form's
    # area (the reporters', the sub-areas'), the submissions, the bodies, the
    # sub-areas.
    count = len(few)
    assert count == 11
    communes = Area.objects.filter(parent=tree["province"], level="commune").exclude(
        bodies__kind=Body.Kind.PARTY_COMMITTEE
    )[:30]
    for commune in communes:
        body = _committee(commune, f"Đảng ủy {commune.full_name}")
        _submit(
            SubmissionFactory.create(form=quarterly, period=period, body=body),
            on=reports["due"],
        )
    _page(client, quarterly, period)  # the new scope, kept
    FIGURES.forget()
    with CaptureQueriesContext(connection) as many:
        response = _page(client, quarterly, period)
    assert len(many) == count
    assert response.context["totals"].total == 34
    with CaptureQueriesContext(connection) as many_kept:
        kept = _page(client, quarterly, period)
    assert len(many_kept) == kept_count
    # The same page, but for the CSRF token (masked anew on each response).
    token = re.compile(rb'(X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+')
    assert token.sub(rb"\1", kept.content) == token.sub(rb"\1", response.content)


def test_kept_page_shows_a_change_at_once(quarterly, period, reports, users):
    """The kept page is forgotten when a submission changes: a returned
    report sent again is on time at once."""
    client = Client()
    client.force_login(users["province"])
    before = _page(client, quarterly, period).context["totals"]
    assert before.returned == 1
    approval.submit(actor=system_actor(), submission=reports["returned"])
    after = _page(client, quarterly, period)
    assert after.context["totals"].returned == 0
    assert after.context["totals"].submitted == before.submitted + 1
    assert "Đảng ủy xã Thứ Ba" in after.content.decode()


def test_api_completeness(quarterly, period, reports, users):
    client = Client()
    client.force_login(users["province"])
    response = client.get(
        "/api/v1/completeness/",
        {"form": quarterly.pk, "period": "quarter:2026:3"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    data = response.json()
    assert data["totals"]["total"] == 4
    assert data["totals"]["late"] == 1
    assert {r["status"] for r in data["rows"]} == {
        "on_time",
        "late",
        "returned",
        "missing",
    }
    bad = client.get(
        "/api/v1/completeness/",
        {"form": quarterly.pk, "period": "month:2026:3"},
        HTTP_ACCEPT="application/json",
    )
    assert bad.status_code == 400
    assert "period" in bad.json()


def test_command_prints_and_writes_xlsx(quarterly, period, reports, tmp_path):
    out = io.StringIO()
    target = tmp_path / "bc.xlsx"
    call_command(
        "completeness",
        "--form",
        quarterly.code,
        "--period",
        "quarter:2026:3",
        "--xlsx",
        str(target),
        stdout=out,
    )
    text = out.getvalue()
    assert "Đảng ủy xã Thứ Tư" in text
    assert "Tổng: 4" in text
    assert load_workbook(target).active.max_row == 5


def test_periods_named_and_due(quarterly):
    assert rates.parse_period("quarter:2026:1") == ("quarter", 2026, 1)
    assert rates.parse_period("quarter:2026:5") is None
    assert rates.parse_period("year:2025") == ("year", 2025, None)
    assert rates.parse_period("'; drop") is None
    assert rates.recent_periods("quarter", today=TODAY, count=3) == [
        ("quarter", 2026, 4),
        ("quarter", 2026, 3),
        ("quarter", 2026, 2),
    ]
    # 06/12: quarter IV is under way (due 19/12); quarter III's deadline passed.
    assert rates.due_periods(quarterly, today=TODAY) == [("quarter", 2026, 4)]
    assert rates.due_periods(quarterly, today=dt.date(2026, 10, 2)) == [
        ("quarter", 2026, 4)
    ]
    assert rates.due_periods(quarterly, today=dt.date(2026, 9, 18)) == [
        ("quarter", 2026, 3)
    ]
