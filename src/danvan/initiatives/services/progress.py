"""Progress reports of a registered model and their attachments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.common import audit
from danvan.common.files import store_upload
from danvan.initiatives import rules
from danvan.initiatives.exceptions import WrongStatusError
from danvan.initiatives.models import (
    Initiative,
    ProgressAttachment,
    ProgressResult,
    ProgressUpdate,
)
from danvan.initiatives.services.base import Status, as_decimal, as_int

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from danvan.accounts.models import User


@transaction.atomic
def refresh_progress(initiative: Initiative) -> None:
    """Recompute the mobilized totals and each criterion's latest value."""
    totals = initiative.updates.aggregate(
        money=Sum("money_vnd"), days=Sum("working_days"), people=Sum("people_reached")
    )
    initiative.mobilized_vnd = totals["money"] or 0
    initiative.mobilized_days = totals["days"] or 0
    initiative.people_reached = totals["people"] or 0
    initiative.save(update_fields=["mobilized_vnd", "mobilized_days", "people_reached"])
    for criterion in initiative.criteria.all():
        latest = (
            ProgressResult.objects.filter(criterion=criterion)
            .order_by("-update__date", "-update__pk")
            .values_list("value", flat=True)
            .first()
        )
        if latest != criterion.actual:
            criterion.actual = latest
            criterion.save(update_fields=["actual"])


def _store_attachment(update: ProgressUpdate, upload: UploadedFile[Any]) -> None:
    attachment = ProgressAttachment(update=update)
    store_upload(attachment, upload)
    attachment.save()


@transaction.atomic
def add_progress_update(
    *,
    actor: User,
    initiative: Initiative,
    date: dt.date,
    text: str = "",
    money_vnd: int = 0,
    working_days: int = 0,
    people_reached: int = 0,
    results: Mapping[int, Any] | None = None,
    files: Sequence[UploadedFile[Any]] = (),
) -> ProgressUpdate:
    """Report progress of a registered model; the first report starts it."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not rules.may_edit(actor, initiative):
        raise PermissionDenied(_("You may not report on this model."))
    if initiative.status not in (Status.ACCEPTED, Status.IN_PROGRESS):
        raise WrongStatusError(
            _("Progress is reported on a registered model that is not closed.")
        )
    if date > timezone.localdate():
        raise ValidationError({"date": _("The date is in the future.")})
    criteria = {c.pk: c for c in initiative.criteria.all()}
    with audit.acting_as(actor):
        update = ProgressUpdate.objects.create(
            initiative=initiative,
            date=date,
            text=text.strip(),
            money_vnd=as_int(money_vnd),
            working_days=as_int(working_days),
            people_reached=as_int(people_reached),
            created_by=actor,
        )
        for pk, raw in (results or {}).items():
            value = as_decimal(raw)
            if value is None:
                continue
            if int(pk) not in criteria:
                raise ValidationError(_("A result names a criterion of another model."))
            ProgressResult.objects.create(
                update=update, criterion=criteria[int(pk)], value=value
            )
        for upload in files:
            _store_attachment(update, upload)
        if initiative.status == Status.ACCEPTED:
            initiative.status = Status.IN_PROGRESS
            initiative.save(update_fields=["status"])
        refresh_progress(initiative)
    return update


def add_attachment(
    *, actor: User, update: ProgressUpdate, content: bytes, name: str
) -> None:
    """Attach bytes (a photo, a file) to a progress update; for commands and tests."""
    if not rules.may_edit(actor, update.initiative):
        raise PermissionDenied(_("You may not report on this model."))
    upload = ContentFile(content, name=name)
    upload.content_type = ""  # type: ignore[attr-defined]
    _store_attachment(update, upload)  # type: ignore[arg-type]
