"""The register: list, export, registration with similarity hints, detail,
submission, progress updates, continuation and replication."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.common.access import (
    get_visible_or_404,
    may_act_somewhere,
    may_edit_somewhere,
)
from danvan.common.api import Row
from danvan.common.audit import HistoryEntry, history_for
from danvan.common.files import serve_file, upload_limit
from danvan.common.http import AuthedRequest, redirect_back
from danvan.common.models import choice_label
from danvan.common.paging import Paginator, area_parts
from danvan.common.text import parse_id
from danvan.common.xlsx import XLSX
from danvan.initiatives import queries, rules, services, spreadsheet
from danvan.initiatives.exceptions import InitiativeError
from danvan.initiatives.filters import InitiativeFilterSet, kept_count
from danvan.initiatives.forms import (
    AdoptForm,
    CloseForm,
    CriteriaFormSet,
    InitiativeForm,
    ProgressForm,
    criteria_initial,
)
from danvan.initiatives.models import Initiative, ProgressAttachment
from danvan.initiatives.views.common import (
    PAGE_SIZE,
    error_text,
    get_initiative,
    visible,
)
from danvan.units.models import Area, Body


def may_register_somewhere(request: AuthedRequest) -> bool:
    return may_edit_somewhere(request.user)


def may_review_somewhere(user: User) -> bool:
    """Is the user an approver of any unit (the list links to the review queue)?"""
    return may_act_somewhere(user, Role.APPROVER)


# --- list and export ---------------------------------------------------------------

# What a row of the list shows (initiatives/initiative_rows.html), and nothing
# more, read as values: no model instance per row (half the time of reading
# the page).
LIST_COLUMNS = (
    "id",
    "year",
    "name",
    "continuing",
    "adopted_from_id",
    "published_as_exemplary",
    "status",
    "classification",
    "area_id",
    "body__name",
    "field__name",
)


class ListRow(Row):
    """A row of the models list read as values, with the labels it shows."""

    def get_status_display(self) -> str:
        return choice_label(Initiative, "status", self.status)

    def get_classification_display(self) -> str:
        return choice_label(Initiative, "classification", self.classification)


def _filtered(request: AuthedRequest) -> tuple[InitiativeFilterSet, Any]:
    filters = InitiativeFilterSet(request.GET, visible(request), user=request.user)
    return filters, filters.qs


@login_required
@require_GET
def initiative_list(request: AuthedRequest) -> HttpResponse:
    """Models of the user's units: filters, accent-free search, sorting, pages."""
    form, initiatives = _filtered(request)
    parts = area_parts(form, request.user)
    paginator = Paginator(
        initiatives.values(*LIST_COLUMNS),
        PAGE_SIZE,
        parts=parts,
        count=lambda: kept_count(
            form, lambda: Paginator(initiatives, PAGE_SIZE, parts=parts).count
        ),
    )
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = rows = [ListRow(values) for values in page.object_list]
    # The areas are read for the page's rows alone: joined, PostgreSQL may
    # read every area to join a search's matches before it sorts them.
    names = dict(
        Area.objects.filter(pk__in={row.area_id for row in rows}).values_list(
            "pk", "full_name"
        )
    )
    for row in rows:
        row.area = Row({"full_name": names[row.area_id]})
    template = "initiatives/initiative_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#rows"
    context = {
        "page": page,
        "form": form.form,
        "sort": form.sort_key,
        "can_create": may_register_somewhere(request),
        "reviewing": may_review_somewhere(request.user),
    }
    return render(request, template, context)


@login_required
@require_GET
def initiative_export(request: AuthedRequest) -> HttpResponse:
    """The models of the list, with its filters, in the XLSX the import reads."""
    from django.db.models import Count

    _form, initiatives = _filtered(request)
    initiatives = (
        initiatives.select_related("area", "body", "field")
        .prefetch_related("criteria")
        .annotate(copies=Count("adoptions"))
    )
    response = HttpResponse(spreadsheet.export_bytes(initiatives), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mo-hinh-dan-van-kheo.xlsx"'
    return response


@login_required
@require_GET
def most_replicated(request: AuthedRequest) -> HttpResponse:
    """The models of the user's units copied most often."""
    models = queries.most_replicated(visible(request), limit=50)
    return render(request, "initiatives/replicated.html", {"models": models})


# --- registration ------------------------------------------------------------------


def _apply_errors(form: InitiativeForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            target = name if name in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(None, exc)


def _save(
    request: AuthedRequest, form: InitiativeForm, criteria: Any, instance: Initiative
) -> Initiative | None:
    data = form.registration()
    area, body = form.cleaned_data.get("area"), form.cleaned_data.get("body")
    try:
        if instance.pk:
            return services.update_initiative(
                actor=request.user,
                initiative=instance,
                area=area,
                body=body,
                criteria=criteria.criteria(),
                **data,
            )
        return services.create_initiative(
            actor=request.user,
            area=area,
            body=body,
            criteria=criteria.criteria(),
            **data,
        )
    except ValidationError as exc:
        _apply_errors(form, exc)
    except (PermissionDenied, InitiativeError) as exc:
        form.add_error(None, error_text(exc))
    return None


def _form_page(
    request: AuthedRequest, initiative: Initiative | None = None
) -> HttpResponse:
    instance = initiative or Initiative()
    if request.method == "POST":
        form = InitiativeForm(request.POST, instance=instance, user=request.user)
        criteria = CriteriaFormSet(request.POST, prefix="criteria")
        if form.is_valid() and criteria.is_valid():
            saved = _save(request, form, criteria, instance)
            if saved is not None:
                if request.POST.get("action") == "submit":
                    try:
                        services.submit_initiative(actor=request.user, initiative=saved)
                    except InitiativeError as exc:
                        messages.error(request, exc.message)
                        return redirect("initiatives:edit", pk=saved.pk)
                    messages.success(
                        request, _("The model was submitted to the level above.")
                    )
                else:
                    messages.success(request, _("The registration was saved."))
                return redirect(saved.get_absolute_url())
    else:
        initial: dict[str, Any] = {}
        form = InitiativeForm(instance=instance, user=request.user, initial=initial)
        criteria = CriteriaFormSet(
            prefix="criteria",
            initial=criteria_initial(instance) if instance.pk else None,
        )
    params = {
        name: form[name].value()
        for name in ("name", "goals", "area", "body", "year", "adopted_from")
    }
    params["exclude"] = instance.pk
    context = {
        "form": form,
        "criteria": criteria,
        "initiative": initiative,
        **hints_context(request, params),
    }
    return render(request, "initiatives/initiative_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create(request: AuthedRequest) -> HttpResponse:
    """Register a model for one of the user's units (saved as a draft)."""
    if not may_register_somewhere(request):
        raise PermissionDenied
    return _form_page(request)


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Change a draft or a returned registration."""
    initiative = get_initiative(request, pk)
    if not rules.may_edit(request.user, initiative):
        raise PermissionDenied
    if not initiative.is_editable:
        messages.error(
            request,
            _("A model can be changed only as a draft or when returned for changes."),
        )
        return redirect(initiative.get_absolute_url())
    return _form_page(request, initiative)


def _digits(value: Any) -> int | None:
    return parse_id(value)


def hints_context(request: AuthedRequest, params: Any) -> dict[str, Any]:
    """The similar models and the chosen origin, for ``similar.html``."""
    user = request.user
    area = body = None
    body_pk, area_pk = _digits(params.get("body")), _digits(params.get("area"))
    if body_pk:
        body = Body.objects.visible_to(user).filter(pk=body_pk).first()
        area = body.area if body else None
    if area is None and area_pk:
        area = Area.objects.visible_to(user).filter(pk=area_pk).first()
    name = (params.get("name") or "").strip()
    hints = []
    if area is not None and len(name) >= 3:
        hints = queries.similar_initiatives(
            user=user,
            name=name,
            goals=params.get("goals") or "",
            area=area,
            body=body,
            year=_digits(params.get("year")),
            exclude_pk=_digits(params.get("exclude")),
        )
    origin_pk = _digits(params.get("adopted_from"))
    origin = (
        visible(request).select_related("area", "body").filter(pk=origin_pk).first()
        if origin_pk
        else None
    )
    return {"hints": hints, "asked": bool(name and area), "origin": origin}


@login_required
@require_GET
def similar(request: AuthedRequest) -> HttpResponse:
    """Models like the one being typed (name, goals) in the same and nearby areas."""
    context = hints_context(request, request.GET)
    return render(request, "initiatives/similar.html", context)


# --- detail --------------------------------------------------------------------------


def _history(initiative: Initiative, user: Any) -> list[HistoryEntry]:
    return history_for(
        initiative,
        initiative.criteria.all(),
        initiative.updates.all(),
        initiative.evaluations.all(),
        initiative.commendations.all(),
        user=user,
    )


@login_required
@require_GET
def initiative_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A model: registration, criteria, progress, evaluations, commendations,
    replications, and its change log."""
    initiative = get_visible_or_404(
        Initiative.objects.select_related(
            "area",
            "body",
            "field",
            "person",
            "adopted_from__area",
            "previous",
            "created_by",
            "submitted_by",
            "reviewed_by",
        ),
        request.user,
        pk=pk,
    )
    user = request.user
    updates = initiative.updates.select_related("created_by").prefetch_related(
        "attachments", Prefetch("results", to_attr="result_rows")
    )
    evaluations = initiative.evaluations.select_related(
        "evaluator", "evaluator_area", "evaluator_body", "rubric"
    ).prefetch_related("scores__criterion")
    commendations = list(initiative.commendations.select_related("document", "body"))
    # Copies outside the user's scope are counted, never named; drafts not even that.
    copies = list(queries.replications(initiative))
    linked = [c.pk for c in copies]
    linked += [pk for pk in (initiative.adopted_from_id, initiative.previous_id) if pk]
    visible_ids = (
        set(visible(request).filter(pk__in=linked).values_list("pk", flat=True))
        if linked
        else set()
    )
    from danvan.documents.models import Document

    document_ids = [c.document_id for c in commendations if c.document_id]
    visible_documents = (
        set(
            Document.objects.visible_to(user)
            .filter(pk__in=document_ids)
            .values_list("pk", flat=True)
        )
        if document_ids
        else set()
    )
    may_edit = rules.may_edit(user, initiative)
    may_review = rules.may_review(user, initiative)
    hidden_copies = [c for c in copies if c.pk not in visible_ids and c.is_registered]
    context = {
        "initiative": initiative,
        "criteria": initiative.criteria.all(),
        "updates": updates,
        "evaluations": evaluations,
        "commendations": commendations,
        "copies": [c for c in copies if c.pk in visible_ids],
        "hidden_copies": len(hidden_copies),
        "visible_ids": visible_ids,
        "visible_documents": visible_documents,
        "may_edit": may_edit,
        "may_review": may_review,
        "may_report": may_edit
        and initiative.status
        in (Initiative.Status.ACCEPTED, Initiative.Status.IN_PROGRESS),
        "own_unit": rules.is_own_unit(user, initiative),
        "may_adopt": initiative.is_registered and may_register_somewhere(request),
        "missing": services.missing_for_submission(initiative)
        if may_edit and initiative.is_editable
        else [],
        "close_form": CloseForm(initial={"status": initiative.status}),
        "history": _history(initiative, user),
        "Status": Initiative.Status,
    }
    return render(request, "initiatives/initiative_detail.html", context)


# --- workflow of the registering unit ----------------------------------------------


@login_required
@require_POST
def initiative_submit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Send the registration to the level above."""
    initiative = get_initiative(request, pk)
    if not rules.may_edit(request.user, initiative):
        raise PermissionDenied
    try:
        services.submit_initiative(actor=request.user, initiative=initiative)
    except InitiativeError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The model was submitted to the level above."))
    return redirect_back(request, initiative.get_absolute_url())


@login_required
@require_POST
def initiative_status(request: AuthedRequest, pk: int) -> HttpResponse:
    """Mark a registered model in progress, completed or stopped."""
    initiative = get_initiative(request, pk)
    if not rules.may_edit(request.user, initiative):
        raise PermissionDenied
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.close_initiative(
                actor=request.user,
                initiative=initiative,
                status=form.cleaned_data["status"],
            )
        except InitiativeError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The status was changed."))
    return redirect_back(request, initiative.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
@upload_limit("progress", several=True)
def progress_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """Report progress: results against the criteria, money, days, people, files."""
    initiative = get_initiative(request, pk)
    if not rules.may_edit(request.user, initiative):
        raise PermissionDenied
    if request.method == "POST":
        form = ProgressForm(request.POST, request.FILES, initiative=initiative)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.add_progress_update(
                    actor=request.user,
                    initiative=initiative,
                    date=data["date"],
                    text=data["text"],
                    money_vnd=data["money_vnd"],
                    working_days=data["working_days"],
                    people_reached=data["people_reached"],
                    results=form.results(),
                    files=data["files"],
                )
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
            except InitiativeError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The progress report was saved."))
                return redirect(initiative.get_absolute_url())
    else:
        form = ProgressForm(initiative=initiative)
    context = {"form": form, "initiative": initiative}
    return render(request, "initiatives/progress_form.html", context)


@login_required
@require_GET
def attachment_download(request: AuthedRequest, pk: int) -> FileResponse:
    """A photo or file of a progress report, as uploaded."""
    attachment = get_object_or_404(
        ProgressAttachment.objects.filter(
            update__initiative__in=visible(request)
        ).select_related("update"),
        pk=pk,
    )
    return serve_file(attachment.file, filename=attachment.original_name)


@login_required
@require_POST
def initiative_continue(request: AuthedRequest, pk: int) -> HttpResponse:
    """Start next year's registration of this model (a draft continuing it)."""
    initiative = get_initiative(request, pk)
    if not rules.may_edit(request.user, initiative):
        raise PermissionDenied
    year = max(initiative.year + 1, timezone.localdate().year)
    try:
        draft = services.continue_initiative(
            actor=request.user, initiative=initiative, year=year
        )
    except (InitiativeError, ValidationError) as exc:
        messages.error(request, error_text(exc))
        return redirect(initiative.get_absolute_url())
    messages.success(
        request,
        _("The registration for %(year)s was started as a draft.") % {"year": year},
    )
    return redirect("initiatives:edit", pk=draft.pk)


@login_required
@require_http_methods(["GET", "POST"])
def initiative_adopt(request: AuthedRequest, pk: int) -> HttpResponse:
    """Replicate a model in one of the user's units (nhân rộng)."""
    origin = get_initiative(request, pk)
    if not may_register_somewhere(request):
        raise PermissionDenied
    form = AdoptForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        body = data.get("body")
        area = body.area if body else data["area"]
        try:
            draft = services.adopt_initiative(
                actor=request.user,
                origin=origin,
                area=area,
                body=body,
                year=data["year"],
            )
        except (InitiativeError, ValidationError, PermissionDenied) as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(
                request,
                _("A draft replicating “%(name)s” was started: adapt it to your unit.")
                % {"name": origin.name},
            )
            return redirect("initiatives:edit", pk=draft.pk)
    return render(
        request, "initiatives/adopt_form.html", {"form": form, "origin": origin}
    )
