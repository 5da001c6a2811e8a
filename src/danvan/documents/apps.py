from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "danvan.documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from danvan.common import audit
        from danvan.documents import models

        audit.register(
            models.Document,
            models.Term,
            models.Attachment,
            models.DocumentRelation,
            models.ReviewPoint,
        )
