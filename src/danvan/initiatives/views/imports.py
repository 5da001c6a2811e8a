"""Bulk registration from the XLSX offices circulate: template, upload, preview,
confirm or cancel. The uploaded file is kept until it is confirmed or cancelled;
nothing is saved unless every row passes and the user confirms."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.common.files import upload_limit
from danvan.common.http import AuthedRequest
from danvan.common.xlsx import XLSX
from danvan.initiatives import spreadsheet
from danvan.initiatives.forms import ImportForm
from danvan.initiatives.models import ImportBatch
from danvan.initiatives.views.register import may_register_somewhere


def _check(request: AuthedRequest) -> None:
    if not may_register_somewhere(request):
        raise PermissionDenied


def _batch(request: AuthedRequest, token: str) -> ImportBatch:
    """One of the user's own uploads still waiting (others' are a 404)."""
    return get_object_or_404(
        ImportBatch.objects.filter(
            created_by=request.user,
            status__in=[ImportBatch.Status.PENDING, ImportBatch.Status.REFUSED],
        ),
        token=token,
    )


def _outcome(
    batch: ImportBatch, request: AuthedRequest, *, commit: bool
) -> spreadsheet.Outcome:
    with batch.file.open("rb") as stream:
        return spreadsheet.run_import(stream, actor=request.user, commit=commit)


def _close(batch: ImportBatch, status: str) -> None:
    batch.file.delete(save=False)
    batch.status = status
    batch.save(update_fields=["status", "file"])


@login_required
@require_GET
def import_template(request: AuthedRequest) -> HttpResponse:
    """The empty XLSX to fill in, with its instructions."""
    _check(request)
    response = HttpResponse(spreadsheet.template_bytes(request.user), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-dang-ky-mo-hinh.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@upload_limit("import")
def import_upload(request: AuthedRequest) -> HttpResponse:
    """Upload a filled sheet; it is checked row by row, then previewed."""
    _check(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        batch = ImportBatch(
            token=secrets.token_hex(16),
            original_name=(upload.name or "")[:255],
            created_by=request.user,
        )
        batch.file.save(f"{batch.token}.xlsx", upload, save=False)
        outcome = _outcome(batch, request, commit=False)
        batch.rows = len(outcome.rows)
        batch.status = (
            ImportBatch.Status.PENDING if outcome.ok else ImportBatch.Status.REFUSED
        )
        batch.save()
        return redirect("initiatives:import_preview", token=batch.token)
    return render(request, "initiatives/import_form.html", {"form": form})


@login_required
@require_GET
def import_preview(request: AuthedRequest, token: str) -> HttpResponse:
    """What the sheet would register, or why rows are refused."""
    batch = _batch(request, token)
    outcome = _outcome(batch, request, commit=False)
    context = {
        "batch": batch,
        "outcome": outcome,
        "errors": list(spreadsheet.iter_errors(outcome)),
    }
    return render(request, "initiatives/import_preview.html", context)


@login_required
@require_POST
def import_confirm(request: AuthedRequest, token: str) -> HttpResponse:
    """Register every row of the sheet as drafts, all or nothing."""
    batch = _batch(request, token)
    with transaction.atomic():
        outcome = _outcome(batch, request, commit=True)
        if outcome.ok:
            _close(batch, ImportBatch.Status.IMPORTED)
    if not outcome.ok:
        messages.error(request, _("Nothing was saved: some rows are refused."))
        context = {
            "batch": batch,
            "outcome": outcome,
            "errors": list(spreadsheet.iter_errors(outcome)),
        }
        return render(request, "initiatives/import_preview.html", context)
    n = len(outcome.created)
    messages.success(
        request,
        ngettext(
            "%(n)s model was registered as a draft.",
            "%(n)s models were registered as drafts.",
            n,
        )
        % {"n": n},
    )
    return redirect(f"{redirect('initiatives:list').url}?status=draft")


@login_required
@require_POST
def import_cancel(request: AuthedRequest, token: str) -> HttpResponse:
    """Drop the uploaded sheet; nothing is saved."""
    batch = _batch(request, token)
    _close(batch, ImportBatch.Status.CANCELLED)
    messages.info(request, _("The import was cancelled; nothing was saved."))
    return redirect("initiatives:list")
