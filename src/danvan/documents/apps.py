from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "danvan.documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from danvan.common import audit
        from danvan.documents import models

        # What a reader of the change log recognises; derived keys (sequence,
        # search text) and reverse relations stay out.
        included = {
            models.Document: [
                "kind",
                "number",
                "symbol",
                "symbol_warning",
                "issuer_body",
                "issuer_name",
                "issued_on",
                "title",
                "summary",
                "signer_name",
                "signer",
                "valid_from",
                "valid_to",
                "status",
                "area",
                "term",
            ],
            models.Term: ["body", "name", "starts_on", "ends_on"],
            models.Attachment: ["original_name", "size"],
            models.DocumentRelation: ["source", "target", "kind", "note"],
            models.ReviewPoint: [
                "kind",
                "after_years",
                "due_on",
                "label",
                "done_by_document",
                "done_on",
            ],
        }
        for model, fields in included.items():
            if not auditlog.contains(model):
                auditlog.register(model, include_fields=fields)
        audit.register(
            models.Document,
            models.Term,
            models.Attachment,
            models.DocumentRelation,
            models.ReviewPoint,
        )
