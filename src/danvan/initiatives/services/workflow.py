"""Submitting a registration and judging it: accept, return, close."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.common import audit
from danvan.initiatives import rules
from danvan.initiatives.exceptions import IncompleteError, WrongStatusError
from danvan.initiatives.models import Initiative
from danvan.initiatives.services.base import Status, check_reviewer

if TYPE_CHECKING:
    from danvan.accounts.models import User


def missing_for_submission(initiative: Initiative) -> list[str]:
    """What the registration lacks before the level above can judge it."""
    missing = []
    labels = {
        "problem": _("the problem it answers"),
        "goals": _("the goals"),
        "content": _("the content and methods"),
        "place": _("the place"),
        "lead_forces": _("the lead forces"),
    }
    for name, label in labels.items():
        if not getattr(initiative, name).strip():
            missing.append(label)
    if initiative.start_date is None:
        missing.append(_("the start date"))
    if not initiative.criteria.exists():
        missing.append(_("at least one measurable criterion"))
    return missing


@transaction.atomic
def submit_initiative(*, actor: User, initiative: Initiative) -> Initiative:
    """Send a draft (or a returned registration) to the level above."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not rules.may_edit(actor, initiative):
        raise PermissionDenied(_("You may not submit this model."))
    if not initiative.is_editable:
        raise WrongStatusError(_("Only a draft or a returned model can be submitted."))
    missing = missing_for_submission(initiative)
    if missing:
        raise IncompleteError(
            _("Before submitting, fill in: %(missing)s.")
            % {"missing": ", ".join(missing)}
        )
    initiative.status = Status.SUBMITTED
    initiative.submitted_by = actor
    initiative.submitted_at = timezone.now()
    with audit.acting_as(actor):
        initiative.save(update_fields=["status", "submitted_by", "submitted_at"])
    return initiative


def _review(actor: User, initiative: Initiative, status: str, note: str) -> Initiative:
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    check_reviewer(actor, initiative)
    if initiative.status != Status.SUBMITTED:
        raise WrongStatusError(_("Only a submitted model can be accepted or returned."))
    initiative.status = status
    initiative.reviewed_by = actor
    initiative.reviewed_at = timezone.now()
    initiative.review_note = note.strip()
    with audit.acting_as(actor):
        initiative.save(
            update_fields=["status", "reviewed_by", "reviewed_at", "review_note"]
        )
    return initiative


@transaction.atomic
def accept_initiative(
    *, actor: User, initiative: Initiative, note: str = ""
) -> Initiative:
    """Accept a submitted registration: the model is registered for its year."""
    return _review(actor, initiative, Status.ACCEPTED, note)


@transaction.atomic
def return_initiative(*, actor: User, initiative: Initiative, note: str) -> Initiative:
    """Return a submitted registration to its unit, saying what to change."""
    if not note.strip():
        raise ValidationError(
            {"note": _("Say what the unit should change before returning it.")}
        )
    return _review(actor, initiative, Status.RETURNED, note)


@transaction.atomic
def close_initiative(*, actor: User, initiative: Initiative, status: str) -> Initiative:
    """Mark a registered model completed or stopped (dropped as weak)."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not rules.may_edit(actor, initiative):
        raise PermissionDenied(_("You may not change this model."))
    if status not in (Status.COMPLETED, Status.STOPPED, Status.IN_PROGRESS):
        raise WrongStatusError(_("Choose completed, stopped or in progress."))
    if not initiative.is_registered:
        raise WrongStatusError(_("Only a registered model can be closed or reopened."))
    initiative.status = status
    with audit.acting_as(actor):
        initiative.save(update_fields=["status"])
    return initiative


def to_review(user: User) -> Any:
    """Submitted registrations an approver of the level above may accept."""
    return Initiative.objects.filter(rules.reviewable_q(user), status=Status.SUBMITTED)


def to_evaluate(user: User, year: int | None) -> Any:
    """Registered models (of ``year``, if given) the user may judge that have no
    evaluation."""
    models = Initiative.objects.filter(
        rules.reviewable_q(user),
        status__in=Initiative.REGISTERED_STATUSES,
        evaluated_on__isnull=True,
    )
    return models.filter(year=year) if year else models
