from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguesConfig(AppConfig):
    """Direct dialogues with the people, their opinions, reception days and
    the leaders' obligations."""

    name = "danvan.dialogues"
    verbose_name = _("dialogues with the people")
    # The entry of the main menu (base.html).
    menu_label = _("Dialogues")

    def ready(self) -> None:
        from danvan.common import audit
        from danvan.dialogues import models
        from danvan.dialogues.kept import FIGURES

        audit.register(
            models.Session, exclude=["area_path", "body_path", "search_text", "level"]
        )
        audit.register(models.Issue, exclude=["assigned_body_path", "search_text"])
        audit.register(models.Reception, exclude=["level", "search_text"])
        audit.register(models.ObligationRule)
        FIGURES.connect()
