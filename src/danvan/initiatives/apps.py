from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    """ "Dân vận khéo" models (mô hình): registration, judging, commendation."""

    name = "danvan.initiatives"
    verbose_name = _("“Dân vận khéo” models")
    # The entry of the main menu (base.html), kept in this app's catalogue.
    menu_label = _("Dân vận khéo")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from danvan.initiatives import models

        for model in (
            models.Initiative,
            models.Criterion,
            models.ProgressUpdate,
            models.Evaluation,
            models.Commendation,
            models.Field,
            models.Rubric,
            models.RubricCriterion,
        ):
            # Not news to a reader of the log: the id, derived keys, and the
            # rows pointing here (they have log entries of their own).
            derived = ["search_text", "area_path", "level"]
            hidden = ["id", *(derived if model is models.Initiative else [])] + [
                f.name
                for f in model._meta.get_fields()
                if f.auto_created and not f.concrete
            ]
            if not auditlog.contains(model):
                auditlog.register(model, exclude_fields=hidden)
