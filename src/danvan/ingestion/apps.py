from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestionConfig(AppConfig):
    name = "danvan.ingestion"
    verbose_name = _("Bringing texts in")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from danvan.common import audit
        from danvan.ingestion import models

        # The converted text and its search keys come from the kept original
        # and never change: logging them would copy every text into the log.
        auditlog.register(
            models.Source,
            exclude_fields=["text", "search_title", "search_text"],
        )
        audit.register(models.Source, models.Batch)
