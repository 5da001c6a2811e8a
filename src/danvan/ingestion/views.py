"""Pages of bringing texts in: the form, a batch's progress, sources and review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from danvan.common.access import can_edit, get_visible_or_404, seen_or_404
from danvan.common.audit import history_for
from danvan.common.files import serve_file, upload_limit
from danvan.common.http import AuthedRequest
from danvan.common.safefiles import configured_limits, count_text
from danvan.ingestion import services
from danvan.ingestion.exceptions import IngestionError
from danvan.ingestion.filters import SourceFilterSet
from danvan.ingestion.forms import FactsForms, IngestForm
from danvan.ingestion.highlight import highlight
from danvan.ingestion.models import Batch, Source
from danvan.units.models import Area

# The legend of the marks on the review page, in the order of highlight.KINDS.
FACT_KINDS = [
    ("person", gettext_lazy("person")),
    ("author", gettext_lazy("author")),
    ("place", gettext_lazy("place")),
    ("docref", gettext_lazy("document")),
    ("date", gettext_lazy("date")),
    ("figure", gettext_lazy("figure")),
    ("movement", gettext_lazy("movement or model")),
]


def _visible(request: AuthedRequest, source: Source) -> bool:
    return Source.objects.visible_to(request.user).filter(pk=source.pk).exists()


@login_required
@require_http_methods(["GET", "POST"])
@upload_limit("source", several=True)
def ingest(request: AuthedRequest) -> HttpResponse:
    """Paste a text or upload files into an area the user edits."""
    form = IngestForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        area = form.cleaned_data["area"]
        text = form.cleaned_data["text"]
        files = form.cleaned_data["files"]
        source = None
        if text.strip():
            try:
                source, created = services.ingest_text(
                    actor=request.user,
                    area=area,
                    text=text,
                    title=form.cleaned_data["title"],
                )
            except IngestionError as exc:
                form.add_error("text", str(exc))
            except ValidationError as exc:
                form.add_error("text", exc)
            else:
                if created:
                    messages.success(request, _("The text was brought in."))
                elif _visible(request, source):
                    messages.info(request, _("This text was already brought in."))
                else:
                    messages.info(
                        request,
                        _("This text was already brought in by another unit."),
                    )
                    source = None
        if not form.errors:
            if files:
                batch = services.start_batch(
                    actor=request.user,
                    area=area,
                    files=[(f.name, f) for f in files],
                )
                return redirect(batch)
            return redirect(source or "ingestion:ingest")
    batches = (
        Batch.objects.visible_to(request.user)
        .filter(created_by=request.user)
        .select_related("area")[:5]
    )
    return render(
        request,
        "ingestion/ingest.html",
        {
            "form": form,
            "can_ingest": Area.objects.editable_by(request.user).exists(),
            "batches": batches,
        },
    )


@login_required
def batch_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A batch's progress while it runs, and its summary once done."""
    batch = get_visible_or_404(
        Batch.objects.select_related("area", "created_by"), request.user, pk=pk
    )
    visible = Source.objects.visible_to(request.user)
    duplicate_ids = [d["source"] for d in batch.duplicates]
    known = set(visible.filter(pk__in=duplicate_ids).values_list("pk", flat=True))
    context = {
        "batch": batch,
        "sources": visible.filter(batch=batch).order_by("pk"),
        "duplicates": [
            {**d, "visible": d["source"] in known} for d in batch.duplicates
        ],
    }
    template = "ingestion/batch_detail.html"
    if request.htmx and not request.htmx.boosted:
        template += "#progress"
    return render(request, template, context)


@login_required
def source_list(request: AuthedRequest) -> HttpResponse:
    """The sources of the user's units; the search ignores diacritics."""
    visible = (
        Source.objects.visible_to(request.user)
        .select_related("area", "confirmed_by")
        .defer("text", "search_text", "facts", "confirmed_facts")
    )
    filters = SourceFilterSet(request.GET, visible)
    page = Paginator(filters.qs, 25).get_page(request.GET.get("page"))
    query, status = filters.value("q") or "", filters.value("status") or ""
    template = "ingestion/source_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#rows"
    return render(request, template, {"page": page, "q": query, "status": status})


@login_required
@require_http_methods(["GET", "POST"])
def source_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """Review: the text with its facts marked, and the facts to correct and confirm."""
    # Read by its key, then seen by its area's path; the page shows its
    # batch's number alone.
    source = seen_or_404(
        request.user,
        Source.objects.select_related("area", "created_by", "confirmed_by")
        .filter(pk=pk)
        .first(),
    )
    editable = can_edit(request.user, source)
    # A long text is shown (and marked) in part, so the page stays small.
    shown = configured_limits().max_review_chars
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        forms = FactsForms(source.current_facts, request.POST, body_limit=shown)
        if forms.is_valid():
            try:
                services.confirm_facts(
                    actor=request.user, source=source, facts=forms.to_facts()
                )
            except ValidationError as exc:
                forms.form.add_error(None, exc)
            else:
                messages.success(request, _("The facts were confirmed."))
                if request.htmx:
                    return HttpResponseClientRedirect(source.get_absolute_url())
                return redirect(source)
    else:
        forms = FactsForms(source.current_facts, editable=editable, body_limit=shown)
    facts = source.current_facts
    return render(
        request,
        "ingestion/source_detail.html",
        {
            "source": source,
            # highlight() escapes the whole text and every attribute it writes.
            "marked_text": mark_safe(highlight(source.text[:shown], facts)),
            "text_cut": len(source.text) > shown,
            "shown_chars": count_text(shown),
            "total_chars": count_text(len(source.text)),
            "kinds": FACT_KINDS,
            "forms": forms,
            "editable": editable,
            # The area and the people the page shows name themselves in the log.
            "history": history_for(
                source,
                user=request.user,
                known=[
                    source.area,
                    *(u for u in (source.created_by, source.confirmed_by) if u),
                ],
            ),
        },
    )


@login_required
@require_GET
def source_original(request: AuthedRequest, pk: int) -> FileResponse:
    """The file as it was brought in."""
    source = get_visible_or_404(Source, request.user, pk=pk)
    return serve_file(source.original, filename=source.original_name)
