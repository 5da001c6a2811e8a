"""Pages of the register: the list, a document, entering and numbering one,
links between documents, reviews due, and the terms of Party committees."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page
from django.db.models import Model, OuterRef, Q, QuerySet, Subquery
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from danvan.common.access import (
    can_edit,
    get_editable_or_404,
    get_visible_or_404,
    may_edit_somewhere,
)
from danvan.common.audit import history_for
from danvan.common.dates import parse_date
from danvan.common.files import serve_file, upload_limit
from danvan.common.http import AuthedRequest
from danvan.common.kept import list_params
from danvan.common.paging import Paginator
from danvan.common.xlsx import xlsx_response
from danvan.documents import services
from danvan.documents.exceptions import DocumentError, DuplicateDocumentError
from danvan.documents.filters import DocumentFilterSet, count_parts, issuers_named
from danvan.documents.forms import (
    AttachmentForm,
    DocumentForm,
    IssueForm,
    RelationForm,
    ReviewPointForm,
    TermForm,
)
from danvan.documents.kept import FIGURES
from danvan.documents.models import (
    Attachment,
    Document,
    DocumentRelation,
    ReviewPoint,
    Term,
)
from danvan.documents.queries import due_reviews, implementation_tree
from danvan.units.models import Area, Body

PAGE_SIZE = 50
# What a row of the list shows (documents/document_rows.html).
ROW_COLUMNS = (
    "kind",
    "number",
    "symbol",
    "grammar",
    "symbol_warning",
    "issued_on",
    "title",
    "issuer_name",
    "issuer_body",
    "area",
    "status",
)
FILTERS = ("q", "kind", "issuer", "year", "area", "status", "sort")


def _visible(request: AuthedRequest) -> QuerySet[Document]:
    return Document.objects.visible_to(request.user)


def _filtered(request: AuthedRequest) -> tuple[DocumentFilterSet, dict[str, Any]]:
    """The list's filters over the user's documents, and their values as sent."""
    visible = _visible(request).select_related("area", "issuer_body")
    filterset = DocumentFilterSet(request.GET, visible, user=request.user)
    filterset.form.is_valid()  # cleans: form.data holds the cleaned text now
    filters = {key: filterset.form.data.get(key, "") for key in FILTERS}
    return filterset, filters


def _query_string(filters: dict[str, str], **changes: str) -> str:
    from urllib.parse import urlencode

    merged = {**filters, **changes}
    return urlencode({k: v for k, v in merged.items() if v})


EXPORT_HEADERS = [
    gettext_lazy("Number and symbol"),
    pgettext_lazy("document", "Kind"),
    gettext_lazy("Date of issue"),
    gettext_lazy("Issuer"),
    pgettext_lazy("document", "Title"),
    gettext_lazy("Signed by"),
    gettext_lazy("Status"),
    gettext_lazy("In force from"),
    gettext_lazy("In force until"),
    gettext_lazy("Area"),
    gettext_lazy("Warning about the symbol"),
]


def _export_row(d: Document) -> list[Any]:
    return [
        d.reference,
        d.get_kind_display(),
        d.issued_on,
        d.issuer,
        d.title,
        d.signer_name,
        d.get_status_display(),
        d.valid_from,
        d.valid_to,
        d.area.full_name,
        d.symbol_warning,
    ]


@login_required
def document_list(request: AuthedRequest) -> HttpResponse:
    """The register: filters, a search without accents or by symbol, export."""
    filterset, filters = _filtered(request)
    documents = filterset.qs
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "van-ban.xlsx",
            _("Documents"),
            EXPORT_HEADERS,
            (_export_row(d) for d in documents.iterator()),
        )
    page = _page(request, filterset, documents.only(*ROW_COLUMNS))
    fields = filterset.form.fields
    context = {
        "page": page,
        "filters": filters,
        "query": _query_string({**filters, "page": ""}),
        "kinds": Document.Kind.choices,
        "statuses": Document.Status.choices,
        "years": [year for year, _label in fields["year"].choices if year],
        # A picker: the chosen area and a search (units.widgets).
        "area_field": filterset.form["area"],
        "sorts": [
            ("date", _("newest first")),
            ("-date", _("oldest first")),
            ("number", _("number")),
            ("title", pgettext("document", "title")),
            ("kind", _("kind")),
            ("issuer", _("issuer")),
        ],
        "may_write": bool(may_edit_somewhere(request.user)),
    }
    template = "documents/document_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#rows"
    return render(request, template, context)


def _page(
    request: AuthedRequest, filterset: DocumentFilterSet, documents: QuerySet[Document]
) -> Page[Document]:
    """The list's page of rows, with the number of rows in all (each part of
    the scope counted on its own index: ``count_parts``)."""
    # Each row's area and issuing body are read for the page's rows alone:
    # subqueries that PostgreSQL evaluates after the sort and the cut at the
    # page (a join is read for every row a search finds before its sort).
    shown = documents.select_related(None).annotate(
        area_full_name=_area_column("full_name"),
        area_valid_to=_area_column("valid_to"),
        issuer_body_name=Subquery(
            Body.objects.filter(pk=OuterRef("issuer_body_id"))
            .order_by()
            .values("name")[:1]
        ),
    )
    paginator = Paginator(
        shown, PAGE_SIZE, count=lambda: _kept_count(request, filterset)
    )
    page: Page[Document] = paginator.get_page(request.GET.get("page"))
    return page


def _area_column(name: str) -> Subquery:
    return Subquery(
        Area.objects.filter(pk=OuterRef("area_id")).order_by().values(name)[:1]
    )


def _kept_count(request: AuthedRequest, filterset: DocumentFilterSet) -> int:
    """The number of rows the filters find, each part of the scope counted on
    its own index (``count_parts``), kept like the span of years until a
    document or a relation changes: a count reads every row of the scope that
    the filters leave, where the page reads fifty."""
    values = list_params(request.GET)

    def count() -> int:
        parts = count_parts(request.user, filterset.filter_queryset)
        counted: int = Paginator(filterset.qs, PAGE_SIZE, parts=parts).count
        return counted

    found: int = FIGURES.kept("count", request.user, values, count)
    return found


@login_required
def issuer_names(request: AuthedRequest) -> HttpResponse:
    """Issuers of the user's documents whose name holds the text typed in the
    list's issuer box: the ``<option>``s of its suggestions (htmx)."""
    names = issuers_named(_visible(request), request.GET.get("issuer", ""))
    return render(request, "documents/issuer_options.html", {"names": names})


# What a document's pages show beside it, fetched with it.
_WITH = ("area", "issuer_body", "term", "signer")


def _long_texts(relation: str) -> tuple[str, ...]:
    """A related document's long texts, which a page naming it does not show."""
    return (f"{relation}__summary", f"{relation}__search_text")


@login_required
def document_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    # The document, then whether the user reads it: tested on its copied
    # path and the ids read up the tree (``DocumentQuerySet.reads``), as are
    # the documents it names. The scope in SQL cost each query its planning.
    documents = Document.objects
    # The term with its body: the change log names it (``known`` below).
    # Of the rows joined, the columns shown (and named by the log) alone.
    document = get_object_or_404(
        documents.select_related(
            "area", "issuer_body", "term__body", "created_by"
        ).only(
            *(f.name for f in Document._meta.concrete_fields),
            "area__full_name",
            "area__valid_to",
            "area__path",
            "issuer_body__name",
            "term__name",
            "term__body__name",
            "created_by__first_name",
            "created_by__last_name",
            "created_by__username",
            "created_by__is_active",
        ),
        pk=pk,
    )
    reader = documents.reader(request.user)
    if not reader(document):
        raise Http404

    def reads(other: Document | None) -> bool:
        return other is not None and reader(other)

    # Its relations both ways in one query, those whose other document is seen.
    relations = [
        r
        for r in DocumentRelation.objects.filter(
            Q(source=document) | Q(target=document)
        )
        .select_related("source", "target")
        .defer(*_long_texts("source"), *_long_texts("target"))
        if reads(r.target if r.source_id == document.pk else r.source)
    ]
    relations_out = sorted(
        (r for r in relations if r.source_id == document.pk),
        key=lambda r: (r.kind, r.target.issued_on),
    )
    relations_in = sorted(
        (r for r in relations if r.target_id == document.pk),
        key=lambda r: (r.kind, r.source.issued_on),
    )
    # A review held by a document outside the user's scope does not name it.
    points = list(
        document.review_points.select_related("done_by_document").defer(
            *_long_texts("done_by_document")
        )
    )
    reviewed_by = {p.done_by_document_id for p in points if reads(p.done_by_document)}
    attachments = list(document.attachments.all())
    # The change log reads the entries of the rows shown, by the rows already
    # read (not the scope again), and of none when there are none.
    related: list[Sequence[Model]] = [attachments, relations_out, points]
    editable = can_edit(request.user, document)
    context = {
        "document": document,
        "relations_out": relations_out,
        "relations_in": relations_in,
        "points": points,
        "reviewed_by": reviewed_by,
        "attachments": attachments,
        "can_edit": editable,
        "has_implementers": any(
            r.kind == DocumentRelation.Kind.IMPLEMENTS for r in relations_in
        ),
        "history": history_for(
            document,
            *related,
            user=request.user,
            # Rows the page shows already: a change naming one needs no query.
            known=[
                row
                for row in (
                    document.area,
                    document.issuer_body,
                    document.term,
                    *(r.target for r in relations_out),
                    *(r.source for r in relations_in),
                    *(
                        p.done_by_document
                        for p in points
                        if p.done_by_document_id in reviewed_by
                    ),
                )
                if row is not None
            ],
        ),
        "today": timezone.localdate(),
    }
    return render(request, "documents/document_detail.html", context)


def _duplicate_message(error: DuplicateDocumentError, request: AuthedRequest) -> str:
    if error.existing.pk and _visible(request).filter(pk=error.existing.pk).exists():
        return format_html(
            '{} <a href="{}">{}</a>', error.message, error.url, _("Open it.")
        )
    return error.message_for(request.user)


def _save_form(
    request: AuthedRequest, form: DocumentForm, document: Document | None
) -> Document | None:
    data = form.cleaned_data
    if not can_edit(request.user, data["area"]):
        form.add_error("area", _("You may not write to this register."))
        return None
    arguments = {
        "actor": request.user,
        "area": data["area"],
        "symbol_text": data["symbol_text"],
        "accept_warning": data["accept_warning"],
        "issued_on": data["issued_on"],
        "title": data["title"],
        "kind": data["kind"] or None,
        "issuer_body": data["issuer_body"],
        "issuer_name": data["issuer_name"],
        "summary": data["summary"],
        "signer_name": data["signer_name"],
        "signer": data["signer"],
        "valid_from": data["valid_from"],
        "valid_to": data["valid_to"],
        "status": data["status"],
    }
    try:
        if document is None:
            return services.register_document(**arguments)
        return services.update_document(document=document, **arguments)
    except DuplicateDocumentError as error:
        form.add_error("symbol_text", _duplicate_message(error, request))
    except DocumentError as error:
        form.add_error(None, error.message_for(request.user))
    return None


@login_required
def document_create(request: AuthedRequest) -> HttpResponse:
    if not may_edit_somewhere(request.user):
        raise PermissionDenied
    form = DocumentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        document = _save_form(request, form, None)
        if document is not None:
            messages.success(
                request, _("Entered %(document)s.") % {"document": document}
            )
            return redirect(document)
    return render(
        request, "documents/document_form.html", {"form": form, "document": None}
    )


@login_required
def document_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    document = get_editable_or_404(
        Document.objects.select_related(*_WITH), request.user, pk=pk
    )
    form = DocumentForm(
        request.POST or None,
        user=request.user,
        initial=DocumentForm.initial_for(document),
    )
    if request.method == "POST" and form.is_valid():
        saved = _save_form(request, form, document)
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(saved)
        document.refresh_from_db()
    return render(
        request, "documents/document_form.html", {"form": form, "document": document}
    )


@login_required
def document_issue(request: AuthedRequest) -> HttpResponse:
    """Number a document the office issues: the next number is proposed, and
    taken when saved."""
    if not may_edit_somewhere(request.user):
        raise PermissionDenied
    # A GET carries the choices so far (htmx asks for the proposal on change).
    initial = {
        k: v for k, v in request.GET.items() if k in ("body", "kind", "issued_on")
    }
    form = IssueForm(request.POST or None, user=request.user, initial=initial)
    proposal, problem = None, ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not can_edit(request.user, data["area"]):
            form.add_error("area", _("You may not write to this register."))
        else:
            try:
                document = services.issue_document(actor=request.user, **data)
            except DocumentError as error:
                form.add_error(None, error.message_for(request.user))
            else:
                messages.success(
                    request,
                    _("Numbered %(document)s.") % {"document": document},
                )
                return redirect(document)
    body_pk = form["body"].value()
    kind = form["kind"].value() or Document.Kind.choices[0][0]
    on = form["issued_on"].value() or timezone.localdate()
    body = form.fields["body"].queryset.filter(pk=body_pk).first() if body_pk else None  # type: ignore[attr-defined]
    if body is not None:
        try:
            on_date = on if isinstance(on, dt.date) else dt.date.fromisoformat(str(on))
            proposal = services.propose_number(body=body, kind=kind, on=on_date)
        except ValueError:
            proposal = None
        except DocumentError as error:
            problem = error.message_for(request.user)
    context = {"form": form, "proposal": proposal, "problem": problem}
    template = "documents/document_issue.html"
    if request.htmx and request.method == "GET" and not request.htmx.boosted:
        template += "#proposal"
    return render(request, template, context)


@login_required
def document_tree(request: AuthedRequest, pk: int) -> HttpResponse:
    """Everything issued to implement a document, level by level."""
    document = get_visible_or_404(
        Document.objects.select_related(*_WITH), request.user, pk=pk
    )
    nodes = implementation_tree(document=document, documents=_visible(request))
    if request.GET.get("format") == "xlsx":
        rows = [
            [n.depth, *_export_row(n.document)[:5], n.document.area.full_name]
            for n in nodes.flatten()
        ]
        return xlsx_response(
            f"thuc-hien-{document.pk}.xlsx",
            _("Implementation"),
            [_("Level"), *EXPORT_HEADERS[:5], EXPORT_HEADERS[9]],
            rows,
        )
    return render(
        request, "documents/document_tree.html", {"document": document, "root": nodes}
    )


def _action_form(
    request: AuthedRequest,
    document: Document,
    form: Any,
    name: str,
    submit: str,
    *,
    multipart: bool = False,
) -> HttpResponse:
    """A write's form on a document's page: for htmx the form alone, swapped in
    place of its link (docs/style.md, "Forms on a detail page")."""
    template = "documents/document_action.html"
    if request.htmx and not request.htmx.boosted:
        template += "#form"
    context = {
        "document": document,
        "form": form,
        "action": reverse(name, args=[document.pk]),
        "submit": submit,
        "multipart": multipart,
    }
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def relation_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """Relate the document to another (a GET: the form)."""
    document = get_editable_or_404(
        Document.objects.select_related(*_WITH), request.user, pk=pk
    )
    if request.method == "GET":
        form = RelationForm(auto_id="id_relation_%s")
        return _action_form(
            request, document, form, "documents:relation_add", _("Add the relation")
        )
    form = RelationForm(request.POST, documents=_visible(request))
    if form.is_valid():
        try:
            services.relate_documents(
                actor=request.user,
                source=document,
                target=form.cleaned_data["target"],
                kind=form.cleaned_data["kind"],
                note=form.cleaned_data["note"],
            )
        except DocumentError as error:
            messages.error(request, error.message_for(request.user))
        else:
            messages.success(request, _("Relation recorded."))
    else:
        messages.error(
            request, " ".join(str(e) for errs in form.errors.values() for e in errs)
        )
    return redirect(document)


@login_required
@require_POST
def relation_delete(request: AuthedRequest, pk: int, relation_pk: int) -> HttpResponse:
    document = get_editable_or_404(
        Document.objects.select_related(*_WITH), request.user, pk=pk
    )
    relation = get_object_or_404(document.relations_out, pk=relation_pk)
    services.unrelate_documents(actor=request.user, relation=relation)
    messages.success(request, _("Relation removed."))
    return redirect(document)


@login_required
@require_http_methods(["GET", "POST"])
def review_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """Schedule a review of the document (a GET: the form)."""
    document = get_editable_or_404(
        Document.objects.select_related(*_WITH), request.user, pk=pk
    )
    if request.method == "GET":
        form = ReviewPointForm(auto_id="id_review_%s")
        return _action_form(
            request, document, form, "documents:review_add", _("Schedule")
        )
    form = ReviewPointForm(request.POST)
    if form.is_valid():
        try:
            services.add_review_point(
                actor=request.user, document=document, **form.cleaned_data
            )
        except DocumentError as error:
            messages.error(request, error.message_for(request.user))
        else:
            messages.success(request, _("Review scheduled."))
    else:
        messages.error(
            request, " ".join(str(e) for errs in form.errors.values() for e in errs)
        )
    return redirect(document)


@login_required
@require_POST
def review_done(request: AuthedRequest, pk: int, point_pk: int) -> HttpResponse:
    document = get_editable_or_404(
        Document.objects.select_related(*_WITH), request.user, pk=pk
    )
    point = get_object_or_404(document.review_points, pk=point_pk)
    done_on = parse_date(request.POST.get("done_on")) or timezone.localdate()
    services.complete_review_point(actor=request.user, point=point, done_on=done_on)
    messages.success(request, _("Review marked as held."))
    return redirect(document)


@login_required
@require_http_methods(["GET", "POST"])
@upload_limit("attachment")
def attachment_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """Attach a file to the document (a GET: the form)."""
    document = get_editable_or_404(
        Document.objects.select_related(*_WITH), request.user, pk=pk
    )
    if request.method == "GET":
        return _action_form(
            request,
            document,
            AttachmentForm(auto_id="id_attachment_%s"),
            "documents:attachment_add",
            _("Attach"),
            multipart=True,
        )
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        attachment = services.attach_file(
            actor=request.user, document=document, upload=form.cleaned_data["file"]
        )
        messages.success(
            request, _("Attached %(name)s.") % {"name": attachment.original_name}
        )
    else:
        messages.error(request, _("Choose a file."))
    return redirect(document)


@login_required
def attachment_download(
    request: AuthedRequest, pk: int, attachment_pk: int
) -> FileResponse:
    document = get_visible_or_404(
        Document.objects.select_related(*_WITH), request.user, pk=pk
    )
    attachment: Attachment = get_object_or_404(document.attachments, pk=attachment_pk)
    return serve_file(attachment.file, filename=attachment.original_name)


@login_required
def due_list(request: AuthedRequest) -> HttpResponse:
    """Reviews (sơ kết, tổng kết) due in the coming months, overdue ones first."""
    try:
        months = max(1, min(120, int(request.GET.get("months", 12))))
    except ValueError:
        months = 12
    today = timezone.localdate()
    points = due_reviews(
        points=ReviewPoint.objects.visible_to(request.user), months=months, today=today
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "den-han-so-ket-tong-ket.xlsx",
            _("Reviews due"),
            [_("Review"), _("Due on"), *EXPORT_HEADERS[:5], EXPORT_HEADERS[9]],
            (
                [
                    f"{p.title} {_('implementing')} {p.document}",
                    p.due_on,
                    *_export_row(p.document)[:5],
                    p.document.area.full_name,
                ]
                for p in points
            ),
        )
    page = Paginator(points, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "documents/due_list.html",
        {"page": page, "months": months, "today": today},
    )


@login_required
def term_list(request: AuthedRequest) -> HttpResponse:
    """Terms of the Party committees of the user's units; editors add one."""
    terms = (
        Term.objects.filter(body__in=Body.objects.visible_to(request.user))
        .select_related("body__area")
        .order_by("body__path", "-starts_on")
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "nhiem-ky.xlsx",
            _("Terms"),
            [_("Party committee"), _("Term"), _("Starts on"), _("Ends on")],
            ([t.body.name, t.name, t.starts_on, t.ends_on] for t in terms),
        )
    form = TermForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not may_edit_somewhere(request.user):
            raise PermissionDenied
        if form.is_valid():
            try:
                term = services.add_term(actor=request.user, **form.cleaned_data)
            except DocumentError as error:
                form.add_error(None, error.message_for(request.user))
            else:
                messages.success(request, _("Added %(term)s.") % {"term": term})
                return redirect(reverse("documents:terms"))
    page = Paginator(terms, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "documents/term_list.html",
        {"page": page, "form": form, "may_write": may_edit_somewhere(request.user)},
    )
