from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "danvan.documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from danvan.common import audit
        from danvan.documents import models

        # Derived keys (number value, grammar, sequence key) say nothing new;
        # a stored file name and its hash are the storage's, not the reader's.
        audit.register(
            models.Document,
            exclude=["number_value", "grammar", "issued_here", "sequence_key"],
        )
        audit.register(models.Term)
        audit.register(
            models.Attachment, exclude=["sha256", "uploaded_by", "uploaded_at"]
        )
        audit.register(models.DocumentRelation)
        audit.register(models.ReviewPoint)

        # The kept figures (ids read up the tree, counts, years) follow the
        # documents and their relations.
        from danvan.documents.kept import FIGURES

        FIGURES.connect()
