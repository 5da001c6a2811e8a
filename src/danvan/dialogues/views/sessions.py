"""Pages of dialogues: the list (filters, XLSX), a dialogue with its
opinions, its form, the opinion form and the minutes (DOCX).

Every dialogue is fetched through ``visible_to`` (another unit's is a 404);
writes need the editor role over its holding body or place (else 403).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.common import clock
from danvan.common.access import get_visible_or_404, may_edit_somewhere
from danvan.common.audit import history_for
from danvan.common.files import serve_bytes
from danvan.common.http import AuthedRequest
from danvan.common.jinja import render_rows
from danvan.common.paging import Paginator, area_parts
from danvan.common.xlsx import xlsx_response
from danvan.dialogues import paper, services
from danvan.dialogues.filters import SessionFilterSet, overdue_q
from danvan.dialogues.forms import IssueForm, SessionForm
from danvan.dialogues.models import Issue, Session
from danvan.dialogues.views.common import (
    PAGE_SIZE,
    REFUSALS,
    fail,
    mark_overdue,
    partial,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The columns a row of the list shows.
LIST_COLUMNS = (
    "held_on",
    "kind",
    "leader_name",
    "leader_title",
    "audience",
    "participants",
    "area_path",
    "body_path",
    "area__name",
    "area__kind",
    "body__name",
)


def _sessions(request: AuthedRequest) -> Any:
    return Session.objects.visible_to(request.user)


def _with_counts(rows: list[Session]) -> list[Session]:
    """Each row's ``opinions``, ``waiting`` and ``overdue``: one query for
    the rows shown, never grouped over the scope."""
    today = clock.today()
    counts: dict[int, dict[str, Any]] = {
        row["session_id"]: dict(row)
        for row in Issue.objects.filter(session__in=[s.pk for s in rows])
        .order_by()
        .values("session_id")
        .annotate(
            opinions=Count("pk"),
            waiting=Count("pk", filter=Q(status=Issue.Status.ASSIGNED)),
            overdue=Count("pk", filter=overdue_q(today)),
        )
    }
    for session in rows:
        found = counts.get(session.pk, {})
        session.opinions = found.get("opinions", 0)  # type: ignore[attr-defined]
        session.waiting = found.get("waiting", 0)  # type: ignore[attr-defined]
        session.overdue = found.get("overdue", 0)  # type: ignore[attr-defined]
    return rows


@login_required
@require_GET
def session_list(request: AuthedRequest) -> HttpResponse:
    """The dialogues of the user's units; filters, search, sorting."""
    form = SessionFilterSet(request.GET, _sessions(request))
    sessions = form.qs.select_related("area", "body").only(*LIST_COLUMNS)
    paginator = Paginator(sessions, PAGE_SIZE, parts=area_parts(form, request.user))
    page = paginator.get_page(request.GET.get("page"))
    rows = render_rows(
        "dialogues/session_rows.html", {"rows": _with_counts(list(page.object_list))}
    )
    context = {
        "page": page,
        "rows": rows,
        "form": form.form,
        "sort": form.sort_key,
        "can_create": may_edit_somewhere(request.user),
        "query": request.GET.urlencode(),
    }
    return render(
        request, partial(request, "dialogues/session_list.html", "rows"), context
    )


@login_required
@require_GET
def session_export(request: AuthedRequest) -> HttpResponse:
    """The dialogues of the list, with its filters, as an XLSX workbook."""
    form = SessionFilterSet(request.GET, _sessions(request))
    sessions = _with_counts(list(form.qs.select_related("area", "body")))
    headers = [
        _("Date"),
        _("Kind"),
        _("Holding body"),
        _("Leader who holds it"),
        _("Leader's title"),
        _("Place"),
        _("Audience"),
        _("Audience in detail"),
        _("Venue"),
        _("Participants"),
        _("Subject"),
        _("Opinions raised"),
        _("Waiting for the answer"),
        _("Overdue"),
    ]
    rows = (
        [
            s.held_on,
            s.get_kind_display(),
            s.body.name,
            s.leader_name,
            s.leader_title,
            s.area.full_name,
            s.get_audience_kind_display(),
            s.audience,
            s.place,
            s.participants,
            s.subject,
            s.opinions,  # type: ignore[attr-defined]
            s.waiting,  # type: ignore[attr-defined]
            s.overdue,  # type: ignore[attr-defined]
        ]
        for s in sessions
    )
    return xlsx_response("doi-thoai.xlsx", _("Dialogues"), headers, rows)


def _save(request: AuthedRequest, form: SessionForm, session: Session | None) -> Any:
    data = form.cleaned_data
    if session is None:
        return services.hold_session(actor=request.user, **data)
    return services.update_session(actor=request.user, session=session, **data)


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: AuthedRequest) -> HttpResponse:
    if not may_edit_somewhere(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = SessionForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                session = _save(request, form, None)
            except REFUSALS as exc:
                fail(form, exc)
            else:
                messages.success(request, _("The dialogue was recorded."))
                return redirect(session.get_absolute_url())
    else:
        form = SessionForm(user=request.user, initial={"held_on": clock.today()})
    return render(
        request, "dialogues/session_form.html", {"form": form, "session": None}
    )


def _session(request: AuthedRequest, pk: int) -> Session:
    return get_visible_or_404(
        Session.objects.select_related("body", "area"), request.user, pk=pk
    )


def _editable(request: AuthedRequest, pk: int) -> Session:
    session = _session(request, pk)
    if not services.may_edit(request.user, session):
        raise PermissionDenied
    return session


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    session = _editable(request, pk)
    if request.method == "POST":
        form = SessionForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                _save(request, form, session)
            except REFUSALS as exc:
                fail(form, exc)
            else:
                messages.success(request, _("The dialogue was updated."))
                return redirect(session.get_absolute_url())
    else:
        form = SessionForm(user=request.user, initial=SessionForm.initial_from(session))
    return render(
        request, "dialogues/session_form.html", {"form": form, "session": session}
    )


def _issues(session: Session) -> list[Issue]:
    return list(
        session.issues.select_related("topic", "assigned_body").order_by("order", "pk")
    )


@login_required
@require_GET
def session_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A dialogue: its facts, the opinions raised and how each was answered,
    the minutes, its history."""
    session = _session(request, pk)
    issues = mark_overdue(_issues(session))
    editable = services.may_edit(request.user, session)
    for issue in issues:
        issue.answerable = issue.status != Issue.Status.ANSWERED and (  # type: ignore[attr-defined]
            editable or services.may_answer(request.user, issue)
        )
    history = history_for(
        session,
        issues,
        user=request.user,
        known=[
            session.body,
            session.area,
            *issues,
            *(i.assigned_body for i in issues if i.assigned_body),
        ],
    )
    context = {
        "session": session,
        "issues": issues,
        "editable": editable,
        "history": history,
        "answered": sum(1 for i in issues if i.status == Issue.Status.ANSWERED),
    }
    return render(request, "dialogues/session_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def issue_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """An opinion raised at the dialogue: answered there, or assigned."""
    session = _editable(request, pk)
    if request.method == "POST":
        form = IssueForm(request.POST, user=request.user, session=session)
        if form.is_valid():
            try:
                services.add_issue(
                    actor=request.user, session=session, **form.cleaned_data
                )
            except REFUSALS as exc:
                fail(form, exc)
            else:
                messages.success(request, _("The opinion was added."))
                return redirect(session.get_absolute_url())
    else:
        form = IssueForm(user=request.user, session=session)
    context = {"form": form, "session": session}
    return render(
        request, partial(request, "dialogues/issue_form.html", "form"), context
    )


@login_required
@require_GET
def session_minutes(request: AuthedRequest, pk: int) -> HttpResponse:
    """The minutes of the dialogue as DOCX, in the Party layout."""
    session = _session(request, pk)
    content = paper.minutes_docx(session, _issues(session))
    return serve_bytes(content, filename=paper.filename(session), content_type=DOCX)
