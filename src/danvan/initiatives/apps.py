from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    """ "Dân vận khéo" models (mô hình): registration, judging, commendation."""

    name = "danvan.initiatives"
    verbose_name = _("“Dân vận khéo” models")
    # The entry of the main menu (base.html), kept in this app's catalogue.
    menu_label = _("Dân vận khéo")

    def ready(self) -> None:
        from danvan.common import audit
        from danvan.initiatives import models

        audit.register(models.Initiative, exclude=["level"])  # follows the area
        for model in (
            models.Criterion,
            models.ProgressUpdate,
            models.ProgressResult,
            models.Evaluation,
            models.EvaluationScore,
            models.Commendation,
            models.Field,
            models.Rubric,
            models.RubricCriterion,
        ):
            audit.register(model)
        audit.register(models.ProgressAttachment, exclude=["sha256", "content_type"])
        # The rows of an upload are the file's; what was done with it is news.
        audit.register(models.ImportBatch, exclude=["token", "rows"])
        forget_statistics_on_change()


def forget_statistics_on_change() -> None:
    """A save or delete of a row the statistics read forgets the kept figures."""
    from danvan.initiatives.kept import FIGURES

    FIGURES.connect()
