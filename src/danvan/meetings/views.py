"""Pages of meetings: lists, a meeting with its conclusions and tasks, tasks.

Every object is fetched through ``visible_to`` (another unit's meeting is a
404); writes need the editor role over the convening body (else 403).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, QuerySet, prefetch_related_objects
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from markupsafe import Markup

from danvan.common import rules
from danvan.common.access import (
    cached_for_user,
    can_view,
    get_visible_or_404,
    seen_or_404,
)
from danvan.common.api import Row
from danvan.common.audit import HistoryEntry, history_for
from danvan.common.compiled import KeyedQuery
from danvan.common.files import serve_file
from danvan.common.http import AuthedRequest, redirect_back, safe_next
from danvan.common.jinja import options, render_rows
from danvan.common.kept import list_params
from danvan.common.models import choice_label
from danvan.common.paging import Paginator, area_parts
from danvan.common.text import parse_id
from danvan.common.xlsx import xlsx_response
from danvan.meetings import periods, services
from danvan.meetings.filters import (
    MeetingFilterSet,
    TaskFilterSet,
    task_count_parts,
    with_task_counts,
)
from danvan.meetings.forms import (
    ConclusionForm,
    MeetingForm,
    PaperForm,
    TaskForm,
    TaskStatusForm,
)
from danvan.meetings.kept import FIGURES
from danvan.meetings.models import Conclusion, GeneratedDocument, Meeting, Task
from danvan.reports.models import Report
from danvan.units.models import Body, Person

PAGE_SIZE = 50

# The columns a row of the meetings list shows (and its body's and area's
# names, annotated).
LIST_COLUMNS = (
    "held_on",
    "title",
    "kind",
    "period_type",
    "period_year",
    "period_number",
    "period_start",
    "period_end",
)

# The columns a task row shows as an instance (carried to a meeting), and the
# paths its meeting's may_edit reads.
TASK_LIST_COLUMNS = (
    "title",
    "status",
    "due_on",
    "done_on",
    "meeting__title",
    "meeting__held_on",
    "meeting__area_path",
    "meeting__convening_body_path",
    "owner_body__name",
)

# The values a row of the task list shows (meetings/task_rows.html), and the
# meeting's paths, copied on the task, that may_edit reads.
TASK_LIST_VALUES = (
    "id",
    "title",
    "status",
    "due_on",
    "done_on",
    "meeting_id",
    "meeting__title",
    "meeting__held_on",
    "meeting_area_path",
    "meeting_body_path",
    "owner_body__name",
)


class TaskRow(Row):
    """A task of the list read as values: the row template reads it as it
    reads a Task (``meeting.title``, ``owner_body.name``,
    ``get_status_display()``); no model instance is made for it, its meeting
    or its body."""

    @property
    def unit_paths(self) -> tuple[str, str]:
        """Its meeting's unit (the paths copied on the task), for may_edit."""
        return self.meeting_area_path, self.meeting_body_path

    def get_status_display(self) -> str:
        return choice_label(Task, "status", self.status)


def _meetings(request: AuthedRequest) -> QuerySet[Meeting]:
    return Meeting.objects.visible_to(request.user)


def _tasks(request: AuthedRequest) -> QuerySet[Task]:
    return (
        Task.objects.visible_to(request.user)
        .annotate_own(request.user)
        .select_related("owner_body", "meeting")
    )


def _has_editable_body(user: Any) -> bool:
    return Body.objects.editable_by(user).exists()


def _may_create(user: Any) -> bool:
    """Is the user an editor of some body (who may convene a meeting)?

    Kept with the user's scope (``cached_for_user``): it changes only with the
    memberships and the tree, which forget it.
    """
    if not user.is_authenticated:
        return False
    return cached_for_user(user, "meetings:may_create", _has_editable_body)


def _editable_meeting(request: AuthedRequest, pk: int) -> Meeting:
    meeting = get_visible_or_404(
        Meeting.objects.select_related("convening_body", "area", "series"),
        request.user,
        pk=pk,
    )
    if not services.may_edit(request.user, meeting):
        raise PermissionDenied
    return meeting


def _history(
    meeting: Meeting,
    user: Any,
    conclusions: list[Conclusion],
    tasks: list[Task],
    people: list[Person],
    papers: list[GeneratedDocument],
) -> list[HistoryEntry]:
    # The rows the page has read name themselves in the log: they are the
    # meeting's (seen with it) or bodies and areas (named to everyone); the
    # series and the people the page has read (``people``: its chair,
    # secretary and attendees, with their areas) when the reader sees them.
    seen = {person.pk: can_view(user, person) for person in people}
    known = [
        meeting.convening_body,
        meeting.area,
        *conclusions,
        *tasks,
        *(task.owner_body for task in tasks),
        # Seen by the reader as a query would tell (their area is read).
        *(person for person in people if seen[person.pk]),
    ]
    body = meeting.convening_body
    if meeting.series.body_id == body.pk and can_view(user, body):
        # The series is seen where its body is, and names it: the one read.
        meeting.series.body = body
        known.append(meeting.series)
    # The entries of its conclusions, tasks and papers: the rows read (all of
    # the meeting's), none asked of a kind it has none of. The people it
    # has read that the reader does not see read unnamed, without a query.
    return history_for(
        meeting,
        conclusions,
        tasks,
        papers,
        user=user,
        known=known,
        unseen=[person for person in people if not seen[person.pk]],
    )


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# --- meetings ------------------------------------------------------------------------


@login_required
@require_GET
def meeting_list(request: AuthedRequest) -> HttpResponse:
    """Meetings of the user's units: filters, accent-free search, sorting."""
    visible = _meetings(request)
    # Its span of years is kept (MeetingFilterSet, for the user).
    form = MeetingFilterSet(request.GET, visible, user=request.user)
    # The row's columns alone (meetings/meeting_rows.html); the body's and
    # area's names are read with it, not as rows of their own.
    meetings = form.qs.only(*LIST_COLUMNS).annotate(
        body_name=F("convening_body__name"), area_name=F("area__full_name")
    )
    # The count reads each range of the scope on its own (common.paging), and
    # is kept with the span of years until a meeting or task changes.
    paginator = Paginator(
        meetings,
        PAGE_SIZE,
        count=lambda: FIGURES.kept(
            "meeting-count",
            request.user,
            list_params(request.GET),
            lambda: (
                Paginator(
                    meetings, PAGE_SIZE, parts=area_parts(form, request.user)
                ).count
            ),
        ),
    )
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = with_task_counts(page.object_list)
    template = "meetings/meeting_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#rows"
    context = {
        "page": page,
        "form": form.form,
        "sort": form.sort_key,
        "can_create": _may_create(request.user),
    }
    return render(request, template, context)


@login_required
@require_GET
def meeting_export(request: AuthedRequest) -> HttpResponse:
    """The meetings of the list, with its filters, as an XLSX workbook."""
    visible = _meetings(request)
    form = MeetingFilterSet(request.GET, visible)
    meetings = form.qs.select_related("convening_body", "area", "chair")
    meetings = with_task_counts(meetings, keys=form.qs)
    headers = [
        _("Date"),
        _("Kind"),
        pgettext("meeting", "Title"),
        _("Convening body"),
        _("Area"),
        _("Period reviewed"),
        _("From"),
        _("To"),
        _("Place"),
        _("Chair"),
        _("Tasks"),
        _("Open tasks"),
    ]
    rows = (
        [
            m.held_on,
            m.get_kind_display(),
            m.title,
            m.convening_body.name,
            m.area.full_name,
            m.period_label,
            m.period_start,
            m.period_end,
            m.place,
            m.chair_name or (m.chair.full_name if m.chair else ""),
            m.task_count,  # type: ignore[attr-defined]
            m.open_count,  # type: ignore[attr-defined]
        ]
        for m in meetings
    )
    return xlsx_response("hoi-nghi.xlsx", _("Meetings"), headers, rows)


def _next_meeting_initial(previous: Meeting) -> dict[str, Any]:
    """A new meeting of ``previous``'s series: same body, place, chair; next period."""
    initial = MeetingForm.initial_from(previous)
    year, number = periods.next_period(
        previous.period_type, previous.period_year, previous.period_number
    )
    initial.update(
        title="",
        held_on=None,
        agenda="",
        period_year=year,
        period_number=number,
        period_start=None,  # resolved again from the next period
        period_end=None,
    )
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: AuthedRequest) -> HttpResponse:
    """Record a meeting; ``?after=<id>`` starts from that meeting's series."""
    if not _may_create(request.user):
        raise PermissionDenied
    initial: dict[str, Any] = {}
    after = parse_id(request.GET.get("after"))
    if after is not None:
        previous = _meetings(request).filter(pk=after).select_related("series").first()
        if previous is not None:
            initial = _next_meeting_initial(previous)
    form = MeetingForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.create_meeting(
                actor=request.user, **form.service_arguments()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The meeting was recorded."))
            return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = _editable_meeting(request, pk)
    form = MeetingForm(
        request.POST or None,
        user=request.user,
        initial=MeetingForm.initial_from(meeting),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_meeting(
                actor=request.user, meeting=meeting, **form.service_arguments()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect(meeting)
    return render(
        request, "meetings/meeting_form.html", {"form": form, "meeting": meeting}
    )


def task_status_options() -> dict[str, Markup]:
    """The ``<option>``s of a task row's status, by the status chosen: written
    once per page (in the request's language), not once a row."""
    choices = [(value, str(label)) for value, label in Task.Status.choices]
    # A status outside the choices selects none, as options() would.
    written: dict[str, Markup] = defaultdict(lambda: options(choices, None))
    written.update({value: options(choices, value) for value, _label in choices})
    return written


def _task_row(request: AuthedRequest, task: Task, **extra: Any) -> HttpResponse:
    """A task's row alone (htmx answers to a change on a list or a meeting)."""
    task.editable = services.may_edit(request.user, task.meeting)  # type: ignore[attr-defined]
    context = {"rows": [task], "status_options": task_status_options(), **extra}
    return HttpResponse(render_rows("meetings/task_rows.html", context, request))


def _meeting_rows(
    meeting: Meeting,
) -> tuple[list[Task], list[Conclusion], Meeting | None, list[Task]]:
    """The meeting's tasks (with their lead bodies) and conclusions, the
    meeting before it in its series, and the tasks carried from the earlier
    ones: what only the meetings, tasks, conclusions and bodies change."""
    # Read by the meeting's key (not its related managers), so that the rows
    # kept do not carry a copy of the meeting.
    tasks = list(Task.objects.filter(meeting=meeting.pk).select_related("owner_body"))
    # One meeting's: its order needs no join to the meeting.
    conclusions = list(
        Conclusion.objects.filter(meeting=meeting.pk).order_by("order", "pk")
    )
    # The rows show the task's meeting and lead body (their columns alone),
    # not its conclusion.
    carried = list(
        services.carried_forward(meeting)
        .select_related(None)
        .select_related("meeting", "owner_body")
        .only(*TASK_LIST_COLUMNS)
    )
    return tasks, conclusions, services.previous_meeting(meeting), carried


# The meeting (with the rows its page names), its chair and secretary (one
# or two keys), attendees and papers.
_MEETING = KeyedQuery(
    lambda pk: Meeting.objects.filter(pk=pk).select_related(
        "convening_body", "area", "series", "created_by"
    )
)
_OFFICERS = KeyedQuery(
    lambda *keys: Person.objects.filter(pk__in=keys).select_related("area")
)
_ATTENDEES = KeyedQuery(
    lambda meeting: (
        Person.objects.filter(attended_meetings=meeting)
        .select_related("area")
        .order_by("search_name")
    )
)
_PAPERS = KeyedQuery(
    lambda meeting: GeneratedDocument.objects.filter(meeting=meeting).select_related(
        "generated_by"
    )
)


# The periodic reports taken as the meeting's papers (reports.present_at).
_REPORTS = KeyedQuery(
    lambda meeting: (
        Report.objects.filter(meeting=meeting)
        .only(
            "pk",
            "title",
            "reference",
            "issued_on",
            "status",
            "area_path",
            "body_path",
            "meeting_id",
        )
        .order_by("-span_end", "pk")
    )
)


def _reports_seen(user: Any, meeting: Meeting) -> list[Report]:
    """The reports presented at ``meeting`` that ``user`` reads (their
    copied paths against the user's scope: no more query)."""
    return [r for r in _REPORTS(meeting.pk) if rules.may_view(user, r)]


def _read_officers(meeting: Meeting) -> None:
    """Set the meeting's chair and secretary, with their areas, in one query;
    its body's area is the meeting's (read with it)."""
    body = meeting.convening_body
    if body.area_id == meeting.area_id:
        body.area = meeting.area
    keys = [k for k in (meeting.chair_id, meeting.secretary_id) if k is not None]
    if not keys:
        return
    people = {p.pk: p for p in _OFFICERS(*keys)}
    if meeting.chair_id is not None:
        meeting.chair = people.get(meeting.chair_id)
    if meeting.secretary_id is not None:
        meeting.secretary = people.get(meeting.secretary_id)


@login_required
@require_GET
def meeting_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A meeting, its conclusions, tasks, papers and change log.

    The page holds no form but the conclusion's text: a task's form and a
    paper's options are loaded when asked for (``conclusion_task``,
    ``task_add`` and ``paper_generate`` answer a GET), so the page costs the
    same whatever the number of conclusions and bodies.
    """
    # Few joins: PostgreSQL spent 1.6 ms planning the ten of the meeting with
    # its body's area, its chair's and secretary's (read after, together).
    # A meeting is seen where its copied paths lie in the reader's scope:
    # asked of the row read by its key.
    meeting: Meeting = seen_or_404(request.user, next(iter(_MEETING(pk)), None))
    _read_officers(meeting)
    editable = services.may_edit(request.user, meeting)
    # Its tasks and conclusions, the meeting before it and the tasks carried
    # from the earlier ones: kept until a meeting, task or conclusion (or a
    # body's name) changes.
    tasks, conclusions, previous, carried = FIGURES.kept(
        "meeting-rows", request.user, (meeting.pk,), lambda: _meeting_rows(meeting)
    )
    by_conclusion: dict[int, list[Task]] = {}
    for task in tasks:
        task.meeting = meeting
        task.editable = editable  # type: ignore[attr-defined]
        if task.conclusion_id is not None:
            by_conclusion.setdefault(task.conclusion_id, []).append(task)
    for conclusion in conclusions:
        conclusion.meeting = meeting
        # A template-only attribute on the instance; the model has no such field.
        conclusion.task_list = by_conclusion.get(conclusion.pk, [])  # type: ignore[attr-defined]
    attendees: list[Person] = _ATTENDEES(meeting.pk)
    for task in carried:
        task.editable = editable  # type: ignore[attr-defined]
    # Its papers, with who generated them (a plain query: no prefetch machinery).
    generated = {g.kind: g for g in _PAPERS(meeting.pk)}
    papers = [
        {"kind": kind, "label": capfirst(label), "generated": generated.get(kind)}
        for kind, label in GeneratedDocument.Kind.choices
    ]
    presented = _reports_seen(request.user, meeting)
    people = [
        person
        for person in (meeting.chair, meeting.secretary, *attendees)
        if person is not None
    ]
    context = {
        "meeting": meeting,
        "editable": editable,
        "chair": services.chair_label(meeting),
        "attendees": attendees,
        "guests": [g for g in meeting.guests.split("\n") if g.strip()],
        "conclusions": conclusions,
        "tasks": tasks,
        "carried": carried,
        "previous": previous,
        "papers": papers,
        "reports": presented,
        "status_options": task_status_options(),
        "conclusion_form": ConclusionForm(),
        "history": _history(
            meeting, request.user, conclusions, tasks, people, [*generated.values()]
        ),
    }
    return render(request, "meetings/meeting_detail.html", context)


@login_required
@require_POST
def conclusion_add(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = _editable_meeting(request, pk)
    form = ConclusionForm(request.POST)
    if form.is_valid():
        try:
            services.add_conclusion(
                actor=request.user, meeting=meeting, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
    else:
        messages.error(request, _("Write the conclusion."))
    return redirect_back(request, f"{meeting.get_absolute_url()}#conclusions")


def _editable_conclusion(request: AuthedRequest, pk: int) -> Conclusion:
    conclusion = get_visible_or_404(
        Conclusion.objects.select_related("meeting__convening_body", "meeting__area"),
        request.user,
        pk=pk,
    )
    if not services.may_edit(request.user, conclusion.meeting):
        raise PermissionDenied
    return conclusion


@login_required
@require_POST
def conclusion_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    conclusion = _editable_conclusion(request, pk)
    meeting = conclusion.meeting
    services.delete_conclusion(actor=request.user, conclusion=conclusion)
    messages.success(request, _("The conclusion was removed."))
    return redirect_back(request, f"{meeting.get_absolute_url()}#conclusions")


def _task_form(
    request: AuthedRequest,
    form: TaskForm,
    meeting: Meeting,
    action: str,
    conclusion: Conclusion | None = None,
) -> HttpResponse:
    """A task's form: for htmx the form alone, swapped into the meeting's page."""
    template = "meetings/task_form.html"
    if request.htmx and not request.htmx.boosted:
        template += "#form"
    context = {
        "form": form,
        "meeting": meeting,
        "conclusion": conclusion,
        "action": action,
    }
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def conclusion_task(request: AuthedRequest, pk: int) -> HttpResponse:
    """Make a task of a conclusion: a lead body and a due date (a GET: the form)."""
    conclusion = _editable_conclusion(request, pk)
    if request.method == "GET":
        form = TaskForm(
            user=request.user,
            title_required=False,
            auto_id=f"id_c{conclusion.pk}_%s",
        )
        action = reverse("meetings:conclusion_task", args=[conclusion.pk])
        return _task_form(request, form, conclusion.meeting, action, conclusion)
    form = TaskForm(request.POST, user=request.user, title_required=False)
    if form.is_valid():
        try:
            services.task_from_conclusion(
                actor=request.user, conclusion=conclusion, **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, _("The task was set."))
    else:
        messages.error(request, _("Choose the lead body."))
    return redirect_back(request, f"{conclusion.meeting.get_absolute_url()}#tasks")


@login_required
@require_http_methods(["GET", "POST"])
def task_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """Add a task to the meeting (a GET: the form)."""
    meeting = _editable_meeting(request, pk)
    if request.method == "GET":
        form = TaskForm(user=request.user, auto_id="id_task_%s")
        action = reverse("meetings:task_add", args=[meeting.pk])
        return _task_form(request, form, meeting, action)
    form = TaskForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.create_task(
                actor=request.user, meeting=meeting, **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, _("The task was set."))
    else:
        messages.error(request, _("Say what is to be done and choose the lead body."))
    return redirect_back(request, f"{meeting.get_absolute_url()}#tasks")


def _paper_form(request: AuthedRequest, meeting: Meeting, kind: str) -> HttpResponse:
    """A paper's options, as last generated or else the defaults: for htmx the
    form alone, swapped into the meeting's page; else a page of its own."""
    # The meeting's papers read once: the one found and its options
    # (services.paper_options) are read from the same list.
    prefetch_related_objects([meeting], "generated_documents")
    generated = next(
        (g for g in meeting.generated_documents.all() if g.kind == kind), None
    )
    options = services.paper_options(meeting, kind)
    form = PaperForm(
        initial={
            "issued_on": options.issued_on,
            "signer_capacity": options.signer_capacity,
            "signer_title": options.signer_title,
            "signer_name": options.signer_name,
            "recipients": "\n".join(options.recipients),
        },
        prefix=kind,
    )
    paper = {
        "kind": kind,
        "label": GeneratedDocument.Kind(kind).label,
        "generated": generated,
        "form": form,
    }
    template = "meetings/paper_form.html"
    if request.htmx and not request.htmx.boosted:
        template += "#form"
    return render(request, template, {"meeting": meeting, "paper": paper})


@login_required
@require_http_methods(["GET", "POST"])
def paper_generate(request: AuthedRequest, pk: int, kind: str) -> HttpResponse:
    """Generate (or generate again) the minutes or the conclusion notice (a
    GET: the form of its options)."""
    meeting = _editable_meeting(request, pk)
    if kind not in GeneratedDocument.Kind.values:
        raise PermissionDenied
    if request.method == "GET":
        return _paper_form(request, meeting, kind)
    form = PaperForm(request.POST, prefix=kind)
    if form.is_valid():
        try:
            paper = services.generate_paper(
                actor=request.user, meeting=meeting, kind=kind, **form.options()
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(
                request,
                _("%(paper)s was generated.") % {"paper": paper},
            )
    else:
        messages.error(request, _("Check the date of issue."))
    return redirect_back(request, f"{meeting.get_absolute_url()}#papers")


@login_required
@require_GET
def paper_download(request: AuthedRequest, pk: int) -> FileResponse:
    paper = get_visible_or_404(GeneratedDocument, request.user, pk=pk)
    return serve_file(paper.file, filename=paper.download_name)


# --- tasks ---------------------------------------------------------------------------


@login_required
@require_GET
def task_list(request: AuthedRequest) -> HttpResponse:
    """Tasks of the user's units: open, overdue, by lead body and due date."""
    # The filters read the visible rows plainly (their choices ask no more);
    # the page's rows are then marked and joined as _tasks() does.
    # Its span of years is kept (TaskFilterSet, for the user).
    form = TaskFilterSet(
        request.GET, Task.objects.visible_to(request.user), user=request.user
    )
    tasks = form.qs
    # The count and the span of years are kept until a meeting or task changes.
    # The page's rows as values (TaskRow), read with their meeting's and
    # body's columns in the same query.
    paginator = Paginator(
        tasks.values_list(*TASK_LIST_VALUES),
        PAGE_SIZE,
        count=lambda: FIGURES.kept(
            "task-count",
            request.user,
            list_params(request.GET),
            # Each range of the scope counted on its own, as the API counts.
            lambda: (
                Paginator(
                    tasks,
                    PAGE_SIZE,
                    parts=task_count_parts(form, request.user),
                ).count
            ),
        ),
    )
    page = paginator.get_page(request.GET.get("page"))
    make = TaskRow.maker(TASK_LIST_VALUES)
    page.object_list = rows = [make(values) for values in page.object_list]
    today = timezone.localdate()
    editable: dict[tuple[str, str], tuple[bool, bool]] = {}
    for row in rows:
        # No query: the scope is cached; asked once per unit (a unit's
        # meetings answer alike), as services.may_edit asks of the meeting.
        # A task is the user's own when its meeting is in their units (else
        # they read it as its lead body's: annotate_own, asked in Python).
        paths = row.unit_paths
        if paths not in editable:
            editable[paths] = (
                rules.may_edit(request.user, row),
                can_view(request.user, row),
            )
        row.editable, row.is_own = editable[paths]
        row.is_overdue = Task.overdue_on(row.status, row.due_on, today)
    template = "meetings/task_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#rows"
    return render(
        request,
        template,
        {
            "page": page,
            "form": form.form,
            "sort": form.sort_key,
            "status_options": task_status_options(),
        },
    )


@login_required
@require_GET
def task_export(request: AuthedRequest) -> HttpResponse:
    tasks = TaskFilterSet(request.GET, _tasks(request)).qs
    headers = [
        _("Task"),
        _("Lead body"),
        _("Due date"),
        _("Status"),
        _("Done on"),
        _("Meeting"),
        _("Meeting date"),
        _("Convening body"),
        _("Follow-up notes"),
    ]
    rows = (
        [
            t.title,
            t.owner_body.name,
            t.due_on,
            t.get_status_display(),
            t.done_on,
            t.meeting.title,
            t.meeting.held_on,
            t.meeting.convening_body.name,
            t.notes,
        ]
        for t in tasks
    )
    return xlsx_response("nhiem-vu.xlsx", _("Tasks"), headers, rows)


@login_required
@require_GET
def task_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(_tasks(request).select_related("conclusion"), pk=pk)
    editable = services.may_edit(request.user, task.meeting)
    later = (
        Meeting.objects.filter(
            series=task.meeting.series_id, held_on__gt=task.meeting.held_on
        )
        .visible_to(request.user)
        .order_by("held_on")
    )
    context = {
        "task": task,
        "editable": editable,
        "status_form": TaskStatusForm(initial={"status": task.status}),
        "edit_form": (
            TaskForm(
                user=request.user,
                initial={
                    "title": task.title,
                    "owner_body": task.owner_body_id,
                    "due_on": task.due_on,
                },
            )
            if editable
            else None
        ),
        "later_meetings": later,
        "history": history_for(task, user=request.user),
    }
    return render(request, "meetings/task_detail.html", context)


def _editable_task(request: AuthedRequest, pk: int) -> Task:
    task = get_object_or_404(_tasks(request), pk=pk)
    if not services.may_edit(request.user, task.meeting):
        raise PermissionDenied
    return task


@login_required
@require_POST
def task_status(request: AuthedRequest, pk: int) -> HttpResponse:
    """Change a task's status; for htmx, the task's row again."""
    task = _editable_task(request, pk)
    form = TaskStatusForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.set_task_status(actor=request.user, task=task, **form.cleaned_data)
        except ValidationError as exc:
            error = _errors(exc)
    else:
        error = _("Unknown status.")
    if request.htmx and request.POST.get("row"):
        return _task_row(
            request,
            task,
            row=request.POST["row"],
            error=error,
            next_url=safe_next(request, ""),
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("The task was updated."))
    return redirect_back(request, task.get_absolute_url())


@login_required
@require_POST
def task_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    task = _editable_task(request, pk)
    form = TaskForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.update_task(
                actor=request.user,
                task=task,
                title=form.cleaned_data["title"],
                owner_body=form.cleaned_data["owner_body"],
                due_on=form.cleaned_data["due_on"],
                clear_due=form.cleaned_data["due_on"] is None,
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, _("The task was updated."))
    else:
        messages.error(request, _("Say what is to be done and choose the lead body."))
    return redirect_back(request, task.get_absolute_url())
