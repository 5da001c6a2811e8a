"""/api/v1/reports/: the list with its tabs and filters, the detail with
sections and comments, the workflow's steps (403 when the step is not the
user's, 404 out of scope), a section's PATCH with 409 on a conflict."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from danvan.reports.models import Report
from danvan.reports.services import reports
from danvan.reports.tests.factories import ReportFactory, advance

pytestmark = pytest.mark.django_db
Status = Report.Status
URL = "/api/v1/reports/"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, url: str, data: dict[str, Any] | None = None) -> Any:
    return client.post(url, data or {}, content_type="application/json")


def _patch(client: Client, url: str, data: dict[str, Any]) -> Any:
    return client.patch(url, data, content_type="application/json")


def test_list_and_detail(report, users, bodies, types):
    sibling = ReportFactory.create(
        report_type=types["commune"], body=bodies["sibling"], period=report.period
    )
    mine = _client(users["commune"]).get(URL).json()
    assert [row["id"] for row in mine["results"]] == [report.pk]
    row = mine["results"][0]
    assert row["title"] == "Kết quả thực hiện công tác dân vận quý I năm 2026"
    assert row["period_name"] == "quý I/2026"
    assert row["status"] == "draft"
    assert row["files"]["docx"] == f"/reports/{report.pk}/report.docx"
    assert "sections" not in row
    province = _client(users["province"]).get(URL).json()
    assert {r["id"] for r in province["results"]} == {report.pk, sibling.pk}
    assert province["count"] == 2

    detail = _client(users["commune"]).get(f"{URL}{report.pk}/").json()
    assert [s["key"] for s in detail["sections"]] == list(
        report.sections.values_list("key", flat=True)
    )
    assert detail["sections"][0]["version"] == 1
    assert detail["comments"] == []
    assert {k: detail[k] for k in row} == row
    # Another unit's report is a 404.
    assert _client(users["commune"]).get(f"{URL}{sibling.pk}/").status_code == 404


def test_list_tabs_and_filters(report, users, approvers, bodies, types):
    reports.submit(actor=users["commune"], report=report)
    waiting = _client(approvers["commune"]).get(URL + "?tab=approve").json()
    assert [r["id"] for r in waiting["results"]] == [report.pk]
    assert _client(users["commune"]).get(URL + "?tab=approve").json()["count"] == 0
    found = _client(users["province"]).get(URL + "?status=submitted").json()
    assert [r["id"] for r in found["results"]] == [report.pk]
    none = _client(users["province"]).get(URL + "?period=quarter:2026:2").json()
    assert none["count"] == 0


def test_the_workflow_through_the_api(report, users, approvers):
    editor = _client(users["commune"])
    approver = _client(approvers["commune"])
    assert _post(editor, f"{URL}{report.pk}/approve/").status_code == 403
    answer = _post(editor, f"{URL}{report.pk}/submit/")
    assert answer.status_code == 200
    assert answer.json()["status"] == "submitted"
    # A second submit: a 400 with the message.
    again = _post(editor, f"{URL}{report.pk}/submit/")
    assert again.status_code == 400
    assert again.json()["detail"]
    approved = _post(
        approver,
        f"{URL}{report.pk}/approve/",
        {"issued_on": "2026-03-18", "signer_name": "Nguyễn Văn A"},
    )
    assert approved.status_code == 200, approved.content
    body = approved.json()
    assert (body["status"], body["reference"], body["issued_on"]) == (
        "approved",
        "01-BC/ĐU",
        "2026-03-18",
    )
    assert body["signer_name"] == "Nguyễn Văn A"
    assert _post(editor, f"{URL}{report.pk}/send/").json()["status"] == "sent"
    # Returned from sent: the level above only, with a note.
    assert (
        _post(approver, f"{URL}{report.pk}/return/", {"note": "x"}).status_code == 403
    )
    above = _client(users["province"])
    assert _post(above, f"{URL}{report.pk}/return/").status_code == 400
    returned = _post(above, f"{URL}{report.pk}/return/", {"note": "Thiếu phụ lục"})
    assert returned.json()["status"] == "returned"
    assert returned.json()["note"] == "Thiếu phụ lục"


def test_out_of_scope_and_read_only_users_are_refused(report, users):
    sibling = _client(users["sibling"])
    assert _post(sibling, f"{URL}{report.pk}/submit/").status_code == 404
    viewer = _client(users["viewer"])
    assert _post(viewer, f"{URL}{report.pk}/submit/").status_code == 403
    assert Report.objects.get().status == Status.DRAFT


def test_patch_a_section_and_the_conflict_answers_409(report, users, approvers):
    section = report.sections.get(key="situation")
    url = f"{URL}{report.pk}/sections/{section.pk}/"
    first = _patch(
        _client(users["commune"]), url, {"text": "<p><b>Bản A</b></p>", "version": 1}
    )
    assert first.status_code == 200
    assert first.json()["text"] == "<p><strong>Bản A</strong></p>"
    assert first.json()["version"] == 2
    second = _patch(
        _client(approvers["editor2"]), url, {"text": "<p>Bản B</p>", "version": 1}
    )
    assert second.status_code == 409
    conflict = second.json()
    assert conflict["current"]["text"] == "<p><strong>Bản A</strong></p>"
    assert conflict["current"]["version"] == 2
    assert conflict["detail"]
    section.refresh_from_db()
    assert section.text == "<p><strong>Bản A</strong></p>"
    # Another unit's editor: 404; a viewer: 403; locked: 400.
    assert (
        _patch(_client(users["sibling"]), url, {"text": "x", "version": 2}).status_code
        == 404
    )
    assert (
        _patch(_client(users["viewer"]), url, {"text": "x", "version": 2}).status_code
        == 403
    )
    advance(report, Status.SUBMITTED)
    locked = _patch(_client(users["commune"]), url, {"text": "x", "version": 2})
    assert locked.status_code == 400


def test_the_list_reads_the_same_queries_for_more_reports(
    report, users, bodies, types, django_assert_max_num_queries
):
    client = _client(users["province"])
    client.get(URL)
    for number in (2, 3, 4):
        ReportFactory.create(
            report_type=types["commune"],
            body=bodies["sibling"],
            period=("quarter", 2026, number),
        )
    # The session, the user and the page (the count is kept).
    with django_assert_max_num_queries(4):
        answer = client.get(URL)
    assert answer.json()["count"] == 4
