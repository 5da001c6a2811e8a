"""Submitting a body's figures and judging them: submit, accept, return, unlock.

The status flow (``Submission.Status``)::

    draft ──submit──▶ submitted ──accept──▶ accepted ──unlock──▶ draft
      ▲                   │
      └──── returned ◀──return──┘   (returned ──submit──▶ submitted)

A unit's editor submits (``may_edit`` over the reporting body) once the
blocking validation rules pass and every required indicator has a value; rule
warnings are returned to be shown. An approver of the level above decides
(``common.rules.may_judge``: never the reporting unit itself), or, for a form
approved by its owner (``ReportForm.Approval.OWNER``), an approver over the
form's owner body. Accepted and submitted data are locked
(``Submission.locked``); unlocking accepted data takes an approver and a
reason. Every step is written inside ``acting_as(actor)``, so the
submission's history shows who did what and the note they gave.

A submission is late when it was first submitted after its deadline
(``due_on``): a return for corrections and the answer after the deadline do not
make an on-time report late, so ``submitted_at`` keeps the first submission.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.roles import Role
from danvan.common.access import scope_for, unit_scope
from danvan.common.actors import is_system
from danvan.common.audit import acting_as
from danvan.common.rules import (
    is_own_unit,
    judgeable_q,
    may_edit,
    may_judge,
    own_units,
)
from danvan.datasets import rules
from danvan.datasets.exceptions import DatasetError, WrongStatusError
from danvan.datasets.models import DataValue, FormIndicator, ReportForm, Submission
from danvan.datasets.services import values

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User

Status = Submission.Status


class IncompleteError(DatasetError):
    """The figures cannot be submitted yet: ``problems`` lists each reason
    (a required indicator without a value, a blocking rule that fails)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(
            _("The report cannot be submitted yet: %(problems)s")
            % {"problems": " ".join(problems)}
        )
        self.problems = problems


class NoteRequiredError(DatasetError):
    """Returning or unlocking needs a note saying why."""


# --- who may do what ------------------------------------------------------------


def may_submit(user: User | AnonymousUser, submission: Submission) -> bool:
    """May ``user`` submit ``submission`` (an editor over the reporting body)?"""
    return may_edit(user, submission.body)


def may_decide(user: User | AnonymousUser, submission: Submission) -> bool:
    """May ``user`` accept, return or unlock ``submission``?

    An approver of the level above (``may_judge``: never the reporting unit
    itself); for a form approved by its owner, also an approver over the
    form's owner body who is not of the reporting unit.
    """
    if may_judge(user, submission):
        return True
    if submission.form.approval != ReportForm.Approval.OWNER:
        return False
    if not user.is_authenticated or is_own_unit(user, submission):
        return False
    owner = submission.form.owner_body
    scope = scope_for(user, Role.APPROVER)
    return scope.covers_body_path(owner.path) or scope.covers_area_path(owner.area.path)


def deciding_q(user: User | AnonymousUser) -> Q:
    """Match the submissions ``user`` may decide (``may_decide`` as a filter)."""
    judged = judgeable_q(user, area="area_", body="body_")
    if not user.is_authenticated:
        return judged
    owner = unit_scope(
        user,
        area="form__owner_body__area__",
        body="form__owner_body__",
        min_role=Role.APPROVER,
    )
    if user.is_superuser:
        return judged
    by_owner = (
        Q(form__approval=ReportForm.Approval.OWNER)
        & owner
        & ~own_units(user).exclude_q()
    )
    return judged | by_owner


def waiting_for(user: User | AnonymousUser) -> Q:
    """Submitted figures waiting for ``user``'s decision."""
    return Q(status=Status.SUBMITTED) & deciding_q(user)


def _check_decider(actor: User, submission: Submission) -> None:
    if is_system(actor):
        return
    if is_own_unit(actor, submission) and not actor.is_superuser:
        raise PermissionDenied(
            _("These are your own unit's figures: the level above decides on them.")
        )
    if not may_decide(actor, submission):
        raise PermissionDenied(
            _("Only an approver of the level above may decide on these figures.")
        )


# --- what a submission lacks ----------------------------------------------------


def missing_required(submission: Submission) -> list[FormIndicator]:
    """The required indicators of the form that have no value (one query);
    a provided indicator is counted from its register, never missing."""
    has_value = DataValue.objects.filter(
        submission=submission, indicator_id=OuterRef("indicator_id")
    ).filter(Q(number__isnull=False) | ~Q(text=""))
    return list(
        FormIndicator.objects.filter(form_id=submission.form_id, required=True)
        .exclude(indicator__provider__gt="")
        .exclude(Exists(has_value))
        .select_related("indicator")
        .order_by("order", "pk")
    )


def check_complete(submission: Submission) -> list[rules.Failure]:
    """Refuse (``IncompleteError``) figures that cannot be submitted; return
    the warnings of the rules that only warn."""
    problems = [
        _("The required indicator “%(name)s” (%(code)s) has no value.")
        % {"name": item.indicator.name, "code": item.indicator.code}
        for item in missing_required(submission)
    ]
    failures = rules.evaluate_submission(submission)
    problems += [f.message for f in failures if f.blocking]
    if problems:
        raise IncompleteError(problems)
    return [f for f in failures if not f.blocking]


# --- the steps ------------------------------------------------------------------


def _locked_row(submission: Submission) -> Submission:
    found = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("form__owner_body__area", "body__area", "period")
        .get(pk=submission.pk)
    )
    return found


def _copy_back(row: Submission, submission: Submission) -> None:
    """The caller's object shows the new state too."""
    for name in (
        "status",
        "submitted_at",
        "submitted_by_id",
        "decided_at",
        "decided_by_id",
        "note",
        "updated_at",
    ):
        setattr(submission, name, getattr(row, name))


@transaction.atomic
def submit(*, actor: User, submission: Submission) -> list[rules.Failure]:
    """Send a draft (or returned) submission to the level above.

    Refused with ``IncompleteError`` while a blocking rule fails or a required
    indicator has no value; returns the warnings of the other rules. The
    first submission's time is kept (it says whether the report was late).
    """
    row = _locked_row(submission)
    if not may_submit(actor, row):
        raise PermissionDenied(
            _("You may not submit figures for %(body)s.") % {"body": row.body}
        )
    if row.status not in (Status.DRAFT, Status.RETURNED):
        raise WrongStatusError(
            _("Only figures being entered or returned can be submitted.")
        )
    closed = values.closed_reason(row)  # a period whose figures have not begun
    if closed:
        raise DatasetError(closed)
    warnings = check_complete(row)
    row.status = Status.SUBMITTED
    if row.submitted_at is None:
        row.submitted_at = timezone.now()
    row.submitted_by = actor
    with acting_as(actor):
        row.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    _copy_back(row, submission)
    return warnings


def _decide(
    actor: User, submission: Submission, *, expected: str, status: str, note: str
) -> Submission:
    row = _locked_row(submission)
    _check_decider(actor, row)
    if row.status != expected:
        if expected == Status.SUBMITTED:
            raise WrongStatusError(
                _("Only submitted figures can be accepted or returned.")
            )
        raise WrongStatusError(_("Only accepted figures can be unlocked."))
    row.status = status
    row.decided_at = timezone.now()
    row.decided_by = actor
    row.note = note.strip()
    with acting_as(actor):
        row.save(
            update_fields=["status", "decided_at", "decided_by", "note", "updated_at"]
        )
    _copy_back(row, submission)
    return submission


@transaction.atomic
def accept(*, actor: User, submission: Submission, note: str = "") -> Submission:
    """Accept submitted figures: they are locked."""
    return _decide(
        actor,
        submission,
        expected=Status.SUBMITTED,
        status=Status.ACCEPTED,
        note=note,
    )


@transaction.atomic
def return_(*, actor: User, submission: Submission, note: str) -> Submission:
    """Return submitted figures to the unit, saying what to correct."""
    if not note.strip():
        raise NoteRequiredError(
            _("Say what the unit should correct before returning the figures.")
        )
    return _decide(
        actor,
        submission,
        expected=Status.SUBMITTED,
        status=Status.RETURNED,
        note=note,
    )


@transaction.atomic
def unlock(*, actor: User, submission: Submission, reason: str) -> Submission:
    """Unlock accepted figures so the unit can correct them (back to draft)."""
    if not reason.strip():
        raise NoteRequiredError(_("Say why the accepted figures are unlocked."))
    return _decide(
        actor,
        submission,
        expected=Status.ACCEPTED,
        status=Status.DRAFT,
        note=reason,
    )
