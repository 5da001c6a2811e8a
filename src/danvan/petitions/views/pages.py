"""Pages of petitions: the list (and its XLSX), the due and overdue ones per
handling body, a petition with its deadlines, petitioners (masked unless the
reader may see them, each unmasked view logged), forwardings, attachments
and steps, and the intake form for officers entering a petition.

Every petition is fetched through ``visible_to`` (another unit's petition is
a 404); the steps need an editor of the handling body (else 403).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.common.access import get_visible_or_404, may_edit_somewhere
from danvan.common.audit import history_for
from danvan.common.clock import today
from danvan.common.files import serve_file, upload_limit
from danvan.common.forms import add_refusal
from danvan.common.http import AuthedRequest
from danvan.common.jinja import render_rows
from danvan.common.kept import list_params
from danvan.common.paging import Paginator
from danvan.common.xlsx import xlsx_response
from danvan.petitions import privacy, rules, spreadsheet
from danvan.petitions.exceptions import PetitionError
from danvan.petitions.filters import PetitionFilterSet, waiting_q, week_end
from danvan.petitions.forms import (
    AttachmentForm,
    IdentityBodiesForm,
    PetitionerFormSet,
    PetitionForm,
)
from danvan.petitions.kept import FIGURES
from danvan.petitions.models import Attachment, Petition
from danvan.petitions.views.steps import steps_for
from danvan.units.models import Area, Body

PAGE_SIZE = 50
# The due page lists at most this many petitions, the nearest deadlines
# first (the counts per body are complete).
DUE_ROWS = 60


def petitions_of(request: AuthedRequest) -> Any:
    return Petition.objects.visible_to(request.user)


def petition_of(request: AuthedRequest, pk: int) -> Petition:
    return get_visible_or_404(
        Petition.objects.select_related(
            "area", "topic", "received_by", "handling_body", "rule_set"
        ),
        request.user,
        pk=pk,
    )


# A refusal of the services shown on the form (``common.forms.add_refusal``).
fail = add_refusal


def with_petitioners(
    user: Any, petitions: list[Petition], where: str
) -> list[Petition]:
    """Each petition with ``shown`` (its petitioners as ``user`` may see
    them) and ``unmasked``; the unmasked views are logged as ``where``."""
    people = spreadsheet.petitioners_of([p.pk for p in petitions])
    seen = privacy.seen_petitions(user, petitions)
    privacy.log_views(user, sorted(seen), where)
    on = today()
    for p in petitions:
        p.unmasked = p.pk in seen  # type: ignore[attr-defined]
        p.shown = [  # type: ignore[attr-defined]
            privacy.shown(x, p.pk in seen) for x in people.get(p.pk, [])
        ]
        p.overdue = bool(  # type: ignore[attr-defined]
            p.is_open and p.next_due_on and p.next_due_on < on
        )
    return petitions


def _list_rows(petitions: Any) -> Any:
    """The columns a list row shows, joined to nothing: the page's places and
    bodies are read for the page alone (``_with_units``), so PostgreSQL picks
    the page from the petitions' own index instead of joining every petition
    of the scope to its places and bodies before the sort."""
    return petitions.only(
        "pk",
        "received_on",
        "kind",
        "channel",
        "status",
        "subject",
        "crowd",
        "people",
        "next_due_on",
        "repeat_of_id",
        "past_level",
        "received_by_id",
        "handling_body_id",
        "area_id",
    )


def _with_units(petitions: list[Petition]) -> list[Petition]:
    """The page's petitions with their place and handling body (names), and
    the areas of their handling and receiving bodies, which
    ``privacy.IdentityScope.sees`` reads: two queries by keys."""
    bodies = Body.objects.only("name", "area_id").in_bulk(
        {p.handling_body_id for p in petitions} | {p.received_by_id for p in petitions}
    )
    areas = Area.objects.only("name", "full_name").in_bulk(
        {p.area_id for p in petitions}
    )
    for p in petitions:
        p.handling_body = bodies[p.handling_body_id]
        p.area = areas[p.area_id]
        p.handling_area_id = p.handling_body.area_id  # type: ignore[attr-defined]
        p.received_area_id = bodies[p.received_by_id].area_id  # type: ignore[attr-defined]
    return petitions


# --- the list ------------------------------------------------------------------------


@login_required
@require_GET
def petition_list(request: AuthedRequest) -> HttpResponse:
    """Petitions of the user's places and bodies; filters, sorting, XLSX."""
    form = PetitionFilterSet(request.GET, petitions_of(request), user=request.user)
    on = today()
    paginator = Paginator(
        _list_rows(form.qs),
        PAGE_SIZE,
        # "Due this week" and "overdue" depend on the day: it is in the key.
        count=lambda: FIGURES.kept(
            "count",
            request.user,
            (on, *list_params(request.GET)),
            form.qs.count,
        ),
    )
    page = paginator.get_page(request.GET.get("page"))
    rows = with_petitioners(request.user, _with_units(list(page.object_list)), "list")
    template = "petitions/petition_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#rows"
    context = {
        "page": page,
        "rows": render_rows(
            "petitions/petition_rows.html", {"rows": rows, "today": today()}, request
        ),
        "form": form.form,
        "sort": form.sort_key,
        "can_create": may_edit_somewhere(request.user),
        "query": request.GET.urlencode(),
    }
    return render(request, template, context)


@login_required
@require_GET
def petition_export(request: AuthedRequest) -> HttpResponse:
    """The list's rows as XLSX (petitioners masked as on the page)."""
    petitions = PetitionFilterSet(
        request.GET, petitions_of(request), user=request.user
    ).qs
    return xlsx_response(
        "don-thu.xlsx",
        _("Petitions"),
        spreadsheet.headers(),
        spreadsheet.rows(request.user, petitions),
    )


@login_required
@require_GET
def due(request: AuthedRequest) -> HttpResponse:
    """Petitions overdue and due this week, per handling body."""
    on = today()
    petitions = petitions_of(request)
    waiting = petitions.filter(waiting_q(on))
    counts = FIGURES.kept(
        "due",
        request.user,
        (on,),
        lambda: list(
            waiting.order_by()
            .values(
                "handling_body_id", "handling_body__name", "handling_body__area__name"
            )
            .annotate(
                overdue=Count("pk", filter=Q(next_due_on__lt=on)),
                week=Count("pk", filter=Q(next_due_on__gte=on)),
            )
            .order_by("-overdue", "handling_body__name")
        ),
    )
    rows = with_petitioners(
        request.user,
        _with_units(list(_list_rows(waiting).order_by("next_due_on", "pk")[:DUE_ROWS])),
        "due",
    )
    bodies = [
        {
            "id": c["handling_body_id"],
            "name": c["handling_body__name"],
            "area": c["handling_body__area__name"],
            "overdue": c["overdue"],
            "week": c["week"],
        }
        for c in counts
    ]
    context = {
        "bodies": bodies,
        "rows": render_rows(
            "petitions/petition_rows.html", {"rows": rows, "today": on}, request
        ),
        "today": on,
        "week_end": week_end(on),
        "cut": sum(c["overdue"] + c["week"] for c in counts) > DUE_ROWS,
        "limit": DUE_ROWS,
    }
    return render(request, "petitions/due.html", context)


# --- a petition ----------------------------------------------------------------------


@login_required
@require_GET
def petition_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    from danvan.petitions import services

    petition = petition_of(request, pk)
    user = request.user
    unmasked = privacy.may_see_identity(user, petition)
    if unmasked:
        privacy.log_views(user, [petition.pk], "page")
    petitioners = [
        privacy.shown(x, unmasked) for x in petition.petitioners.order_by("order", "pk")
    ]
    on = today()
    deadlines = [
        {
            "deadline": d,
            "days_left": d.days_left(on),
            "overdue": d.overdue(on),
        }
        for d in services.deadlines_of(petition)
    ]
    forwardings = list(
        petition.forwardings.select_related("from_body", "to_body").order_by("on", "pk")
    )
    attachments = list(petition.attachments.order_by("pk"))
    identity_bodies = list(petition.identity_bodies.order_by("name", "pk"))
    repeat_of = (
        Petition.objects.visible_to(user).filter(pk=petition.repeat_of_id).first()
        if petition.repeat_of_id
        else None
    )
    repeats = list(
        Petition.objects.visible_to(user)
        .filter(repeat_of=petition)
        .order_by("received_on", "pk")
        .only("pk", "subject", "received_on")
    )
    handles = rules.may_handle(user, petition)
    changes = rules.may_change(user, petition)
    views = (
        list(petition.identity_views.select_related("user").order_by("-at", "-pk")[:50])
        if unmasked
        else []
    )
    for v in views:
        v.where_label = privacy.WHERE.get(v.where, v.where)  # type: ignore[attr-defined]
    known: list[Any] = [petition.area, petition.received_by, petition.handling_body]
    context = {
        "petition": petition,
        "petitioners": petitioners,
        "unmasked": unmasked,
        "deadlines": deadlines,
        "forwardings": forwardings,
        "attachments": attachments,
        "identity_bodies": identity_bodies,
        "repeat_of": repeat_of,
        "repeats": repeats,
        "steps": steps_for(petition) if handles else [],
        "handles": handles,
        "changes": changes,
        "views": views,
        "today": on,
        "history": history_for(
            petition,
            forwardings,
            attachments,
            user=user,
            known=known + [f.to_body for f in forwardings],
        ),
    }
    return render(request, "petitions/petition_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def petition_create(request: AuthedRequest) -> HttpResponse:
    """A petition entered by an officer on behalf of the citizens."""
    from danvan.petitions import services

    if not may_edit_somewhere(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = PetitionForm(request.POST, user=request.user)
        people = PetitionerFormSet(request.POST, prefix="p")
        if form.is_valid() and people.is_valid():
            data = form.cleaned_data
            petitioners = [
                {k: v for k, v in row.items() if k != "DELETE"}
                for row in people.cleaned_data
                if row and row.get("name")
            ]
            try:
                petition = services.receive_petition(
                    actor=request.user,
                    received_by=data["received_by"],
                    received_on=data["received_on"],
                    channel=data["channel"],
                    kind=data["kind"],
                    subject=data["subject"],
                    content=data["content"],
                    area=data["area"],
                    petitioners=petitioners,
                    topic=data["topic"],
                    crowd=data["crowd"],
                    people=data["people"],
                    act=data["act"],
                    act_on=data["act_on"],
                    handling_body=data["handling_body"],
                    remote=data["remote"],
                    complex_case=data["complex_case"],
                )
            except (ValidationError, PetitionError, PermissionDenied) as exc:
                fail(form, exc)
            else:
                messages.success(
                    request,
                    _("The petition was entered; it is handled by %(body)s.")
                    % {"body": petition.handling_body.name},
                )
                return redirect(petition.get_absolute_url())
    else:
        form = PetitionForm(user=request.user, initial={"received_on": today()})
        people = PetitionerFormSet(prefix="p")
    return render(
        request, "petitions/petition_form.html", {"form": form, "people": people}
    )


@login_required
@require_GET
def attachment(request: AuthedRequest, pk: int) -> FileResponse:
    """A petition's file, as uploaded, to those who read the petition."""
    row = get_visible_or_404(Attachment.objects.all(), request.user, pk=pk)
    return serve_file(row.file, filename=row.original_name)


@login_required
@upload_limit("attachment")
@require_http_methods(["GET", "POST"])
def attachment_add(request: AuthedRequest, pk: int) -> HttpResponse:
    from danvan.petitions import services

    petition = petition_of(request, pk)
    if not rules.may_change(request.user, petition):
        raise PermissionDenied
    if request.method == "POST":
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.add_attachment(
                    actor=request.user,
                    petition=petition,
                    upload=form.cleaned_data["upload"],
                    description=form.cleaned_data["description"],
                )
            except (ValidationError, PetitionError, PermissionDenied) as exc:
                fail(form, exc)
            else:
                messages.success(request, _("The file was attached."))
                return redirect(petition.get_absolute_url())
    else:
        form = AttachmentForm()
    return render(
        request,
        "petitions/step_form.html",
        {
            "petition": petition,
            "form": form,
            "title": _("Attach a file"),
            "multipart": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def identity_bodies(request: AuthedRequest, pk: int) -> HttpResponse:
    """The bodies besides the handling and receiving ones that see the
    petitioners."""
    from danvan.petitions import services

    petition = petition_of(request, pk)
    if not rules.may_handle(request.user, petition):
        raise PermissionDenied
    if request.method == "POST":
        form = IdentityBodiesForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                services.set_identity_bodies(
                    actor=request.user,
                    petition=petition,
                    bodies=list(form.cleaned_data["bodies"]),
                )
            except (ValidationError, PetitionError, PermissionDenied) as exc:
                fail(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect(petition.get_absolute_url())
    else:
        form = IdentityBodiesForm(
            user=request.user,
            initial={
                "bodies": list(petition.identity_bodies.values_list("pk", flat=True))
            },
        )
    return render(
        request,
        "petitions/step_form.html",
        {
            "petition": petition,
            "form": form,
            "title": _("Who else sees the petitioners"),
        },
    )
