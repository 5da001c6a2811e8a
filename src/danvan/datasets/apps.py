from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatasetsConfig(AppConfig):
    """Figures reported each period: indicators, forms, entry, approval, sums."""

    name = "danvan.datasets"
    verbose_name = _("reported figures")
    # The entry of the main menu (base.html).
    menu_label = _("Figures")

    def ready(self) -> None:
        from danvan.common import audit
        from danvan.datasets import models

        for model in (
            models.Indicator,
            models.Breakdown,
            models.BreakdownOption,
            models.ReportForm,
            models.FormSection,
            models.FormIndicator,
            models.ValidationRule,
        ):
            audit.register(model, exclude=["search_name"])
        audit.register(
            models.Submission, exclude=["area_path", "body_path", "updated_at"]
        )
        audit.register(
            models.DataValue,
            exclude=[
                "area_path",
                "body_path",
                "period_type",
                "period_start",
                "period_end",
                "updated_at",
            ],
        )
        # Kept counts of the submission lists and the home page (datasets.kept).
        from danvan.datasets.kept import FIGURES, SUMS

        FIGURES.connect()
        SUMS.connect()
        # The indicators the apps' registers provide (datasets.providers).
        from django.db.models.signals import post_migrate

        from danvan.datasets.providers import sync_indicators

        post_migrate.connect(
            sync_indicators, sender=self, dispatch_uid="datasets.provided_indicators"
        )
