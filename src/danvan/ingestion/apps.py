from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestionConfig(AppConfig):
    name = "danvan.ingestion"
    verbose_name = _("Bringing texts in")

    def ready(self) -> None:
        from danvan.common import audit
        from danvan.ingestion import models
        from danvan.ingestion.display import facts_summary

        # The converted text comes from the kept original and never changes:
        # logging it would copy every text into the log.
        audit.register(
            models.Source,
            exclude=["text", "sha256"],
            show={"facts": facts_summary, "confirmed_facts": facts_summary},
        )
        # Progress (counters, the files and their failures) is the batch page's;
        # who started it, and its status and times, are the log's.
        audit.register(
            models.Batch,
            exclude=[
                "items",
                "failures",
                "duplicates",
                "processed",
                "created_count",
                "skipped_count",
                "failed_count",
            ],
        )
