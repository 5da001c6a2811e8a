"""A body's periodic report: opened with the system's draft, written, approved,
sent.

The status flow (``Report.Status``)::

    draft ──submit──▶ submitted ──approve──▶ approved ──send──▶ sent
      ▲                  │                      │                │
      └──── returned ◀───┴──────return──────────┴────return──────┘
                (returned ──submit──▶ submitted)

- ``open_report``: one report per type × period × body; its sections follow
  the type's outline as it is when the report is opened (a later change of
  the outline leaves it alone); the system writes the draft
  (``reports.draft.write_draft``) into each section's ``drafted`` and
  ``text`` and the annex. ``redraft`` writes it anew: a section whose text is
  still the old draft takes the new one, the others keep the officer's text.
- ``save_section``: the editor's text, cleaned (``reports.html.clean_html``),
  saved only from the version it was read at: a save from an older version
  raises ``SectionConflict`` with the section as it is now, and nothing is
  overwritten. Every save is kept (``SectionVersion``); ``restore_version``
  saves an old text again as a new version.
- ``submit`` (the unit's editor) → ``approve`` (an approver of the unit, its
  own included: ``common.rules.may_approve``), which numbers the report in
  the register (``documents.services.issue_document``, kind "Báo cáo":
  "12-BC/ĐU") and attaches its DOCX (``reports.paper.render_docx``) →
  ``send`` (the unit's editor or approver), after which the level above
  reads it among its units' reports (``reports.merge.below``).
- ``return_``: submitted or approved reports by the unit's approver, a sent
  one by an approver of the level above (``common.rules.may_judge``); the
  note says why, and is kept on the report.
- ``present_at``: an approved or sent report becomes the paper of a meeting
  of the same body (or area): the giao ban takes it.

Every write runs inside ``acting_as(actor)``: the report's history says who
did what. A report's row is locked (``select_for_update``) for each step.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.common import audit
from danvan.common.audit import acting_as
from danvan.common.rules import may_edit, require
from danvan.meetings import periods
from danvan.reports import rules
from danvan.reports.exceptions import (
    LockedError,
    NoteRequiredError,
    ReportError,
    SectionConflict,
    WrongStatusError,
)
from danvan.reports.html import clean_html
from danvan.reports.models import (
    Report,
    ReportComment,
    ReportSection,
    ReportType,
    SectionVersion,
)

if TYPE_CHECKING:
    from danvan.accounts.models import User
    from danvan.datasets.models import Period
    from danvan.meetings.models import Meeting
    from danvan.units.models import Body

Status = Report.Status
_CUMULATIVE = {
    periods.FOUR_MONTHS: 4,
    periods.SIX_MONTHS: 6,
    periods.NINE_MONTHS: 9,
}


# --- words ----------------------------------------------------------------------


def period_words(period: Period) -> str:
    """The period as a report's subject writes it: "quý I năm 2026",
    "6 tháng đầu năm 2026", "tháng 3 năm 2026", "năm 2026"."""
    roman = periods.ROMAN
    if period.type == periods.QUARTER and period.number:
        return f"quý {roman.get(period.number, period.number)} năm {period.year}"
    if period.type == periods.MONTH and period.number:
        return f"tháng {period.number} năm {period.year}"
    if period.type in _CUMULATIVE:
        return f"{_CUMULATIVE[period.type]} tháng đầu năm {period.year}"
    if period.type == periods.YEAR:
        return f"năm {period.year}"
    return str(period)


def title_of(report_type: ReportType, period: Period) -> str:
    """The report's subject: the type's, with the period written in."""
    return report_type.subject.replace("{period}", period_words(period)).strip()


# --- the draft ------------------------------------------------------------------


def _write_draft(report: Report) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """The system's draft of ``report``: each section's HTML and the annex."""
    from danvan.reports.draft import write_draft

    draft = write_draft(report)
    return dict(draft.sections), list(draft.annex)


def _locked(report: Report) -> Report:
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("report_type", "period", "body__area", "area")
        .get(pk=report.pk)
    )


def _copy_back(row: Report, report: Report) -> None:
    """The caller's object shows the new state too."""
    for field in Report._meta.concrete_fields:
        setattr(report, field.attname, getattr(row, field.attname))


@transaction.atomic
def open_report(
    *, actor: User, report_type: ReportType, period: Period, body: Body
) -> Report:
    """The report of ``body`` for ``report_type`` and ``period``, opened with
    the system's draft; the existing one, as it is, when it was opened before.
    """
    from danvan.reports import schedule

    require(
        may_edit(actor, body),
        _("You may not write reports for %(body)s.") % {"body": body},
    )
    existing = Report.objects.filter(
        report_type=report_type, period=period, body=body
    ).first()
    if existing is not None:
        return existing
    if period.type != report_type.period_type:
        raise ReportError(
            _("%(type)s is not written for %(period)s.")
            % {"type": report_type.name, "period": period}
        )
    if not report_type.active:
        raise ReportError(
            _("%(type)s is no longer in use.") % {"type": report_type.name}
        )
    if not schedule.reporters(report_type, period).filter(pk=body.pk).exists():
        raise ReportError(
            _("%(body)s does not write %(type)s.")
            % {"body": body, "type": report_type.name}
        )
    start, end = schedule.span(report_type, period)
    report = Report(
        report_type=report_type,
        period=period,
        body=body,
        area=body.area,
        title=title_of(report_type, period),
        due_on=schedule.due_on(report_type, period),
        span_start=start,
        span_end=end,
        signer_capacity=report_type.signer_capacity,
        signer_title=report_type.signer_title,
        recipients=report_type.recipients,
    )
    try:
        with transaction.atomic(), acting_as(actor):
            report.save()
    except IntegrityError:
        # Opened by someone else at the same moment: theirs is the report.
        return Report.objects.get(report_type=report_type, period=period, body=body)
    outline = list(report_type.outline.order_by("order", "pk"))
    sections = audit.create_all(
        [
            ReportSection(
                report=report,
                key=part.key,
                title=part.title,
                level=part.level,
                order=part.order,
                updated_by=actor,
            )
            for part in outline
        ],
        actor=actor,
    )
    _fill(actor, report, sections)
    return report


def _fill(actor: User, report: Report, sections: list[ReportSection]) -> None:
    """Write the system's draft into the new report's sections (their first
    version) and its annex."""
    texts, annex = _write_draft(report)
    for section in sections:
        drafted = clean_html(texts.get(section.key, ""))
        section.drafted = section.text = drafted
    ReportSection.objects.bulk_update(sections, ["drafted", "text"])
    SectionVersion.objects.bulk_create(
        [
            SectionVersion(section=s, version=s.version, text=s.text, saved_by=actor)
            for s in sections
        ]
    )
    report.annex = annex
    report.drafted_at = timezone.now()
    with acting_as(actor):
        report.save(update_fields=["annex", "drafted_at", "updated_at"])


def _check_writer(actor: User, report: Report) -> None:
    require(
        rules.may_write(actor, report),
        _("You may not write the report of %(body)s.") % {"body": report.body},
    )


def _check_editable(report: Report) -> None:
    if not report.editable:
        raise LockedError(
            _("The report is %(status)s: its text is locked until it is returned.")
            % {"status": report.get_status_display()}
        )


@transaction.atomic
def redraft(*, actor: User, report: Report) -> Report:
    """Write the system's draft again (the registers have moved on).

    A section whose text is still the old draft takes the new one; a section
    the officers have written keeps their text, with the new draft beside it
    (``drafted``) to take back. New sections of the report's own outline are
    not added: the report keeps the outline it was opened with.
    """
    row = _locked(report)
    _check_writer(actor, row)
    _check_editable(row)
    texts, annex = _write_draft(row)
    sections = list(row.sections.select_for_update().order_by("order", "pk"))
    versions = []
    with acting_as(actor):
        for section in sections:
            new = clean_html(texts.get(section.key, ""))
            if new == section.drafted:
                continue
            fields = ["drafted", "updated_at"]
            if section.text == section.drafted:
                section.text = new
                section.version += 1
                section.updated_by = actor
                fields += ["text", "version", "updated_by"]
                versions.append(
                    SectionVersion(
                        section=section,
                        version=section.version,
                        text=new,
                        saved_by=actor,
                    )
                )
            section.drafted = new
            section.save(update_fields=fields)
        row.annex = annex
        row.drafted_at = timezone.now()
        row.save(update_fields=["annex", "drafted_at", "updated_at"])
    SectionVersion.objects.bulk_create(versions)
    _copy_back(row, report)
    return report


# --- the text -------------------------------------------------------------------


def _locked_section(section: ReportSection) -> ReportSection:
    row: ReportSection = (
        ReportSection.objects.select_for_update(of=("self",))
        .select_related("report__body__area", "report__area")
        .get(pk=section.pk)
    )
    return row


def _save_text(actor: User, row: ReportSection, text: str) -> ReportSection:
    row.text = text
    row.version += 1
    row.updated_by = actor
    with acting_as(actor):
        row.save(update_fields=["text", "version", "updated_by", "updated_at"])
    SectionVersion.objects.create(
        section=row, version=row.version, text=text, saved_by=actor
    )
    return row


@transaction.atomic
def save_section(
    *, actor: User, section: ReportSection, text: str, version: int
) -> ReportSection:
    """Save the section's text as read at ``version``.

    The text is cleaned (``clean_html``: Word's formatting goes, only
    paragraphs, lists, bold, italic and this site's links stay). When the
    section was saved since ``version`` (another editor), ``SectionConflict``
    carries the section as it is now and nothing is written. The same text
    again is no new version.
    """
    row = _locked_section(section)
    report = row.report
    _check_writer(actor, report)
    _check_editable(report)
    if version != row.version:
        raise SectionConflict(row)
    cleaned = clean_html(text)
    if cleaned != row.text:
        _save_text(actor, row, cleaned)
    return row


@transaction.atomic
def restore_version(
    *, actor: User, section: ReportSection, version: int
) -> ReportSection:
    """Save an earlier text of the section again, as its newest version."""
    row = _locked_section(section)
    _check_writer(actor, row.report)
    _check_editable(row.report)
    old = SectionVersion.objects.filter(section=row, version=version).first()
    if old is None:
        raise ReportError(_("This section has no such version."))
    if old.text != row.text:
        _save_text(actor, row, old.text)
    return row


# --- comments -------------------------------------------------------------------


@transaction.atomic
def add_comment(
    *,
    actor: User,
    report: Report,
    text: str,
    section: ReportSection | None = None,
    figure: str = "",
    figure_label: str = "",
) -> ReportComment:
    """A reviewer's comment on the report, a section of it or one figure.

    The unit's own editors and approvers and the level above comment. A
    comment on a figure keeps the figure's key with the writing body, so the
    body's next report shows it beside the same figure.
    """
    require(
        rules.may_comment(actor, report),
        _("You may not comment on this report."),
    )
    text = text.strip()
    if not text:
        raise ReportError(_("Write the comment."))
    if section is not None and section.report_id != report.pk:
        raise ReportError(_("This section is not of this report."))
    comment = ReportComment(
        report=report,
        section=section,
        figure=figure.strip()[:120],
        figure_label=figure_label.strip()[:300],
        body_id=report.body_id,
        text=text,
        author=actor,
    )
    with acting_as(actor):
        comment.save()
    return comment


def previous_comments(report: Report) -> dict[str, list[ReportComment]]:
    """The comments on figures of the same body's earlier reports (of any
    type), by the figure's key, oldest first: one query."""
    found: dict[str, list[ReportComment]] = {}
    rows = (
        ReportComment.objects.filter(body_id=report.body_id)
        .exclude(figure="")
        .exclude(report_id=report.pk)
        .filter(report__span_end__lt=report.span_end)
        .select_related("author", "report")
        .order_by("figure", "created_at", "pk")
    )
    for comment in rows:
        found.setdefault(comment.figure, []).append(comment)
    return found


# --- the workflow ---------------------------------------------------------------


@transaction.atomic
def submit(*, actor: User, report: Report) -> Report:
    """Send the written report to the unit's approver. The first submission's
    time is kept (it says whether the report was late)."""
    row = _locked(report)
    _check_writer(actor, row)
    if row.status not in Report.EDITABLE:
        raise WrongStatusError(
            _("Only a report being written or returned can be submitted.")
        )
    row.status = Status.SUBMITTED
    if row.submitted_at is None:
        row.submitted_at = timezone.now()
    row.submitted_by = actor
    with acting_as(actor):
        row.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    _copy_back(row, report)
    return report


def _attach_paper(actor: User, row: Report) -> None:
    """The approved report's DOCX, on its register entry."""
    from danvan.documents.services import attach_bytes
    from danvan.reports.paper import render_docx

    assert row.document is not None
    attach_bytes(
        actor=actor,
        document=row.document,
        name=f"{row.reference.replace('/', '-')}.docx",
        content=render_docx(row),
    )


@transaction.atomic
def approve(
    *,
    actor: User,
    report: Report,
    issued_on: dt.date | None = None,
    signer_name: str | None = None,
    signer_title: str | None = None,
    signer_capacity: str | None = None,
    recipients: str | None = None,
) -> Report:
    """Approve a submitted report: numbered in the unit's register as a
    "Báo cáo" ("12-BC/ĐU"), its DOCX attached to the register entry, its text
    locked. An approver of the unit does it, its own unit included."""
    from danvan.documents.exceptions import DocumentError
    from danvan.documents.services import issue_document

    row = _locked(report)
    require(
        rules.may_approve_report(actor, row),
        _("Only an approver of %(body)s may approve its report.") % {"body": row.body},
    )
    if row.status != Status.SUBMITTED:
        raise WrongStatusError(_("Only a submitted report can be approved."))
    issued_on = issued_on or timezone.localdate()
    for name, value in (
        ("signer_name", signer_name),
        ("signer_title", signer_title),
        ("signer_capacity", signer_capacity),
        ("recipients", recipients),
    ):
        if value is not None:
            setattr(row, name, value.strip())
    if row.document is None:
        try:
            document = issue_document(
                actor=actor,
                body=row.body,
                kind="Báo cáo",
                title=row.title,
                issued_on=issued_on,
                area=row.area,
                signer_name=row.signer_name,
            )
        except DocumentError as exc:
            raise ReportError(exc.message) from exc
        row.document = document
        row.reference = document.reference
        row.issued_on = issued_on
    # Approved again after a return: the register entry keeps its number and
    # date; the corrected paper is attached beside the first (the newest is
    # the one served).
    row.status = Status.APPROVED
    row.approved_at = timezone.now()
    row.approved_by = actor
    row.note = ""
    with acting_as(actor):
        row.save(
            update_fields=[
                "document",
                "reference",
                "issued_on",
                "status",
                "approved_at",
                "approved_by",
                "note",
                "signer_name",
                "signer_title",
                "signer_capacity",
                "recipients",
                "updated_at",
            ]
        )
        _attach_paper(actor, row)
    _copy_back(row, report)
    return report


@transaction.atomic
def return_(*, actor: User, report: Report, note: str) -> Report:
    """Return the report to its writers, saying what to correct.

    A submitted or approved report is returned by an approver of the unit; a
    sent one by an approver of the level above. An approved report keeps its
    register entry: approved again, it keeps that number and date.
    """
    note = note.strip()
    if not note:
        raise NoteRequiredError(
            _("Say what should be corrected before returning the report.")
        )
    row = _locked(report)
    if row.status in (Status.SUBMITTED, Status.APPROVED):
        require(
            rules.may_approve_report(actor, row),
            _("Only an approver of %(body)s may return its report.")
            % {"body": row.body},
        )
    elif row.status == Status.SENT:
        if not rules.may_return_sent(actor, row):
            raise PermissionDenied(
                _("Only an approver of the level above may return a sent report.")
            )
    else:
        raise WrongStatusError(
            _("Only a submitted, approved or sent report can be returned.")
        )
    row.status = Status.RETURNED
    row.note = note
    with acting_as(actor):
        row.save(update_fields=["status", "note", "updated_at"])
    _copy_back(row, report)
    return report


@transaction.atomic
def send(*, actor: User, report: Report) -> Report:
    """Send the approved report to the level above."""
    row = _locked(report)
    require(
        rules.may_send(actor, row),
        _("You may not send the report of %(body)s.") % {"body": row.body},
    )
    if row.status != Status.APPROVED:
        raise WrongStatusError(_("Only an approved report can be sent."))
    row.status = Status.SENT
    row.sent_at = timezone.now()
    row.sent_by = actor
    with acting_as(actor):
        row.save(update_fields=["status", "sent_at", "sent_by", "updated_at"])
    _copy_back(row, report)
    return report


@transaction.atomic
def present_at(*, actor: User, report: Report, meeting: Meeting) -> Report:
    """The approved (or sent) report becomes the paper of ``meeting``, a
    meeting of the same body or of its area (the period's giao ban)."""
    from danvan.meetings.services import may_edit as may_edit_meeting

    row = _locked(report)
    require(
        rules.may_write(actor, row) and may_edit_meeting(actor, meeting),
        _("You may not take this report to this meeting."),
    )
    if row.status not in (Status.APPROVED, Status.SENT):
        raise WrongStatusError(
            _("Only an approved or sent report can be a meeting's paper.")
        )
    if meeting.convening_body_id != row.body_id and meeting.area_id != row.area_id:
        raise ReportError(
            _("The meeting is not of %(body)s or its area.") % {"body": row.body}
        )
    row.meeting = meeting
    with acting_as(actor):
        row.save(update_fields=["meeting", "updated_at"])
    _copy_back(row, report)
    return report
