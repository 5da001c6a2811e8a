"""Judging by the level above: the review queue, accepting and returning
registrations, evaluation with the year's rubric, commendation, publication."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.common.http import AuthedRequest, redirect_back
from danvan.common.text import clean_input, parse_id
from danvan.initiatives import rules, services
from danvan.initiatives.exceptions import InitiativeError
from danvan.initiatives.forms import (
    CommendationForm,
    EvaluationForm,
    ReturnForm,
    year_choices,
)
from danvan.initiatives.models import Initiative
from danvan.initiatives.views.common import PAGE_SIZE, error_text, get_initiative


def _reviewable(request: AuthedRequest, pk: int) -> Initiative:
    """The model, if the user may judge it (403 for their own unit's)."""
    initiative = get_initiative(request, pk)
    if not rules.may_review(request.user, initiative):
        raise PermissionDenied
    return initiative


# The columns of a row of the review queue (``review.html``).
ROW_COLUMNS = (
    "name",
    "year",
    "status",
    "area_path",
    "area__full_name",
    "body__name",
)


@login_required
@require_GET
def review_queue(request: AuthedRequest) -> HttpResponse:
    """Registrations submitted by the units below, and models still to evaluate."""
    user = request.user
    years = [y for y, _label in year_choices()]
    raw = parse_id(request.GET.get("year"))
    if raw is not None and raw in years:
        year = raw
    else:
        # The latest year with something left to evaluate, else this year.
        pending = services.to_evaluate(user, None).aggregate(last=Max("year"))
        year = pending["last"] or timezone.localdate().year
    # What the rows show, read in the order of the review indexes (models.py).
    submitted = (
        services.to_review(user)
        .select_related("area", "body", "field", "submitted_by")
        .only(*ROW_COLUMNS, "field__name", "submitted_at", "submitted_by")
        .order_by("submitted_at", "pk")
    )
    to_evaluate = (
        services.to_evaluate(user, year)
        .select_related("area", "body")
        .only(*ROW_COLUMNS)
    )
    context = {
        "submitted": Paginator(submitted, PAGE_SIZE).get_page(request.GET.get("page")),
        "to_evaluate": Paginator(
            to_evaluate.order_by("area_path", "name"), PAGE_SIZE
        ).get_page(request.GET.get("epage")),
        "year": year,
        "years": years,
        "return_form": ReturnForm(),
    }
    return render(request, "initiatives/review.html", context)


@login_required
@require_POST
def initiative_accept(request: AuthedRequest, pk: int) -> HttpResponse:
    """Accept a submitted registration: the model is registered."""
    initiative = _reviewable(request, pk)
    try:
        services.accept_initiative(
            actor=request.user,
            initiative=initiative,
            note=clean_input(request.POST.get("note", ""), multiline=True),
        )
    except InitiativeError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("“%(name)s” is registered.") % {"name": initiative.name}
        )
    return redirect_back(request, initiative.get_absolute_url())


@login_required
@require_POST
def initiative_return(request: AuthedRequest, pk: int) -> HttpResponse:
    """Return a submitted registration to its unit, saying what to change."""
    initiative = _reviewable(request, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Say what the unit should change before returning it.")
        )
        return redirect_back(request, initiative.get_absolute_url())
    try:
        services.return_initiative(
            actor=request.user, initiative=initiative, note=form.cleaned_data["note"]
        )
    except (InitiativeError, ValidationError) as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            _("“%(name)s” was returned for changes.") % {"name": initiative.name},
        )
    return redirect_back(request, initiative.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def initiative_evaluate(request: AuthedRequest, pk: int) -> HttpResponse:
    """Evaluate a registered model with its year's rubric."""
    initiative = _reviewable(request, pk)
    rubric = services.rubric_for(year=initiative.year, level=initiative.level)
    if rubric is None:
        messages.error(
            request,
            _("No rubric is set for %(year)s: an administrator sets it first.")
            % {"year": initiative.year},
        )
        return redirect(initiative.get_absolute_url())
    form = EvaluationForm(request.POST or None, rubric=rubric)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = services.evaluate_initiative(
                actor=request.user,
                initiative=initiative,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                evaluated_on=form.cleaned_data["evaluated_on"],
                rubric=rubric,
            )
        except (InitiativeError, ValidationError) as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(
                request,
                _("Evaluated: %(total)s points, %(classification)s.")
                % {
                    "total": evaluation.total,
                    "classification": evaluation.get_classification_display(),
                },
            )
            return redirect(initiative.get_absolute_url())
    context = {
        "form": form,
        "initiative": initiative,
        "rubric": rubric,
        "previous": initiative.evaluations.select_related("evaluator")[:5],
    }
    return render(request, "initiatives/evaluation_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def initiative_commend(request: AuthedRequest, pk: int) -> HttpResponse:
    """Record a commendation, its decision linked to the document register."""
    initiative = _reviewable(request, pk)
    form = CommendationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.commend_initiative(
                actor=request.user, initiative=initiative, **form.cleaned_data
            )
        except (InitiativeError, ValidationError) as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("The commendation was recorded."))
            return redirect(initiative.get_absolute_url())
    context = {"form": form, "initiative": initiative}
    return render(request, "initiatives/commendation_form.html", context)


@login_required
@require_POST
def initiative_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    """Publish the model as exemplary (or withdraw the publication)."""
    initiative = _reviewable(request, pk)
    published = request.POST.get("published", "1") == "1"
    try:
        services.publish_exemplary(
            actor=request.user, initiative=initiative, published=published
        )
    except InitiativeError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("The model is published as exemplary.")
            if published
            else _("The publication was withdrawn."),
        )
    return redirect_back(request, initiative.get_absolute_url())
