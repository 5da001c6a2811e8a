"""Pages of the opinions raised: the list of assignments (due, overdue),
the answer and the follow-up of an assigned opinion.

An opinion is read with its dialogue, and by the body it is assigned to
(``IssueQuerySet.scope_read``); its answer is written by the editors of
either (``services.may_answer``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.common.access import get_visible_or_404
from danvan.common.http import AuthedRequest
from danvan.common.jinja import render_rows
from danvan.common.paging import Paginator
from danvan.common.xlsx import xlsx_response
from danvan.dialogues import services
from danvan.dialogues.filters import IssueFilterSet
from danvan.dialogues.forms import AnswerForm, FollowUpForm
from danvan.dialogues.models import Issue
from danvan.dialogues.views.common import (
    PAGE_SIZE,
    REFUSALS,
    fail,
    mark_overdue,
    partial,
)

LIST_COLUMNS = (
    "content",
    "raised_by",
    "status",
    "due_on",
    "answered_on",
    "session_id",
    "session__held_on",
    "session__audience",
    "assigned_body__name",
    "topic__name",
)


def _issues(request: AuthedRequest) -> Any:
    return Issue.objects.visible_to(request.user)


@login_required
@require_GET
def issue_list(request: AuthedRequest) -> HttpResponse:
    """The opinions raised at the dialogues the user sees or that are
    assigned to their units; the assigned ones first by due date."""
    form = IssueFilterSet(request.GET, _issues(request), user=request.user)
    issues = form.qs.select_related("session", "assigned_body", "topic").only(
        *LIST_COLUMNS
    )
    page = Paginator(issues, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = render_rows(
        "dialogues/issue_rows.html", {"rows": mark_overdue(list(page.object_list))}
    )
    context = {
        "page": page,
        "rows": rows,
        "form": form.form,
        "sort": form.sort_key,
        "query": request.GET.urlencode(),
    }
    return render(
        request, partial(request, "dialogues/issue_list.html", "rows"), context
    )


@login_required
@require_GET
def issue_export(request: AuthedRequest) -> HttpResponse:
    form = IssueFilterSet(request.GET, _issues(request), user=request.user)
    issues = mark_overdue(
        list(form.qs.select_related("session__area", "assigned_body", "topic"))
    )
    headers = [
        _("Date of the dialogue"),
        _("Place"),
        _("Audience"),
        _("Raised by"),
        _("Topic"),
        _("Opinion"),
        _("Status"),
        _("Assigned to"),
        _("Due on"),
        _("Overdue"),
        _("Answer"),
        _("Answered on"),
        _("Follow-up"),
    ]
    rows = (
        [
            i.session.held_on,
            i.session.area.full_name,
            i.session.audience,
            i.raised_by,
            i.topic.name if i.topic else "",
            i.content,
            i.get_status_display(),
            i.assigned_body.name if i.assigned_body else "",
            i.due_on,
            _("yes") if i.overdue else "",  # type: ignore[attr-defined]
            i.answer,
            i.answered_on,
            i.follow_up,
        ]
        for i in issues
    )
    return xlsx_response("y-kien-doi-thoai.xlsx", _("Opinions"), headers, rows)


def _answerable(request: AuthedRequest, pk: int) -> Issue:
    issue = get_visible_or_404(
        Issue.objects.select_related("session__body", "session__area", "assigned_body"),
        request.user,
        pk=pk,
    )
    if not services.may_answer(request.user, issue):
        raise PermissionDenied
    return issue


@login_required
@require_http_methods(["GET", "POST"])
def issue_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    """The answer to an assigned opinion."""
    issue = _answerable(request, pk)
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                services.answer_issue(
                    actor=request.user, issue=issue, **form.cleaned_data
                )
            except REFUSALS as exc:
                fail(form, exc)
            else:
                messages.success(request, _("The answer was recorded."))
                return redirect(issue.get_absolute_url())
    else:
        form = AnswerForm(initial={"answer": issue.answer})
    context = {"form": form, "issue": issue, "action": "answer"}
    return render(
        request, partial(request, "dialogues/issue_answer.html", "form"), context
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue_follow(request: AuthedRequest, pk: int) -> HttpResponse:
    """A dated follow-up note of an assigned opinion."""
    issue = _answerable(request, pk)
    if request.method == "POST":
        form = FollowUpForm(request.POST)
        if form.is_valid():
            try:
                services.follow_issue(
                    actor=request.user, issue=issue, **form.cleaned_data
                )
            except REFUSALS as exc:
                fail(form, exc)
            else:
                messages.success(request, _("The follow-up was recorded."))
                return redirect(issue.get_absolute_url())
    else:
        form = FollowUpForm()
    context = {"form": form, "issue": issue, "action": "follow"}
    return render(
        request, partial(request, "dialogues/issue_answer.html", "form"), context
    )
