"""The report's services: opening with the draft, saving sections (conflicts
refused, never overwritten), history, comments, and the workflow with its
rules, numbering and audit."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied

from danvan.common.actors import system_actor
from danvan.datasets.models import Period
from danvan.documents import services as documents
from danvan.documents.models import Document
from danvan.meetings import services as meetings
from danvan.reports.exceptions import (
    LockedError,
    NoteRequiredError,
    ReportError,
    SectionConflict,
    WrongStatusError,
)
from danvan.reports.models import Report, ReportComment, ReportSection, SectionVersion
from danvan.reports.services import reports
from danvan.reports.tests.factories import ReportFactory, advance

pytestmark = pytest.mark.django_db
D = dt.date
Status = Report.Status


def _section(report: Report, key: str = "situation") -> ReportSection:
    return report.sections.get(key=key)


# --- opening ---------------------------------------------------------------------


def test_open_report_takes_the_outline_span_deadline_and_title(report, types):
    outline = list(types["commune"].outline.values_list("key", "title", "level"))
    sections = list(report.sections.values_list("key", "title", "level"))
    assert sections == outline
    assert report.title == "Kết quả thực hiện công tác dân vận quý I năm 2026"
    # The cut-off of the 15th: 15/12/2025 → 14/03/2026, five days to send it.
    assert (report.span_start, report.span_end) == (D(2025, 12, 15), D(2026, 3, 14))
    assert report.due_on == D(2026, 3, 19)
    assert report.status == Status.DRAFT
    assert report.area_path == report.body.area.path
    assert report.drafted_at is not None
    # Each section's first version is the system's draft.
    for section in report.sections.all():
        assert section.text == section.drafted
        assert section.version == 1
        assert section.versions.get().version == 1
    assert report.signer_capacity == "T/M BAN THƯỜNG VỤ"


def test_open_report_twice_returns_the_same_report(report, types, bodies, users):
    again = reports.open_report(
        actor=users["commune"],
        report_type=types["commune"],
        period=report.period,
        body=bodies["commune"],
    )
    assert again.pk == report.pk
    assert Report.objects.count() == 1


def test_open_report_refuses_other_units_non_writers_and_wrong_periods(
    types, bodies, users
):
    quarter = Period.objects.of("quarter", 2026, 1)
    with pytest.raises(PermissionDenied):
        reports.open_report(
            actor=users["sibling"],
            report_type=types["commune"],
            period=quarter,
            body=bodies["commune"],
        )
    with pytest.raises(ReportError, match="Tỉnh ủy Lào Cai"):
        reports.open_report(
            actor=system_actor(),
            report_type=types["commune"],
            period=quarter,
            body=bodies["province"],
        )
    with pytest.raises(ReportError):
        reports.open_report(
            actor=system_actor(),
            report_type=types["commune"],
            period=Period.objects.of("year", 2026),
            body=bodies["commune"],
        )
    assert not Report.objects.exists()


# --- the text --------------------------------------------------------------------


def test_save_section_cleans_the_text_and_keeps_each_version(report, users):
    section = _section(report)
    pasted = (
        '<p class="MsoNormal" style="color:red"><b>Tình hình</b> ổn định'
        '<span lang="vi"> <i>chung</i></span></p><script>x()</script>'
        '<a href="https://example.com/x">ngoài</a>'
    )
    saved = reports.save_section(
        actor=users["commune"], section=section, text=pasted, version=1
    )
    assert saved.text.startswith(
        "<p><strong>Tình hình</strong> ổn định <em>chung</em></p>"
    )
    assert "script" not in saved.text
    assert "example.com" not in saved.text
    assert saved.version == 2
    assert saved.updated_by == users["commune"]
    versions = list(section.versions.values_list("version", "text"))
    assert versions == [(2, saved.text), (1, section.drafted)]
    # The same text again is no new version.
    again = reports.save_section(
        actor=users["commune"], section=section, text=saved.text, version=2
    )
    assert again.version == 2


def test_two_editors_from_one_version_the_second_gets_a_conflict(
    report, users, approvers
):
    """Both read version 1; the first save wins, the second is refused with
    the current text, and nothing the first wrote is overwritten."""
    section = _section(report, "committee")
    first = reports.save_section(
        actor=users["commune"], section=section, text="<p>Bản của A</p>", version=1
    )
    assert first.version == 2
    with pytest.raises(SectionConflict) as refused:
        reports.save_section(
            actor=approvers["editor2"],
            section=section,
            text="<p>Bản của B</p>",
            version=1,
        )
    assert refused.value.current.text == "<p>Bản của A</p>"
    assert refused.value.current.version == 2
    section.refresh_from_db()
    assert section.text == "<p>Bản của A</p>"
    assert section.version == 2
    assert not SectionVersion.objects.filter(text__contains="Bản của B").exists()
    # Seen the other's text, B saves from the current version.
    merged = reports.save_section(
        actor=approvers["editor2"],
        section=section,
        text="<p>Bản của A</p><p>Thêm của B</p>",
        version=2,
    )
    assert merged.version == 3


def test_restore_version_saves_the_old_text_as_the_newest(report, users):
    section = _section(report)
    reports.save_section(
        actor=users["commune"], section=section, text="<p>Một</p>", version=1
    )
    reports.save_section(
        actor=users["commune"], section=section, text="<p>Hai</p>", version=2
    )
    restored = reports.restore_version(
        actor=users["commune"], section=section, version=2
    )
    assert (restored.text, restored.version) == ("<p>Một</p>", 4)
    with pytest.raises(ReportError):
        reports.restore_version(actor=users["commune"], section=section, version=9)
    with pytest.raises(PermissionDenied):
        reports.restore_version(actor=users["sibling"], section=section, version=1)


def test_other_units_and_viewers_may_not_write_the_text(report, users):
    section = _section(report)
    for user in (users["sibling"], users["viewer"], users["village"]):
        with pytest.raises(PermissionDenied):
            reports.save_section(
                actor=user, section=section, text="<p>x</p>", version=1
            )
    section.refresh_from_db()
    assert section.version == 1


def test_redraft_replaces_only_the_sections_nobody_wrote(report, users, bodies, tree):
    """A plan issued since the draft: the section nobody touched takes the
    new draft; the same section written by an officer keeps their text, the
    new draft beside it."""
    sibling_report = ReportFactory.create(
        report_type=report.report_type,
        body=bodies["commune"],
        period=("quarter", 2026, 2),
    )
    written = sibling_report.sections.get(key="committee")
    reports.save_section(
        actor=users["commune"], section=written, text="<p>Của cán bộ</p>", version=1
    )
    untouched = _section(report, "committee")
    old = untouched.drafted
    for on in (dt.date(2026, 2, 3), dt.date(2026, 5, 4)):
        documents.register_document(
            actor=system_actor(),
            area=tree["commune"],
            symbol_text=f"{on.month}-KH/ĐU",
            issued_on=on,
            title="Kế hoạch tuyên truyền công tác dân vận",
            issuer_body=bodies["commune"],
        )
    reports.redraft(actor=users["commune"], report=report)
    reports.redraft(actor=users["commune"], report=sibling_report)
    untouched.refresh_from_db()
    written.refresh_from_db()
    assert untouched.drafted != old
    assert "KH/ĐU" in untouched.drafted
    assert (untouched.text, untouched.version) == (untouched.drafted, 2)
    assert untouched.versions.count() == 2
    assert written.text == "<p>Của cán bộ</p>"
    assert "KH/ĐU" in written.drafted
    assert written.version == 2
    # Sections with nothing new keep their version.
    assert _section(report, "situation").version == 1
    with pytest.raises(PermissionDenied):
        reports.redraft(actor=users["sibling"], report=report)


# --- the workflow ----------------------------------------------------------------


def test_the_cycle_submit_approve_number_send(report, users, approvers):
    reports.submit(actor=users["commune"], report=report)
    assert report.status == Status.SUBMITTED
    assert report.submitted_by == users["commune"]
    # Locked once submitted.
    with pytest.raises(LockedError):
        reports.save_section(
            actor=users["commune"],
            section=_section(report),
            text="<p>muộn</p>",
            version=1,
        )
    # An editor does not approve; the unit's approver does.
    with pytest.raises(PermissionDenied):
        reports.approve(actor=users["commune"], report=report)
    reports.approve(
        actor=approvers["commune"],
        report=report,
        issued_on=D(2026, 3, 18),
        signer_name="Nguyễn Văn Bí Thư",
        signer_title="BÍ THƯ",
    )
    report.refresh_from_db()
    assert report.status == Status.APPROVED
    assert report.reference == "01-BC/ĐU"
    assert report.issued_on == D(2026, 3, 18)
    assert report.signer_name == "Nguyễn Văn Bí Thư"
    document = Document.objects.get(pk=report.document_id)
    assert document.kind == Document.Kind.REPORT
    assert document.reference == "01-BC/ĐU"
    assert document.title == report.title
    assert document.issuer_body_id == report.body_id
    # The paper is attached to the register entry.
    assert document.attachments.count() == 1
    assert document.attachments.get().original_name.endswith(".docx")
    reports.send(actor=users["commune"], report=report)
    report.refresh_from_db()
    assert report.status == Status.SENT
    assert report.sent_by == users["commune"]
    assert report.late  # submitted today, long after 19/03/2026
    # The next approved report takes the next number.
    second = ReportFactory.create(
        report_type=report.report_type, body=report.body, period=("quarter", 2026, 2)
    )
    advance(second, Status.APPROVED)
    assert second.reference == "02-BC/ĐU"


def test_approved_again_after_a_return_keeps_its_number(report, users, approvers):
    """Returned by the level above after it was sent, corrected and approved
    again: the register entry keeps its number and date, the corrected paper
    is attached beside the first."""
    reports.submit(actor=users["commune"], report=report)
    reports.approve(actor=approvers["commune"], report=report, issued_on=D(2026, 3, 18))
    reports.send(actor=users["commune"], report=report)
    reports.return_(actor=users["province"], report=report, note="Bổ sung số liệu")
    report.refresh_from_db()
    assert report.status == Status.RETURNED
    section = report.sections.get(key="proposals")
    reports.save_section(
        actor=users["commune"],
        section=section,
        text="<p>Đề nghị bổ sung kinh phí.</p>",
        version=section.version,
    )
    reports.submit(actor=users["commune"], report=report)
    reports.approve(actor=approvers["commune"], report=report, issued_on=D(2026, 3, 25))
    report.refresh_from_db()
    assert report.status == Status.APPROVED
    assert report.reference == "01-BC/ĐU"
    assert report.issued_on == D(2026, 3, 18)
    assert Document.objects.filter(kind=Document.Kind.REPORT).count() == 1
    assert Document.objects.get(pk=report.document_id).attachments.count() == 2


def test_steps_out_of_order_are_refused(report, users, approvers):
    with pytest.raises(WrongStatusError):
        reports.approve(actor=approvers["commune"], report=report)
    with pytest.raises(WrongStatusError):
        reports.send(actor=users["commune"], report=report)
    with pytest.raises(WrongStatusError):
        reports.return_(actor=approvers["commune"], report=report, note="Sửa")
    reports.submit(actor=users["commune"], report=report)
    with pytest.raises(WrongStatusError):
        reports.submit(actor=users["commune"], report=report)
    assert Report.objects.get().status == Status.SUBMITTED


def test_return_needs_a_note_and_the_right_approver(report, users, approvers):
    reports.submit(actor=users["commune"], report=report)
    with pytest.raises(NoteRequiredError):
        reports.return_(actor=approvers["commune"], report=report, note="  ")
    with pytest.raises(PermissionDenied):
        reports.return_(actor=users["commune"], report=report, note="Sửa")
    reports.return_(
        actor=approvers["commune"], report=report, note="Bổ sung số liệu quý"
    )
    report.refresh_from_db()
    assert (report.status, report.note) == (Status.RETURNED, "Bổ sung số liệu quý")
    # Returned: written again and submitted again; the first time is kept.
    first = report.submitted_at
    reports.save_section(
        actor=users["commune"],
        section=_section(report),
        text="<p>Đã bổ sung</p>",
        version=1,
    )
    reports.submit(actor=users["commune"], report=report)
    assert report.submitted_at == first
    # Approved, then returned by the unit's approver before it is sent.
    reports.approve(actor=approvers["commune"], report=report)
    reports.return_(actor=approvers["commune"], report=report, note="Sai ngày")
    assert report.status == Status.RETURNED


def test_a_sent_report_is_returned_by_the_level_above_only(report, users, approvers):
    advance(report, Status.SENT)
    # The unit itself (its approver included) no longer returns it.
    with pytest.raises(PermissionDenied):
        reports.return_(actor=approvers["commune"], report=report, note="Sửa")
    with pytest.raises(PermissionDenied):
        reports.return_(actor=users["sibling"], report=report, note="Sửa")
    reports.return_(actor=users["province"], report=report, note="Thiếu phụ lục")
    report.refresh_from_db()
    assert report.status == Status.RETURNED
    assert report.note == "Thiếu phụ lục"


def test_every_step_is_in_the_reports_history(report, users, approvers):
    reports.submit(actor=users["commune"], report=report)
    reports.approve(actor=approvers["commune"], report=report)
    reports.send(actor=users["commune"], report=report)
    entries = LogEntry.objects.get_for_object(report).order_by("timestamp", "pk")
    statuses = [
        (entry.actor, entry.changes_dict.get("status", [None, None])[1])
        for entry in entries
        if "status" in entry.changes_dict
    ]
    assert statuses[-3:] == [
        (users["commune"], "submitted"),
        (approvers["commune"], "approved"),
        (users["commune"], "sent"),
    ]


# --- comments --------------------------------------------------------------------


def test_comments_by_the_unit_and_the_level_above(report, users):
    section = _section(report)
    own = reports.add_comment(
        actor=users["commune"], report=report, text="Cần bổ sung", section=section
    )
    above = reports.add_comment(
        actor=users["province"],
        report=report,
        text="Số liệu chưa khớp biểu",
        section=section,
        figure="documents.issued",
        figure_label="12 văn bản",
    )
    assert (own.body, above.body) == (report.body, report.body)
    assert above.figure == "documents.issued"
    for user in (users["sibling"], users["viewer"]):
        with pytest.raises(PermissionDenied):
            reports.add_comment(actor=user, report=report, text="x")
    with pytest.raises(ReportError):
        reports.add_comment(actor=users["commune"], report=report, text="  ")
    assert ReportComment.objects.count() == 2


def test_previous_comments_follow_the_figure_to_the_next_period(report, users, types):
    reports.add_comment(
        actor=users["province"],
        report=report,
        text="Quý sau cần nêu rõ số văn bản",
        figure="documents.issued",
        figure_label="12 văn bản",
    )
    reports.add_comment(actor=users["province"], report=report, text="Chung")
    following = ReportFactory.create(
        report_type=types["commune"], body=report.body, period=("quarter", 2026, 2)
    )
    found = reports.previous_comments(following)
    assert list(found) == ["documents.issued"]
    assert [c.text for c in found["documents.issued"]] == [
        "Quý sau cần nêu rõ số văn bản"
    ]
    # The report's own comments are not "previous".
    assert reports.previous_comments(report) == {}


# --- the meeting -----------------------------------------------------------------


def test_an_approved_report_becomes_the_paper_of_its_units_meeting(
    report, users, bodies
):
    meeting = meetings.create_meeting(
        actor=system_actor(),
        convening_body=bodies["commune"],
        kind="giao_ban",
        title="Giao ban công tác dân vận quý I/2026",
        held_on=D(2026, 3, 25),
    )
    with pytest.raises(WrongStatusError):
        reports.present_at(actor=users["commune"], report=report, meeting=meeting)
    advance(report, Status.APPROVED)
    other = meetings.create_meeting(
        actor=system_actor(),
        convening_body=bodies["sibling"],
        kind="giao_ban",
        title="Giao ban xã Hạnh Phúc",
        held_on=D(2026, 3, 25),
    )
    with pytest.raises(PermissionDenied):
        reports.present_at(actor=users["commune"], report=report, meeting=other)
    with pytest.raises(ReportError):
        reports.present_at(actor=system_actor(), report=report, meeting=other)
    reports.present_at(actor=users["commune"], report=report, meeting=meeting)
    assert Report.objects.get().meeting == meeting
    assert list(meeting.reports.all()) == [report]
