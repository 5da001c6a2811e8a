"""Opening a reporting body's submission of a form for a period."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.common.audit import acting_as
from danvan.common.rules import may_edit
from danvan.datasets import periods as cutoffs
from danvan.datasets import reporters
from danvan.datasets.exceptions import DatasetError, NotReporterError
from danvan.datasets.models import Period, ReportForm, Submission

if TYPE_CHECKING:
    from danvan.accounts.models import User
    from danvan.units.models import Body


def check_reporter(form: ReportForm, period: Period, body: Body) -> None:
    """Raise unless ``body`` reports ``form`` for ``period`` of its type."""
    if not form.active:
        raise DatasetError(
            _("The form “%(form)s” is no longer in use.") % {"form": form}
        )
    if period.type != form.period_type:
        raise DatasetError(
            _("The form “%(form)s” is not reported for the period %(period)s.")
            % {"form": form, "period": period}
        )
    if not reporters.reports(form, period, body):
        raise NotReporterError(
            _("%(body)s does not report the form “%(form)s” for %(period)s.")
            % {"body": body, "form": form, "period": period}
        )


def open_submission(
    *, actor: User, form: ReportForm, period: Period, body: Body
) -> Submission:
    """The submission of ``body`` for ``form`` and ``period``, made on first use.

    The actor must be an editor of the body's unit, and the body one of the
    form's reporters for that period.
    """
    found = Submission.objects.filter(form=form, period=period, body=body).first()
    if found is not None:
        return found
    if not may_edit(actor, body):
        raise PermissionDenied(
            _("You may not enter figures for %(body)s.") % {"body": body}
        )
    check_reporter(form, period, body)
    submission = Submission(
        form=form,
        period=period,
        body=body,
        due_on=cutoffs.due_on(form, period),
        form_version=form.version,
    )
    try:
        with transaction.atomic(), acting_as(actor):
            submission.save()
    except IntegrityError:  # opened at the same moment by another request
        return Submission.objects.get(form=form, period=period, body=body)
    return submission
