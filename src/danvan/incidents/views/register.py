"""Pages of the hot spots: the list (XLSX), a hot spot with its timeline and
links, create/edit, a follow-up, linking and unlinking.

Every object is fetched through ``visible_to`` (another unit's hot spot is a
404); writes need an editor over the hot spot (else 403).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.common import clock
from danvan.common.access import get_visible_or_404, may_edit_somewhere
from danvan.common.audit import Change, HistoryEntry, history_for
from danvan.common.forms import add_refusal
from danvan.common.http import AuthedRequest
from danvan.common.jinja import render_rows
from danvan.common.kept import list_params
from danvan.common.paging import Paginator, area_parts
from danvan.common.text import parse_id
from danvan.common.xlsx import xlsx_response
from danvan.incidents import rules, services
from danvan.incidents.filters import IncidentFilterSet
from danvan.incidents.forms import FollowUpForm, IncidentForm, LinkForm
from danvan.incidents.kept import FIGURES
from danvan.incidents.models import Incident

PAGE_SIZE = 50

# The columns a row of the list shows (incidents/incident_rows.html).
LIST_COLUMNS = (
    "title",
    "place",
    "people",
    "severity",
    "status",
    "escalating",
    "arose_on",
    "due_on",
    "next_review_on",
    "closed_on",
)


def _incidents(request: AuthedRequest) -> QuerySet[Incident]:
    return Incident.objects.visible_to(request.user)


def _incident(request: AuthedRequest, pk: int) -> Incident:
    return get_visible_or_404(
        Incident.objects.select_related("area", "owner_body", "topic"),
        request.user,
        pk=pk,
    )


def _editable(request: AuthedRequest, pk: int) -> Incident:
    incident = _incident(request, pk)
    if not rules.may_edit(request.user, incident):
        raise PermissionDenied
    return incident


def list_rows(rows: QuerySet[Incident]) -> QuerySet[Incident]:
    """The list's rows: its columns, the place's, body's and topic's names."""
    return rows.only(*LIST_COLUMNS).annotate(
        area_name=F("area__full_name"),
        body_name=F("owner_body__name"),
        topic_name=F("topic__name"),
    )


@login_required
@require_GET
def incident_list(request: AuthedRequest) -> HttpResponse:
    """Hot spots of the user's units and those below: filters, search, sorting."""
    form = IncidentFilterSet(request.GET, _incidents(request), user=request.user)
    rows = list_rows(form.qs)
    paginator = Paginator(
        rows,
        PAGE_SIZE,
        count=lambda: FIGURES.kept(
            "list-count",
            request.user,
            list_params(request.GET),
            lambda: (
                Paginator(rows, PAGE_SIZE, parts=area_parts(form, request.user)).count
            ),
        ),
    )
    page = paginator.get_page(request.GET.get("page"))
    today = clock.today()
    html = render_rows(
        "incidents/incident_rows.html", {"rows": page.object_list, "today": today}
    )
    template = "incidents/incident_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#rows"
    context = {
        "page": page,
        "rows": html,
        "form": form.form,
        "sort": form.sort_key,
        "query": request.GET.urlencode(),
        "can_create": may_edit_somewhere(request.user),
    }
    return render(request, template, context)


EXPORT_HEADERS = (
    _lazy("Arose on"),
    pgettext_lazy("hot spot", "Title"),
    _lazy("Place"),
    _lazy("Place in detail"),
    _lazy("Topic"),
    _lazy("Owner body"),
    _lazy("Severity"),
    _lazy("Status"),
    _lazy("Escalating"),
    _lazy("Overdue"),
    _lazy("Number of people"),
    pgettext_lazy("hot spot", "Deadline"),
    _lazy("Next follow-up by"),
    _lazy("Closed on"),
    _lazy("Cause"),
    _lazy("Parties"),
    _lazy("Summary"),
)


@login_required
@require_GET
def incident_export(request: AuthedRequest) -> HttpResponse:
    """The hot spots of the list, with its filters, as an XLSX workbook."""
    form = IncidentFilterSet(request.GET, _incidents(request), user=request.user)
    rows = form.qs.select_related("area", "owner_body", "topic")
    today = clock.today()
    yes, no = _("yes"), _("no")
    return xlsx_response(
        "diem-nong.xlsx",
        _("Hot spots"),
        [str(header) for header in EXPORT_HEADERS],
        (
            [
                i.arose_on,
                i.title,
                i.area.full_name,
                i.place,
                i.topic.name,
                i.owner_body.name,
                i.get_severity_display(),
                i.get_status_display(),
                yes if i.escalating else no,
                yes if i.is_overdue(today) else no,
                i.people,
                i.due_on,
                i.next_review_on,
                i.closed_on,
                i.cause,
                i.parties,
                i.summary,
            ]
            for i in rows
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def incident_create(request: AuthedRequest) -> HttpResponse:
    if not may_edit_somewhere(request.user):
        raise PermissionDenied
    form = IncidentForm(
        request.POST or None,
        user=request.user,
        initial={"arose_on": clock.today(), "people": 0},
    )
    if request.method == "POST" and form.is_valid():
        try:
            incident = services.open_incident(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, _("The hot spot was recorded."))
            return redirect(incident)
    return render(
        request, "incidents/incident_form.html", {"form": form, "incident": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def incident_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    incident = _editable(request, pk)
    form = IncidentForm(
        request.POST or None,
        user=request.user,
        initial=IncidentForm.initial_from(incident),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_incident(
                actor=request.user, incident=incident, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, _("The hot spot was saved."))
            return redirect(incident)
    return render(
        request, "incidents/incident_form.html", {"form": form, "incident": incident}
    )


def _linked(incident: Incident, user: Any) -> dict[str, list[Any]]:
    """The rows linked to ``incident`` that ``user`` reads, by kind; those
    the user does not see are counted, not named."""
    from danvan.dialogues.models import Session
    from danvan.meetings.models import Meeting
    from danvan.petitions.models import Petition

    found: dict[str, list[Any]] = {}
    for name, model, order in (
        ("petitions", Petition, "-received_on"),
        ("dialogues", Session, "-held_on"),
        ("meetings", Meeting, "-held_on"),
    ):
        rows: Any = model.objects.visible_to(user)
        found[name] = list(
            rows.filter(incidents=incident)
            .select_related("area")
            .order_by(order, "-pk")
        )
    return found


def _links_count(incident: Incident) -> int:
    """How many rows are linked to ``incident``, seen or not, in one query
    (a hot spot has a few links: their joined product stays small)."""
    found = Incident.objects.filter(pk=incident.pk).aggregate(
        **{name: Count(name, distinct=True) for name in services.LINKS}
    )
    return sum(found.values())


@login_required
@require_GET
def incident_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A hot spot: its facts, the dated timeline of follow-ups, its links."""
    incident = _incident(request, pk)
    follow_ups = list(
        incident.follow_ups.select_related("created_by").order_by("on", "pk")
    )
    linked = _linked(incident, request.user)
    hidden = _links_count(incident) - sum(len(rows) for rows in linked.values())
    context = {
        "incident": incident,
        "follow_ups": follow_ups,
        "linked": linked,
        "hidden_links": hidden,
        "overdue": incident.is_overdue(clock.today()),
        "editable": rules.may_edit(request.user, incident),
        "history": _masked_links(
            history_for(
                incident,
                follow_ups,
                user=request.user,
                known=[incident.area, incident.owner_body, *follow_ups],
            )
        ),
    }
    return render(request, "incidents/incident_detail.html", context)


def _masked_links(history: list[HistoryEntry]) -> list[HistoryEntry]:
    """The history with the links' changes unnamed.

    The log keeps a linked row's name as text, without its key, so whether
    the reader sees it cannot be told: a petition, a dialogue or a meeting
    of another unit linked by the level above must not be named there (the
    links the reader sees are listed on the page).
    """
    labels = {
        str(getattr(Incident._meta.get_field(name), "verbose_name", name))
        for name in ("petitions", "dialogues", "meetings")
    }
    for entry in history:
        entry.changes = [
            Change(
                change.label,
                _("(link removed)") if change.old else "",
                _("(link added)") if change.new else "",
            )
            if change.label in labels
            else change
            for change in entry.changes
        ]
    return history


def _form_page(
    request: AuthedRequest, template: str, context: dict[str, Any]
) -> HttpResponse:
    if request.htmx and not request.htmx.boosted:
        template += "#form"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """Add a dated follow-up (GET: the form)."""
    incident = _editable(request, pk)
    form = FollowUpForm(request.POST or None, initial={"on": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_follow_up(
                actor=request.user, incident=incident, **form.service_arguments()
            )
        except (ValidationError, PermissionDenied) as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, _("The follow-up was added."))
            return redirect(incident)
    return _form_page(
        request,
        "incidents/follow_up_form.html",
        {"form": form, "incident": incident},
    )


@login_required
@require_http_methods(["GET", "POST"])
def link_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """Link a petition, a dialogue or a meeting the user reads (GET: the form)."""
    incident = _editable(request, pk)
    form = LinkForm(request.POST or None, user=request.user, incident=incident)
    if request.method == "POST" and form.is_valid():
        try:
            services.link(
                actor=request.user, incident=incident, **form.service_arguments()
            )
        except (ValidationError, PermissionDenied) as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, _("The link was added."))
            return redirect(incident)
    return _form_page(
        request, "incidents/link_form.html", {"form": form, "incident": incident}
    )


# The kinds of a link in an address, and the service's argument for each.
UNLINK_KINDS = {"petition": "petitions", "dialogue": "dialogues", "meeting": "meetings"}


@login_required
@require_POST
def link_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    """Remove one link (``kind`` and ``row`` in the form)."""
    incident = _editable(request, pk)
    name = UNLINK_KINDS.get(request.POST.get("kind", ""))
    row = parse_id(request.POST.get("row"))
    if name is None or row is None:
        raise Http404
    try:
        services.unlink(actor=request.user, incident=incident, **{name: [row]})
    except PermissionDenied as exc:
        raise Http404 from exc
    messages.success(request, _("The link was removed."))
    return redirect(incident)
