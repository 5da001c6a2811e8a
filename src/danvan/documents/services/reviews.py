"""Review points of a document: scheduled and held."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.common.audit import acting_as
from danvan.common.rules import may_edit, require
from danvan.common.text import normalize
from danvan.documents.exceptions import DocumentError
from danvan.documents.models import Document, ReviewPoint
from danvan.documents.services.base import may_see

if TYPE_CHECKING:
    from danvan.accounts.models import User


def add_years(day: dt.date, years: int) -> dt.date:
    year = day.year + years
    last = calendar.monthrange(year, day.month)[1]
    return day.replace(year=year, day=min(day.day, last))


@transaction.atomic
def add_review_point(
    *,
    actor: User,
    document: Document,
    kind: str,
    after_years: int | None = None,
    due_on: dt.date | None = None,
    label: str = "",
) -> ReviewPoint:
    """Schedule a review of ``document``: after N years of its issue, or on a date."""
    require(may_edit(actor, document), _("You may not change this document."))
    if after_years is None and due_on is None:
        raise DocumentError(_("Give the number of years or the date of the review."))
    if due_on is None:
        due_on = add_years(document.issued_on, after_years or 0)
    with acting_as(actor):
        return ReviewPoint.objects.create(
            document=document,
            kind=ReviewPoint.Kind(kind),
            after_years=after_years,
            due_on=due_on,
            label=normalize(label),
        )


@transaction.atomic
def complete_review_point(
    *,
    actor: User,
    point: ReviewPoint,
    done_on: dt.date,
    document: Document | None = None,
) -> ReviewPoint:
    """Mark a review as held, by ``document`` (the review report) when known."""
    require(may_edit(actor, point.document), _("You may not change this document."))
    if document is not None and not may_see(actor, document):
        raise DocumentError(_("Choose a document of your units."))
    point.done_on = done_on
    point.done_by_document = document
    with acting_as(actor):
        point.save(update_fields=["done_on", "done_by_document"])
    return point
