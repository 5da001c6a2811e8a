"""Commendations of models and their publication as exemplary."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.common import audit
from danvan.common.actors import is_system
from danvan.common.symbols import SymbolError, parse_symbol
from danvan.common.text import normalize
from danvan.initiatives.exceptions import WrongStatusError
from danvan.initiatives.models import Classification, Commendation, Initiative
from danvan.initiatives.services.base import check_reviewer

if TYPE_CHECKING:
    from danvan.accounts.models import User
    from danvan.documents.models import Document
    from danvan.units.models import Body


def find_decision(actor: User, number: str) -> Document | None:
    """The register's document with this number and symbol, if one is visible."""
    from danvan.documents.models import Document

    number = (number or "").strip()
    try:
        parse_symbol(number)
    except SymbolError:
        return None
    documents = Document.objects.all()
    if not is_system(actor):
        documents = documents.visible_to(actor)
    matches = list(documents.search(number).order_by("-issued_on")[:2])
    return matches[0] if len(matches) == 1 else None


@transaction.atomic
def commend_initiative(
    *,
    actor: User,
    initiative: Initiative,
    level: str,
    form: str,
    decided_on: dt.date | None,
    body_name: str = "",
    body: Body | None = None,
    decision_number: str = "",
    document: Document | None = None,
    note: str = "",
) -> Commendation:
    """Record a commendation of a model; the decision links to the register."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    check_reviewer(actor, initiative)
    if not initiative.is_registered:
        raise WrongStatusError(_("Only a registered model can be commended."))
    if document is not None:
        from danvan.documents.models import Document

        if not is_system(actor) and not (
            Document.objects.visible_to(actor).filter(pk=document.pk).exists()
        ):
            raise ValidationError({"document": _("Choose a document of your units.")})
        if not decision_number:
            decision_number = document.reference
        decided_on = decided_on or document.issued_on
    elif decision_number:
        document = find_decision(actor, decision_number)
    body_name = normalize(body_name) or (body.name if body else "")
    if not body_name:
        raise ValidationError({"body_name": _("Say who gave the commendation.")})
    # The form requires the date; only a chosen document may stand in for it.
    assert decided_on is not None, "a decision date or a document is required"
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("The date is in the future.")})
    with audit.acting_as(actor):
        commendation = Commendation.objects.create(
            initiative=initiative,
            level=level,
            form=form,
            decision_number=normalize(decision_number),
            document=document,
            decided_on=decided_on,
            body=body,
            body_name=body_name,
            note=note.strip(),
            created_by=actor,
        )
        initiative.commended_on = initiative.commendations.aggregate(
            last=Max("decided_on")
        )["last"]
        initiative.save(update_fields=["commended_on"])
    return commendation


@transaction.atomic
def publish_exemplary(
    *, actor: User, initiative: Initiative, published: bool = True
) -> Initiative:
    """Publish (or withdraw) a model as exemplary ("điển hình") for the portal."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    check_reviewer(actor, initiative)
    if published and not (
        initiative.classification == Classification.EXEMPLARY
        or initiative.commended_on is not None
    ):
        raise WrongStatusError(
            _(
                "Only a model evaluated as exemplary or commended can be "
                "published as exemplary."
            )
        )
    initiative.published_as_exemplary = published
    initiative.published_on = timezone.localdate() if published else None
    with audit.acting_as(actor):
        initiative.save(update_fields=["published_as_exemplary", "published_on"])
    return initiative


# --- queries used by several pages -------------------------------------------------
