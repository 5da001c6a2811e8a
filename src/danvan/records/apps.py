from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "danvan.records"
    verbose_name = _("Records from texts")

    def ready(self) -> None:
        from danvan.common import audit
        from danvan.records.models import RecordLink

        audit.register(RecordLink)
