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

        from django.db.models.signals import post_delete, post_save

        # The documents a user reads up the tree follow the relations.
        for model in (models.Document, models.DocumentRelation):
            for signal in (post_save, post_delete):
                signal.connect(
                    models.forget_read_up,
                    sender=model,
                    dispatch_uid=f"forget_read_up_{model.__name__}_{id(signal)}",
                )
