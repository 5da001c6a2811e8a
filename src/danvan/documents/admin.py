"""The register in the Django admin: read mostly; writes go through the pages,
which apply the numbering rules."""

from django.contrib import admin

from danvan.common.admin import CleanModelAdmin, CleanTabularInline
from danvan.documents.models import (
    Attachment,
    Document,
    DocumentRelation,
    NumberSequence,
    ReviewPoint,
    Term,
)


class AttachmentInline(CleanTabularInline):
    model = Attachment
    extra = 0
    fields = ["original_name", "size", "sha256", "uploaded_at"]
    # Plain names only; the stub types ``fields`` wider (nested groups).
    readonly_fields = fields  # type: ignore[assignment]


class ReviewPointInline(CleanTabularInline):
    model = ReviewPoint
    fk_name = "document"
    extra = 0
    raw_id_fields = ["done_by_document"]


class RelationInline(CleanTabularInline):
    model = DocumentRelation
    fk_name = "source"
    extra = 0
    raw_id_fields = ["target"]


@admin.register(Document)
class DocumentAdmin(CleanModelAdmin):
    list_display = ["__str__", "issued_on", "issuer_name", "status", "area"]
    list_filter = ["kind", "status", "grammar", "issued_here"]
    search_fields = ["search_text", "symbol", "number"]
    date_hierarchy = "issued_on"
    raw_id_fields = ["area", "issuer_body", "signer", "term", "created_by"]
    readonly_fields = [
        "number",
        "number_value",
        "symbol",
        "grammar",
        "symbol_warning",
        "sequence_key",
        "term",
        "issued_here",
        "search_text",
    ]
    inlines = [AttachmentInline, RelationInline, ReviewPointInline]


@admin.register(Term)
class TermAdmin(CleanModelAdmin):
    list_display = ["body", "name", "starts_on", "ends_on"]
    search_fields = ["body__name", "name"]
    raw_id_fields = ["body"]


@admin.register(NumberSequence)
class NumberSequenceAdmin(CleanModelAdmin):
    list_display = ["key", "last_number"]
    search_fields = ["key"]
    readonly_fields = ["key"]


@admin.register(DocumentRelation)
class DocumentRelationAdmin(CleanModelAdmin):
    list_display = ["source", "kind", "target"]
    list_filter = ["kind"]
    raw_id_fields = ["source", "target"]


@admin.register(ReviewPoint)
class ReviewPointAdmin(CleanModelAdmin):
    list_display = ["document", "kind", "due_on", "done_on"]
    list_filter = ["kind"]
    raw_id_fields = ["document", "done_by_document"]
