"""The report pages: the list (mine, to approve, from below), a new report,
the report's page (its sections, each an editor with the system's draft, the
history, the comments and the units below beside it), and the workflow steps.

The page renders no Django form: the editor of a section is plain HTML (a
textarea, turned into the editor by ``reports/editor.js``), and the forms of
the steps that ask for more than a click (approve, present at a meeting) load
with htmx in place of their link (a page of their own without JavaScript).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts.roles import Role
from danvan.common.access import may_act_somewhere, scope_for, seen_or_404
from danvan.common.compiled import KeyedQuery
from danvan.common.http import AuthedRequest, redirect_back
from danvan.common.kept import list_params
from danvan.common.paging import Paginator
from danvan.common.rules import is_own_unit, own_units
from danvan.common.text import clean_input, parse_id
from danvan.reports import filters as report_filters
from danvan.reports import merge, rules
from danvan.reports.exceptions import ReportError, SectionConflict
from danvan.reports.forms.reports import (
    ApproveForm,
    CommentForm,
    PresentForm,
    ReportCreateForm,
    ReturnForm,
    SectionTextForm,
)
from danvan.reports.html import plain_text
from danvan.reports.kept import FIGURES
from danvan.reports.models import (
    Report,
    ReportComment,
    ReportSection,
    SectionVersion,
)
from danvan.reports.services import reports as services

PAGE_SIZE = 50
Status = Report.Status


# --- who may do what on the page ---------------------------------------------------


@dataclass(frozen=True)
class Rights:
    """The steps the page offers the reader (the services check them again)."""

    edit: bool = False
    submit: bool = False
    approve: bool = False
    return_: bool = False
    send: bool = False
    comment: bool = False
    present: bool = False


def rights(user: Any, report: Report) -> Rights:
    """What ``user`` may do with ``report`` in its present status.

    The unit's own steps (writing, submitting, sending, presenting) are
    offered to the unit; approving to its approvers; returning a report
    already sent to the level above (``reports.rules``)."""
    status = report.status
    own = is_own_unit(user, report) or bool(user.is_superuser)
    writer = own and rules.may_write(user, report)
    approver = rules.may_approve_report(user, report)
    return Rights(
        edit=status in Report.EDITABLE and writer,
        submit=status in Report.EDITABLE and writer,
        approve=status == Status.SUBMITTED and approver,
        return_=(status in (Status.SUBMITTED, Status.APPROVED) and approver)
        or (status == Status.SENT and rules.may_return_sent(user, report)),
        send=status == Status.APPROVED and own and rules.may_send(user, report),
        comment=rules.may_comment(user, report),
        present=status in (Status.APPROVED, Status.SENT)
        and own
        and (writer or approver),
    )


# The report with what its pages name, its sections and its comments, read
# by keys (the SQL built once: ``common.compiled.KeyedQuery``).
_REPORT = KeyedQuery(
    lambda pk: Report.objects.filter(pk=pk).select_related(
        "report_type", "period", "body__area", "area", "meeting"
    )
)
_SECTIONS = KeyedQuery(
    lambda report: (
        ReportSection.objects.filter(report_id=report)
        .select_related("updated_by")
        .order_by("order", "pk")
    )
)
_COMMENTS = KeyedQuery(
    lambda report: (
        ReportComment.objects.filter(report_id=report)
        .select_related("author")
        .order_by("created_at", "pk")
    )
)


def _report(request: AuthedRequest, pk: int) -> Report:
    """The report by its key, if the reader sees its unit (a report is read
    by its own unit and those above it only: ``seen_or_404``)."""
    found = _REPORT(pk)
    report: Report = seen_or_404(request.user, found[0] if found else None)
    return report


def _section(report: Report, section_pk: int) -> ReportSection:
    section = get_object_or_404(ReportSection, pk=section_pk, report_id=report.pk)
    section.report = report
    return section


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ReportError):
        return exc.message
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


# --- the list ----------------------------------------------------------------------


def _tab(request: AuthedRequest) -> str:
    tab = request.GET.get("tab", "")
    if tab in report_filters.TABS:
        return tab
    return report_filters.MINE


def _roles_key(user: Any) -> tuple[Any, ...]:
    """What besides the reader's scope the tabs depend on (kept counts)."""
    approver = scope_for(user, Role.APPROVER)
    editor = scope_for(user, Role.EDITOR)
    own = own_units(user)
    return (
        approver.area_paths,
        approver.body_paths,
        editor.area_paths,
        editor.body_paths,
        tuple(sorted(own.area_ids)),
        tuple(sorted(own.body_ids)),
    )


LIST_COLUMNS = (
    "title",
    "status",
    "due_on",
    "span_end",
    "submitted_at",
    "reference",
    "note",
    "report_type__name",
    "period__type",
    "period__year",
    "period__number",
    "period__start",
    "period__end",
    "body__name",
    "area__full_name",
)


@login_required
@require_GET
def report_list(request: AuthedRequest) -> HttpResponse:
    """The reports of the user's units, those waiting for their approval and
    those the units below sent, in three tabs; filtered, paginated."""
    user = request.user
    tab = _tab(request)
    filters = report_filters.ReportFilterSet(
        request.GET, report_filters.tab_rows(user, tab), user=user
    )
    rows = filters.qs.select_related("report_type", "period", "body", "area").only(
        *LIST_COLUMNS
    )
    paginator = Paginator(
        rows,
        PAGE_SIZE,
        count=lambda: FIGURES.kept(
            f"reports-{tab}",
            user,
            (*list_params(request.GET), _roles_key(user)),
            lambda: filters.qs.count(),
        ),
    )
    page = paginator.get_page(request.GET.get("page"))
    today = timezone.localdate()
    for row in page.object_list:
        row.overdue = row.submitted_at is None and today > row.due_on
    context = {
        "tab": tab,
        "tabs": [
            (report_filters.MINE, _("Of my units")),
            (report_filters.APPROVE, _("Waiting for my approval")),
            (report_filters.BELOW, _("Sent by the units below")),
        ],
        "page": page,
        "form": filters.form,
        "sort": filters.sort_key,
        "may_create": may_act_somewhere(user, Role.EDITOR),
    }
    template = "reports/report_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#rows"
    return render(request, template, context)


# --- a new report ------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request: AuthedRequest) -> HttpResponse:
    """Open the report of a type and period for a body: the system writes
    its first draft (an existing report is opened as it is)."""
    user = request.user
    if not may_act_somewhere(user, Role.EDITOR):
        raise PermissionDenied
    if request.method == "POST":
        form = ReportCreateForm(request.POST, user=user)
        if form.is_valid():
            data = form.cleaned_data
            from danvan.datasets.models import Period

            period = Period.objects.of(*data["period_named"])
            try:
                report = services.open_report(
                    actor=user,
                    report_type=data["report_type"],
                    period=period,
                    body=data["body"],
                )
            except (ReportError, ValidationError) as exc:
                form.add_error(None, _error_text(exc))
            else:
                return redirect(report.get_absolute_url())
    else:
        initial: dict[str, Any] = {}
        if (asked := parse_id(request.GET.get("report_type"))) is not None:
            initial["report_type"] = asked
        if request.GET.get("period"):
            initial["period"] = request.GET["period"]
        form = ReportCreateForm(initial=initial, user=user)
    return render(request, "reports/report_create.html", {"form": form})


# --- the report's page -------------------------------------------------------------


@dataclass
class Shown:
    """A section as the page shows it."""

    section: ReportSection
    number: str
    comments: list[ReportComment]
    previous: list[tuple[str, list[ReportComment]]]


_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def numbered(sections: list[ReportSection]) -> list[str]:
    """ "I.", "1.", "2.", "II." …: the numbers the paper gives the sections."""
    numbers = []
    heading = 0
    part = 0
    for section in sections:
        if section.level <= 1:
            heading += 1
            part = 0
            numbers.append(
                f"{_ROMAN[heading - 1] if heading <= len(_ROMAN) else heading}."
            )
        else:
            part += 1
            numbers.append(f"{part}.")
    return numbers


def _previous_by_section(
    sections: list[ReportSection], previous: dict[str, list[ReportComment]]
) -> tuple[dict[int, list[tuple[str, list[ReportComment]]]], list[Any]]:
    """Last period's comments on figures, beside the section quoting the
    figure now; those whose figure no section quotes, apart."""
    placed: dict[int, list[tuple[str, list[ReportComment]]]] = {}
    rest = []
    for figure, comments in previous.items():
        mark = f'data-figure="{figure}"'
        home = next((s for s in sections if mark in s.text or mark in s.drafted), None)
        if home is None:
            rest.append((figure, comments))
        else:
            placed.setdefault(home.pk, []).append((figure, comments))
    return placed, rest


@login_required
@require_GET
def report_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The report: its sections (editors while it is a draft), the steps the
    reader may take, its files, comments and the units below."""
    report = _report(request, pk)
    user = request.user
    allowed = rights(user, report)
    sections: list[ReportSection] = _SECTIONS(report.pk)
    comments: list[ReportComment] = _COMMENTS(report.pk)
    by_section: dict[int | None, list[ReportComment]] = {}
    for comment in comments:
        by_section.setdefault(comment.section_id, []).append(comment)
    # Last periods' comments on figures: kept until a comment or report changes.
    previous = FIGURES.kept(
        "previous-comments",
        user,
        (report.pk,),
        lambda: services.previous_comments(report),
    )
    placed, unplaced = _previous_by_section(sections, previous)
    shown = [
        Shown(s, n, by_section.get(s.pk, []), placed.get(s.pk, []))
        for s, n in zip(sections, numbered(sections), strict=True)
    ]
    today = timezone.localdate()
    context = {
        "report": report,
        "sections": shown,
        "rights": allowed,
        "general_comments": by_section.get(None, []),
        "unplaced": unplaced,
        "overdue": report.submitted_at is None and today > report.due_on,
        "today": today,
    }
    return render(request, "reports/report_detail.html", context)


@login_required
@require_POST
def redraft(request: AuthedRequest, pk: int) -> HttpResponse:
    """Write the system's draft again (sections the officer has not changed
    take the new one; the others keep the officer's text)."""
    report = _report(request, pk)
    if not rights(request.user, report).edit:
        raise PermissionDenied
    try:
        services.redraft(actor=request.user, report=report)
    except (ReportError, ValidationError) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("The system wrote its draft again."))
    return redirect_back(request, report.get_absolute_url())


# --- a section: save, history, restore ---------------------------------------------


def _wants_json(request: AuthedRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _section_state(section: ReportSection) -> dict[str, Any]:
    saved = section.updated_at
    return {
        "version": section.version,
        "text": section.text,
        "saved_at": timezone.localtime(saved).strftime("%H:%M %d/%m/%Y")
        if saved
        else "",
        "by": (
            section.updated_by.get_full_name() or section.updated_by.username
            if section.updated_by_id and section.updated_by
            else ""
        ),
    }


@login_required
@require_http_methods(["GET", "POST"])
def section_save(request: AuthedRequest, pk: int, section_pk: int) -> HttpResponse:
    """Save a section's text from the version it was changed from (a GET:
    the section's text in a plain form, for a browser without JavaScript).

    The editor's autosave asks for JSON: the new version, or 409 with the
    text saved meanwhile (the page shows it beside the editor's own text;
    nothing is overwritten). Without JavaScript the form comes back to the
    report, or to a page with both texts on a conflict."""
    report = _report(request, pk)
    section = _section(report, section_pk)
    if not rights(request.user, report).edit:
        raise PermissionDenied
    if request.method == "GET":
        form = SectionTextForm(
            initial={"text": section.text, "version": section.version}
        )
        context = {"report": report, "section": section, "form": form}
        return render(request, "reports/report_section_form.html", context)
    form = SectionTextForm(request.POST)
    as_json = _wants_json(request)
    if not form.is_valid():
        if as_json:
            return JsonResponse(
                {"error": _("The text was not sent whole.")}, status=400
            )
        messages.error(request, _("The text was not sent whole."))
        return redirect(f"{report.get_absolute_url()}#section-{section.key}")
    text = form.cleaned_data["text"]
    try:
        saved = services.save_section(
            actor=request.user,
            section=section,
            text=text,
            version=form.cleaned_data["version"],
        )
    except SectionConflict as exc:
        current = exc.current
        if as_json:
            state = _section_state(current)
            state["error"] = exc.message
            return JsonResponse(state, status=409)
        context = {
            "report": report,
            "section": current,
            "mine": text,
            "message": exc.message,
        }
        return render(request, "reports/report_conflict.html", context, status=409)
    except ReportError as exc:
        if as_json:
            return JsonResponse({"error": exc.message}, status=400)
        messages.error(request, exc.message)
        return redirect(f"{report.get_absolute_url()}#section-{section.key}")
    if as_json:
        return JsonResponse(_section_state(saved))
    messages.success(request, _("The section was saved."))
    return redirect(f"{report.get_absolute_url()}#section-{section.key}")


@login_required
@require_GET
def section_history(request: AuthedRequest, pk: int, section_pk: int) -> HttpResponse:
    """The saved versions of a section, newest first, each to restore."""
    report = _report(request, pk)
    section = _section(report, section_pk)
    versions: list[Any] = list(
        SectionVersion.objects.filter(section_id=section.pk)
        .select_related("saved_by")
        .order_by("-version")
    )
    for version in versions:
        version.preview = plain_text(version.text)
    context = {
        "report": report,
        "section": section,
        "versions": versions,
        "may_restore": rights(request.user, report).edit,
    }
    template = "reports/report_history.html"
    if request.htmx and not request.htmx.boosted:
        template += "#history"
    return render(request, template, context)


@login_required
@require_POST
def section_restore(request: AuthedRequest, pk: int, section_pk: int) -> HttpResponse:
    """Make an earlier version the section's text again (a new version)."""
    report = _report(request, pk)
    section = _section(report, section_pk)
    if not rights(request.user, report).edit:
        raise PermissionDenied
    number = parse_id(request.POST.get("version"))
    if (
        number is None
        or not SectionVersion.objects.filter(
            section_id=section.pk, version=number
        ).exists()
    ):
        raise Http404
    try:
        services.restore_version(actor=request.user, section=section, version=number)
    except (ReportError, ValidationError) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(
            request, _("Version %(version)s is the text again.") % {"version": number}
        )
    return redirect_back(request, f"{report.get_absolute_url()}#section-{section.key}")


# --- comments ----------------------------------------------------------------------


@login_required
@require_POST
def comment_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """A comment on the report, one of its sections or one figure."""
    report = _report(request, pk)
    if not rights(request.user, report).comment:
        raise PermissionDenied
    form = CommentForm(request.POST)
    anchor = "#comments"
    if form.is_valid():
        data = form.cleaned_data
        section = None
        if data["section"] is not None:
            section = _section(report, data["section"])
            anchor = f"#section-{section.key}"
        try:
            services.add_comment(
                actor=request.user,
                report=report,
                text=data["text"],
                section=section,
                figure=data["figure"],
                figure_label=data["figure_label"],
            )
        except (ReportError, ValidationError) as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("The comment was added."))
    else:
        messages.error(request, _("Write the comment."))
    return redirect_back(request, f"{report.get_absolute_url()}{anchor}")


# --- the units below ----------------------------------------------------------------

_BLOCK = re.compile(r"<(/?)(p|ul|ol)\b[^>]*>", re.I)


def blocks(html: str) -> list[str]:
    """The top-level paragraphs and lists of a section's HTML, each whole
    (what "take over" copies into the editor)."""
    found: list[str] = []
    depth = 0
    start = 0
    for match in _BLOCK.finditer(html):
        closing = match.group(1) == "/"
        if not closing:
            if depth == 0:
                start = match.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                found.append(html[start : match.end()])
    if not found and html.strip():
        found.append(f"<p>{html.strip()}</p>")
    return found


@dataclass
class BelowRow:
    """A unit below's report beside one section (or all of them)."""

    report: Report
    sections: list[tuple[ReportSection, list[str]]]


def _below_context(request: AuthedRequest, report: Report, key: str) -> dict[str, Any]:
    below = merge.below(report, request.user)
    rows = []
    for found in below.reports:
        chosen = [
            (s, blocks(s.text)) for s in found.sections.all() if not key or s.key == key
        ]
        rows.append(BelowRow(found, chosen))
    return {
        "report": report,
        "rows": rows,
        "missing": below.missing,
        "expected": below.expected,
        "sent": below.sent,
        "key": key,
        "summary": bool(request.GET.get("summary")),
        "may_take": rights(request.user, report).edit,
    }


@login_required
@require_GET
def subunits(request: AuthedRequest, pk: int) -> HttpResponse:
    """The reports the units below sent for the same period, beside a
    section (``?section=<key>``) or whole (``?summary=1``: only who has sent
    and who has not); lazy-loaded by the report's page.

    The panel is kept (``reports.kept``: forgotten when a report or section
    changes, or the tree) per reader's scope, report and section."""
    report = _report(request, pk)
    key = request.GET.get("section", "")[:40]
    template = "reports/report_below.html"
    if not (request.htmx and not request.htmx.boosted):
        return render(request, template, _below_context(request, report, key))
    may_take = rights(request.user, report).edit
    html = FIGURES.kept(
        "below",
        request.user,
        (report.pk, key, bool(request.GET.get("summary")), may_take),
        lambda: render_to_string(
            template + "#below", _below_context(request, report, key), request
        ),
    )
    return HttpResponse(html)


# --- the workflow -------------------------------------------------------------------


def _step_done(request: AuthedRequest, report: Report, done: str, step: Any) -> None:
    try:
        step()
    except (ReportError, ValidationError) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, done)


@login_required
@require_POST
def submit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Submit the report to the unit's approver."""
    report = _report(request, pk)
    if not rights(request.user, report).submit:
        raise PermissionDenied
    _step_done(
        request,
        report,
        _("The report was submitted for approval."),
        lambda: services.submit(actor=request.user, report=report),
    )
    return redirect_back(request, report.get_absolute_url())


def _approve_initial(report: Report) -> dict[str, Any]:
    kind = report.report_type
    return {
        "issued_on": report.issued_on or timezone.localdate(),
        "signer_capacity": report.signer_capacity or kind.signer_capacity,
        "signer_title": report.signer_title or kind.signer_title,
        "signer_name": report.signer_name,
        "recipients": report.recipients or kind.recipients,
    }


@login_required
@require_http_methods(["GET", "POST"])
def approve(request: AuthedRequest, pk: int) -> HttpResponse:
    """Approve the report: numbered in the register, locked (a GET: the
    form of the date, the signature and the recipients)."""
    report = _report(request, pk)
    if not rights(request.user, report).approve:
        raise PermissionDenied
    if request.method == "GET":
        form = ApproveForm(initial=_approve_initial(report))
    else:
        form = ApproveForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.approve(
                    actor=request.user,
                    report=report,
                    issued_on=data["issued_on"],
                    signer_name=data["signer_name"],
                    signer_title=data["signer_title"],
                    signer_capacity=data["signer_capacity"],
                    recipients=data["recipients"],
                )
            except (ReportError, ValidationError) as exc:
                messages.error(request, _error_text(exc))
            else:
                report.refresh_from_db(fields=["reference"])
                messages.success(
                    request,
                    _("The report was approved as %(reference)s.")
                    % {"reference": report.reference},
                )
            return redirect_back(request, report.get_absolute_url())
    template = "reports/report_approve.html"
    if request.htmx and not request.htmx.boosted:
        template += "#form"
    return render(request, template, {"report": report, "form": form})


@login_required
@require_POST
def return_report(request: AuthedRequest, pk: int) -> HttpResponse:
    """Return the report to its unit with a note."""
    report = _report(request, pk)
    if not rights(request.user, report).return_:
        raise PermissionDenied
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the report is returned."))
        return redirect_back(request, report.get_absolute_url())
    note = clean_input(form.cleaned_data["note"], multiline=True)
    _step_done(
        request,
        report,
        _("The report was returned to its unit."),
        lambda: services.return_(actor=request.user, report=report, note=note),
    )
    return redirect_back(request, report.get_absolute_url())


@login_required
@require_POST
def send(request: AuthedRequest, pk: int) -> HttpResponse:
    """Send the approved report to the level above."""
    report = _report(request, pk)
    if not rights(request.user, report).send:
        raise PermissionDenied
    _step_done(
        request,
        report,
        _("The report was sent to the level above."),
        lambda: services.send(actor=request.user, report=report),
    )
    return redirect_back(request, report.get_absolute_url())


def _meetings(request: AuthedRequest, report: Report) -> list[Any]:
    """The meetings the report may be presented at: the body's or the
    area's, the reader sees, from the period's start on (newest first)."""
    from danvan.meetings.models import Meeting

    return list(
        Meeting.objects.visible_to(request.user)
        .filter(
            Q(convening_body_id=report.body_id) | Q(area_id=report.area_id),
            held_on__gte=report.period.start,
        )
        .order_by("-held_on", "-pk")
        .only("pk", "title", "held_on")[:30]
    )


@login_required
@require_http_methods(["GET", "POST"])
def present(request: AuthedRequest, pk: int) -> HttpResponse:
    """Make the approved report the paper of a meeting (a GET: the choice)."""
    report = _report(request, pk)
    if not rights(request.user, report).present:
        raise PermissionDenied
    meetings = _meetings(request, report)
    choices = [(m.pk, f"{m.title} ({m.held_on:%d/%m/%Y})") for m in meetings]
    form = PresentForm(request.POST if request.method == "POST" else None)
    cast(forms.ChoiceField, form.fields["meeting"]).choices = choices
    if request.method == "POST" and form.is_valid():
        meeting = next(m for m in meetings if m.pk == form.cleaned_data["meeting"])
        _step_done(
            request,
            report,
            _("The report is the paper of the meeting."),
            lambda: services.present_at(
                actor=request.user, report=report, meeting=meeting
            ),
        )
        return redirect_back(request, report.get_absolute_url())
    template = "reports/report_present.html"
    if request.htmx and not request.htmx.boosted:
        template += "#form"
    return render(request, template, {"report": report, "form": form})
