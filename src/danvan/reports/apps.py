from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Periodic reports: the system's draft, the officers' text, the paper."""

    name = "danvan.reports"
    verbose_name = _("periodic reports")
    # The entry of the main menu (base.html).
    menu_label = _("Reports")

    def ready(self) -> None:
        from danvan.common import audit
        from danvan.reports import models
        from danvan.reports.kept import FIGURES

        audit.register(models.ReportType, exclude=["search_name"], m2m=["forms"])
        audit.register(models.OutlineSection)
        audit.register(models.Report, exclude=["area_path", "body_path", "annex"])
        # A section's text is kept whole in its versions; the log says who
        # saved it and when.
        audit.register(models.ReportSection, exclude=["text", "drafted"])
        audit.register(models.ReportComment)
        FIGURES.connect()
