from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    """Hot spots (điểm nóng): a register with its timeline of follow-ups."""

    name = "danvan.incidents"
    verbose_name = _("hot spots")
    # The entry of the main menu (base.html).
    menu_label = _("Hot spots")

    def ready(self) -> None:
        from danvan.common import audit
        from danvan.incidents import models

        audit.register(
            models.Incident,
            exclude=["area_path", "owner_body_path", "search_text"],
            m2m=["petitions", "dialogues", "meetings"],
        )
        audit.register(models.FollowUp)

        from danvan.incidents.kept import FIGURES

        FIGURES.connect()
