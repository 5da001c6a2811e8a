from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationConfig(AppConfig):
    """People's situation (tình hình nhân dân) per unit and period, and its topics."""

    name = "danvan.situation"
    verbose_name = _("the people's situation")
    # The entry of the main menu (base.html).
    menu_label = _("Situation")

    def ready(self) -> None:
        from danvan.common import audit
        from danvan.situation import models
        from danvan.situation.kept import FIGURES

        audit.register(models.Topic, exclude=["search_name"])
        audit.register(models.Entry, exclude=["area_path", "body_path", "search_text"])
        FIGURES.connect()
