"""The paper of a report to download: DOCX, PDF, and the annex as XLSX.

Each is a GET of a report the reader sees (``get_visible_or_404``). An
approved or sent report serves the DOCX kept on its register entry (the file
that was numbered and signed) and the PDF of that file; any other report is
rendered now from its rows, marked "DỰ THẢO". Where LibreOffice is missing
or fails, the PDF link returns to the report with the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from danvan.common.access import get_visible_or_404
from danvan.common.files import serve_bytes, serve_file
from danvan.common.http import AuthedRequest
from danvan.common.xlsx import XLSX
from danvan.documents.models import Attachment
from danvan.reports import office
from danvan.reports.annex import annex_xlsx as annex_workbook
from danvan.reports.models import Report, ReportSection
from danvan.reports.paper import (
    DOCX_TYPE,
    file_name,
    render_docx,
    render_pdf,
    stored_docx,
)

PDF_TYPE = "application/pdf"


def _reports() -> QuerySet[Report]:
    """A report with what its paper reads: one query each, none per section."""
    return Report.objects.select_related(
        "report_type", "period", "body__area__parent", "body__parent", "document"
    ).prefetch_related(
        Prefetch("sections", queryset=ReportSection.objects.order_by("order", "pk")),
        Prefetch(
            "document__attachments",
            queryset=Attachment.objects.order_by("uploaded_at", "pk"),
        ),
    )


def _report(request: AuthedRequest, pk: int) -> Report:
    return get_visible_or_404(_reports(), request.user, pk=pk)


@login_required
@require_GET
def docx(request: AuthedRequest, pk: int) -> HttpResponseBase:
    report = _report(request, pk)
    kept = stored_docx(report)
    name = file_name(report, "docx")
    if kept is not None:
        return serve_file(kept.file, filename=name)
    return serve_bytes(render_docx(report), filename=name, content_type=DOCX_TYPE)


@login_required
@require_GET
def pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    try:
        content = render_pdf(report)
    except office.OfficeError as error:
        messages.error(request, error.message)
        return redirect(report.get_absolute_url())
    return serve_bytes(
        content, filename=file_name(report, "pdf"), content_type=PDF_TYPE
    )


@login_required
@require_GET
def annex_xlsx(request: AuthedRequest, pk: int) -> HttpResponse:
    report = Report.objects.select_related("report_type", "body", "period")
    found = get_visible_or_404(report, request.user, pk=pk)
    return serve_bytes(
        annex_workbook(found),
        filename=file_name(found, "xlsx").replace("Báo cáo", "Phụ lục báo cáo", 1),
        content_type=XLSX,
    )
