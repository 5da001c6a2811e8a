"""The report pages: the list and its tabs, a new report, the report's page
(editors only for the unit's writers), saving a section (JSON for the
editor, a 409 with the other text on a conflict, never overwritten; a form
without JavaScript), history and restore, comments (last period's by
figure), the units below beside a section, and the workflow steps by role.
Query counts are pinned."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from conftest import make_user
from danvan.accounts.models import Membership
from danvan.common.actors import system_actor
from danvan.reports.models import Report, ReportComment, ReportSection
from danvan.reports.services import reports as services
from danvan.reports.tests.factories import ReportFactory, advance
from danvan.reports.views.reports import blocks, numbered

pytestmark = pytest.mark.django_db
D = dt.date
Status = Report.Status
JSON = {"HTTP_ACCEPT": "application/json"}


def _page(client, report: Report):
    return client.get(reverse("reports:report_detail", args=[report.pk]))


def _section(report: Report, key: str = "situation") -> ReportSection:
    return report.sections.get(key=key)


def _save(client, report, section, text, version, **extra):
    url = reverse("reports:section_save", args=[report.pk, section.pk])
    return client.post(url, {"text": text, "version": version}, **extra)


# --- pure helpers -----------------------------------------------------------------


def test_blocks_split_top_level_paragraphs_and_lists():
    html = (
        "<p>Một</p><ul><li>a<ul><li>b</li></ul></li></ul><p>Hai <strong>x</strong></p>"
    )
    assert blocks(html) == [
        "<p>Một</p>",
        "<ul><li>a<ul><li>b</li></ul></li></ul>",
        "<p>Hai <strong>x</strong></p>",
    ]
    assert blocks("chữ trần") == ["<p>chữ trần</p>"]
    assert blocks("") == []


def test_sections_are_numbered_as_the_paper_numbers_them(report):
    sections = list(report.sections.order_by("order"))
    numbers = numbered(sections)
    assert numbers[0] == "I."
    levels = [s.level for s in sections]
    first_part = levels.index(2)
    assert numbers[first_part] == "1."
    assert numbers[first_part + 1] == "2."


# --- the list ---------------------------------------------------------------------


def test_list_tabs_mine_to_approve_and_from_below(
    client, report, users, approvers, types, bodies, django_assert_max_num_queries
):
    url = reverse("reports:list")
    client.force_login(users["commune"])
    client.get(url)  # the reader's scope is computed once, then kept
    with django_assert_max_num_queries(5):
        page = client.get(url)
    assert page.status_code == 200
    assert f'id="report-{report.pk}"' in page.text
    # The province does not write the commune's report: not "mine".
    client.force_login(users["province"])
    assert f'id="report-{report.pk}"' not in client.get(url).text
    advance(report, Status.SUBMITTED)
    # Waiting for the commune's approver (its own unit's approval).
    client.force_login(approvers["commune"])
    page = client.get(url, {"tab": "approve"})
    assert f'id="report-{report.pk}"' in page.text
    client.force_login(users["sibling"])
    assert f'id="report-{report.pk}"' not in client.get(url, {"tab": "approve"}).text
    # Sent: the province reads it among its communes' reports.
    services.approve(actor=system_actor(), report=report, issued_on=D(2026, 3, 16))
    services.send(actor=system_actor(), report=report)
    client.force_login(users["province"])
    client.get(url, {"tab": "below"})
    with django_assert_max_num_queries(5):
        page = client.get(url, {"tab": "below"})
    assert f'id="report-{report.pk}"' in page.text
    assert "Đảng ủy xã Trạm Tấu" in page.text


def test_list_filters_by_type_period_status_and_area(client, report, users, tree):
    client.force_login(users["commune"])
    url = reverse("reports:list")
    marker = f'id="report-{report.pk}"'
    assert marker in client.get(url, {"period": "quarter:2026:1"}).text
    assert marker not in client.get(url, {"period": "quarter:2025:4"}).text
    assert marker in client.get(url, {"status": "draft"}).text
    assert marker not in client.get(url, {"status": "sent"}).text
    assert marker in client.get(url, {"report_type": report.report_type_id}).text
    assert marker in client.get(url, {"area": tree["commune"].pk}).text
    assert marker not in client.get(url, {"area": tree["village"].pk}).text
    assert marker in client.get(url, {"q": "tram tau"}).text
    # htmx asks for the rows alone.
    rows = client.get(url, {"q": "tram"}, HTTP_HX_REQUEST="true")
    assert marker in rows.text
    assert "<nav" not in rows.text


# --- a new report -----------------------------------------------------------------


def test_create_opens_the_draft_and_then_the_same_report(client, users, types, bodies):
    client.force_login(users["commune"])
    url = reverse("reports:create")
    assert client.get(url).status_code == 200
    data = {"report_type": types["commune"].pk, "period": "quarter:2026:1"}
    response = client.post(url, data)
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == report.get_absolute_url()
    assert report.body == bodies["commune"]
    assert report.sections.count() == types["commune"].outline.count()
    assert client.post(url, data)["Location"] == report.get_absolute_url()
    assert Report.objects.count() == 1


def test_create_refuses_a_wrong_period_kind_and_a_body_of_another_unit(
    client, users, types, bodies
):
    client.force_login(users["commune"])
    url = reverse("reports:create")
    wrong = client.post(
        url, {"report_type": types["commune"].pk, "period": "year:2026"}
    )
    assert wrong.status_code == 200
    other = client.post(
        url,
        {
            "report_type": types["commune"].pk,
            "period": "quarter:2026:1",
            "body": bodies["sibling"].pk,
        },
    )
    assert other.status_code == 200
    assert not Report.objects.exists()
    # A viewer writes no report.
    client.force_login(users["viewer"])
    assert client.get(url).status_code == 403


# --- the report's page --------------------------------------------------------------


def test_page_offers_editors_to_the_unit_and_shows_text_to_readers(
    client, report, users, django_assert_max_num_queries
):
    section = _section(report)
    services.save_section(
        actor=users["commune"],
        section=section,
        text="<p>Nhân dân <strong>phấn khởi</strong>.</p>",
        version=section.version,
    )
    client.force_login(users["commune"])
    _page(client, report)
    # The session, the user, the report, its sections and its comments (last
    # periods' comments are kept).
    with django_assert_max_num_queries(5):
        page = _page(client, report)
    assert page.status_code == 200
    assert "data-editor" in page.text
    assert "reports/editor.js" in page.text
    assert reverse("reports:submit", args=[report.pk]) in page.text
    # The stored HTML is written as it is in the textarea, escaped.
    assert "&lt;strong&gt;phấn khởi&lt;/strong&gt;" in page.text
    # The viewer reads the text, with no editor and no step.
    client.force_login(users["viewer"])
    page = _page(client, report)
    assert "data-editor" not in page.text
    assert "<strong>phấn khởi</strong>" in page.text
    assert reverse("reports:submit", args=[report.pk]) not in page.text
    # Another commune does not see it.
    client.force_login(users["sibling"])
    assert _page(client, report).status_code == 404


def test_page_of_a_submitted_report_offers_approval_to_the_approver_only(
    client, report, users, approvers
):
    advance(report, Status.SUBMITTED)
    approve_url = reverse("reports:approve", args=[report.pk])
    client.force_login(users["commune"])
    page = _page(client, report)
    assert "data-editor" not in page.text
    assert approve_url not in page.text
    client.force_login(approvers["commune"])
    page = _page(client, report)
    assert approve_url in page.text
    assert reverse("reports:return", args=[report.pk]) in page.text


# --- saving a section ---------------------------------------------------------------


def test_autosave_answers_the_new_version_in_json(client, report, users):
    section = _section(report)
    client.force_login(users["commune"])
    response = _save(
        client,
        report,
        section,
        '<p style="color:red">Ý kiến <b>mới</b><script>x()</script></p>',
        section.version,
        **JSON,
    )
    assert response.status_code == 200
    state = response.json()
    section.refresh_from_db()
    assert state["version"] == section.version == 2
    assert section.text == "<p>Ý kiến <strong>mới</strong></p>"
    assert state["text"] == section.text


def test_a_stale_save_is_a_conflict_showing_the_other_text(client, report, users):
    section = _section(report)
    client.force_login(users["commune"])
    _save(client, report, section, "<p>Bản của người thứ nhất</p>", 1, **JSON)
    response = _save(client, report, section, "<p>Bản của tôi</p>", 1, **JSON)
    assert response.status_code == 409
    state = json.loads(response.content)
    assert state["text"] == "<p>Bản của người thứ nhất</p>"
    assert state["version"] == 2
    assert state["error"]
    section.refresh_from_db()
    assert section.text == "<p>Bản của người thứ nhất</p>"
    # Without JavaScript: a page with both texts, the officer's kept.
    page = _save(client, report, section, "<p>Bản của tôi</p>", 1)
    assert page.status_code == 409
    assert "Bản của người thứ nhất" in page.text
    assert "&lt;p&gt;Bản của tôi&lt;/p&gt;" in page.text
    assert 'name="version" value="2"' in page.text


def test_a_form_save_without_javascript_returns_to_the_section(client, report, users):
    section = _section(report)
    client.force_login(users["commune"])
    # The report's page links each section to a plain form of its own.
    url = reverse("reports:section_save", args=[report.pk, section.pk])
    assert f'href="{url}"' in _page(client, report).text
    form = client.get(url)
    assert form.status_code == 200
    assert "<textarea" in form.text
    assert 'name="version" value="1"' in form.text
    assert "&lt;strong&gt;…&lt;/strong&gt;" in form.text
    response = _save(client, report, section, "<p>Không có JavaScript</p>", 1)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#section-{section.key}")
    section.refresh_from_db()
    assert section.text == "<p>Không có JavaScript</p>"


def test_saving_is_refused_to_readers_and_to_a_locked_report(
    client, report, users, approvers
):
    section = _section(report)
    client.force_login(users["viewer"])
    assert _save(client, report, section, "<p>x</p>", 1, **JSON).status_code == 403
    client.force_login(users["sibling"])
    assert _save(client, report, section, "<p>x</p>", 1, **JSON).status_code == 404
    advance(report, Status.SUBMITTED)
    client.force_login(users["commune"])
    assert _save(client, report, section, "<p>x</p>", 1, **JSON).status_code == 403
    section.refresh_from_db()
    assert section.version == 1


# --- history and restore ------------------------------------------------------------


def test_history_lists_versions_and_restores_one(
    client, report, users, django_assert_max_num_queries
):
    section = _section(report)
    first = section.text
    client.force_login(users["commune"])
    _save(client, report, section, "<p>Sửa lần một</p>", 1, **JSON)
    url = reverse("reports:section_history", args=[report.pk, section.pk])
    with django_assert_max_num_queries(6):
        page = client.get(url, HTTP_HX_REQUEST="true")
    assert page.status_code == 200
    assert "Sửa lần một" in page.text
    assert "<nav" not in page.text
    assert reverse("reports:section_restore", args=[report.pk, section.pk]) in page.text
    restore = reverse("reports:section_restore", args=[report.pk, section.pk])
    assert client.post(restore, {"version": 1}).status_code == 302
    section.refresh_from_db()
    assert section.text == first
    assert section.version == 3
    assert client.post(restore, {"version": 99}).status_code == 404
    client.force_login(users["viewer"])
    assert client.post(restore, {"version": 2}).status_code == 403


# --- comments -----------------------------------------------------------------------


def test_comments_on_a_section_and_a_figure_show_next_period(
    client, report, users, approvers, types, bodies
):
    section = _section(report)
    client.force_login(approvers["commune"])
    url = reverse("reports:comment_add", args=[report.pk])
    response = client.post(
        url,
        {
            "text": "Số hội nghị cần đối chiếu",
            "section": section.pk,
            "figure": "meetings.held",
            "figure_label": "4 hội nghị",
        },
    )
    assert response.status_code == 302
    comment = ReportComment.objects.get()
    assert (comment.section, comment.figure) == (section, "meetings.held")
    assert "Số hội nghị cần đối chiếu" in _page(client, report).text
    # The next quarter's report shows it among last period's comments.
    nxt = ReportFactory.create(
        report_type=types["commune"],
        body=bodies["commune"],
        period=("quarter", 2026, 2),
    )
    client.force_login(users["commune"])
    page = _page(client, nxt)
    assert "Số hội nghị cần đối chiếu" in page.text
    assert "4 hội nghị" in page.text
    # A viewer may not comment.
    client.force_login(users["viewer"])
    assert client.post(url, {"text": "x"}).status_code == 403
    assert ReportComment.objects.count() == 1


# --- the units below ----------------------------------------------------------------


def test_the_province_sees_its_communes_reports_beside_a_section(
    client, report, users, types, bodies, django_assert_max_num_queries
):
    section = _section(report)
    services.save_section(
        actor=system_actor(),
        section=section,
        text="<p>Đoạn một của xã.</p><p>Đoạn hai của xã.</p>",
        version=section.version,
    )
    advance(report, Status.SENT)
    province = ReportFactory.create(
        report_type=types["province"], body=bodies["province"], period=report.period
    )
    client.force_login(users["province"])
    url = reverse("reports:subunits", args=[province.pk])
    panel = client.get(url, {"section": "situation"}, HTTP_HX_REQUEST="true")
    # Kept once made: the report and the reader's rights alone are read.
    with django_assert_max_num_queries(3):
        again = client.get(url, {"section": "situation"}, HTTP_HX_REQUEST="true")
    assert again.text == panel.text
    assert panel.status_code == 200
    assert "Đoạn một của xã." in panel.text
    assert "Đoạn hai của xã." in panel.text
    assert panel.text.count("data-take") == 2
    assert "1/2" in panel.text
    assert "Đảng ủy xã Hạnh Phúc" in panel.text  # not sent yet
    # The whole panel without JavaScript: a page of its own.
    whole = client.get(url)
    assert whole.status_code == 200
    assert "Đoạn một của xã." in whole.text
    # A commune has no units below.
    client.force_login(users["commune"])
    below = client.get(reverse("reports:subunits", args=[report.pk]))
    assert below.status_code == 200
    assert "data-take" not in below.text


# --- the workflow -------------------------------------------------------------------


def test_submit_approve_send_and_return_by_role(client, report, users, approvers, tree):
    submit = reverse("reports:submit", args=[report.pk])
    approve = reverse("reports:approve", args=[report.pk])
    send = reverse("reports:send", args=[report.pk])
    back = reverse("reports:return", args=[report.pk])
    client.force_login(users["viewer"])
    assert client.post(submit).status_code == 403
    client.force_login(users["commune"])
    assert client.post(submit).status_code == 302
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    # The editor neither approves nor returns.
    assert client.get(approve).status_code == 403
    assert client.post(back, {"note": "x"}).status_code == 403
    client.force_login(approvers["commune"])
    form = client.get(approve, HTTP_HX_REQUEST="true")
    assert form.status_code == 200
    assert 'name="issued_on"' in form.text
    assert "T/M BAN THƯỜNG VỤ" in form.text
    # A return needs its note.
    client.post(back, {"note": ""})
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    response = client.post(
        approve,
        {
            "issued_on": "16/03/2026",
            "signer_capacity": "T/M BAN THƯỜNG VỤ",
            "signer_title": "BÍ THƯ",
            "signer_name": "Nguyễn Văn A",
            "recipients": "Tỉnh ủy Lào Cai\nLưu VP",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.APPROVED
    assert report.reference.endswith("-BC/ĐU")
    assert report.signer_name == "Nguyễn Văn A"
    page = _page(client, report)
    assert report.reference in page.text
    client.force_login(users["commune"])
    assert client.post(send).status_code == 302
    report.refresh_from_db()
    assert report.status == Status.SENT
    # The province returns what was sent, with a note the unit reads.
    client.force_login(users["province"])
    assert (
        client.post(back, {"note": "Bổ sung kết quả Dân vận khéo"}).status_code == 302
    )
    report.refresh_from_db()
    assert report.status == Status.RETURNED
    client.force_login(users["commune"])
    assert "Bổ sung kết quả Dân vận khéo" in _page(client, report).text


def test_present_an_approved_report_at_a_meeting(client, report, users, bodies):
    from danvan.meetings import services as meetings

    advance(report, Status.APPROVED)
    meeting = meetings.create_meeting(
        actor=system_actor(),
        title="Giao ban công tác dân vận quý I",
        held_on=D(2026, 3, 20),
        kind="giao_ban",
        convening_body=bodies["commune"],
    )
    url = reverse("reports:present", args=[report.pk])
    client.force_login(users["commune"])
    form = client.get(url, HTTP_HX_REQUEST="true")
    assert "Giao ban công tác dân vận quý I" in form.text
    assert client.post(url, {"meeting": meeting.pk}).status_code == 302
    report.refresh_from_db()
    assert report.meeting == meeting
    client.force_login(users["viewer"])
    assert client.get(url).status_code == 403


def test_redraft_keeps_the_officers_text(client, report, users):
    section = _section(report)
    client.force_login(users["commune"])
    _save(client, report, section, "<p>Của cán bộ</p>", 1, **JSON)
    assert client.post(reverse("reports:redraft", args=[report.pk])).status_code == 302
    section.refresh_from_db()
    assert section.text == "<p>Của cán bộ</p>"
    other = make_user("xem2", area=report.area, role=Membership.Role.VIEWER)
    client.force_login(other)
    assert client.post(reverse("reports:redraft", args=[report.pk])).status_code == 403
