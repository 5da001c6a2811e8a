"""A petition's steps (accept, refuse, forward, decide, second complaint,
second decision, extend, answer, close, withdraw): one page each, a GET with
the form (the ``#form`` partial for htmx) and a POST through the service.

Only the handling body's editors take them (``rules.may_handle``); the
services check the dates and the order of the steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from danvan.common.clock import today
from danvan.common.http import AuthedRequest
from danvan.petitions import rules
from danvan.petitions.exceptions import PetitionError
from danvan.petitions.forms import (
    DateForm,
    ForwardForm,
    NoFieldsForm,
    OutcomeForm,
    RefuseForm,
)
from danvan.petitions.models import Kind, Petition, Status


@dataclass(frozen=True)
class Step:
    name: str
    label: Promise
    form: type[Any]
    # When the step is offered (the service decides finally).
    offered: Callable[[Petition], bool]
    # The service that takes it (``petitions.services``), called with the
    # form's cleaned data as its keywords.
    service: str
    scoped: bool = False


def _complaint(p: Petition) -> bool:
    return p.kind == Kind.COMPLAINT


def _denunciation(p: Petition) -> bool:
    return p.kind == Kind.DENUNCIATION


def _answered_kind(p: Petition) -> bool:
    return p.kind in (Kind.RECOMMENDATION, Kind.FEEDBACK)


STEPS = {
    s.name: s
    for s in (
        Step(
            "accept",
            gettext_lazy("Accept (thụ lý)"),
            DateForm,
            lambda p: p.status == Status.RECEIVED and not _answered_kind(p),
            "accept",
        ),
        Step(
            "refuse",
            gettext_lazy("Do not accept"),
            RefuseForm,
            lambda p: p.status == Status.RECEIVED,
            "refuse",
        ),
        Step(
            "forward",
            gettext_lazy("Forward to the competent body"),
            ForwardForm,
            lambda p: p.status == Status.RECEIVED,
            "forward_petition",
            scoped=True,
        ),
        Step(
            "decide",
            gettext_lazy("Record the decision"),
            OutcomeForm,
            lambda p: p.status == Status.ACCEPTED,
            "decide",
        ),
        Step(
            "extend",
            gettext_lazy("Extend the time to settle"),
            NoFieldsForm,
            lambda p: _denunciation(p) and p.status == Status.ACCEPTED,
            "extend",
        ),
        Step(
            "second_complaint",
            gettext_lazy("Record a second complaint"),
            DateForm,
            lambda p: _complaint(p) and p.status == Status.DECIDED,
            "second_complaint",
        ),
        Step(
            "decide_second",
            gettext_lazy("Record the second decision"),
            OutcomeForm,
            lambda p: _complaint(p) and p.status == Status.SECOND,
            "decide_second",
        ),
        Step(
            "answer",
            gettext_lazy("Answer"),
            OutcomeForm,
            lambda p: (
                _answered_kind(p) and p.status in (Status.RECEIVED, Status.ACCEPTED)
            ),
            "answer",
        ),
        Step(
            "close",
            gettext_lazy("Close"),
            DateForm,
            lambda p: (
                p.status in (Status.DECIDED, Status.SECOND_DECIDED, Status.ANSWERED)
            ),
            "close",
        ),
        Step(
            "withdraw",
            gettext_lazy("Withdrawn by the petitioners"),
            DateForm,
            lambda p: p.is_open,
            "withdraw",
        ),
    )
}


def steps_for(petition: Petition) -> list[Step]:
    """The steps offered on the petition's page now."""
    return [s for s in STEPS.values() if s.offered(petition)]


def _take(step: Step, actor: Any, petition: Petition, data: dict[str, Any]) -> None:
    from danvan.petitions import services

    getattr(services, step.service)(actor=actor, petition=petition, **data)


def _form(step: Step, request: AuthedRequest, data: Any = None) -> Any:
    initial = {"on": today()}
    if step.scoped:
        return step.form(data, user=request.user, initial=initial)
    return step.form(data, initial=initial)


@login_required
@require_http_methods(["GET", "POST"])
def step(request: AuthedRequest, pk: int, name: str) -> HttpResponse:
    from danvan.petitions.views.pages import fail, petition_of

    found = STEPS.get(name)
    if found is None:
        raise Http404
    petition = petition_of(request, pk)
    if not rules.may_handle(request.user, petition):
        raise PermissionDenied
    if request.method == "POST":
        form = _form(found, request, request.POST)
        if form.is_valid():
            try:
                _take(found, request.user, petition, form.cleaned_data)
            except (ValidationError, PetitionError, PermissionDenied) as exc:
                fail(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect(petition.get_absolute_url())
    else:
        form = _form(found, request)
    template = "petitions/step_form.html"
    if request.htmx and not request.htmx.boosted:
        template += "#form"
    context = {"petition": petition, "form": form, "title": found.label, "step": name}
    return render(request, template, context)
