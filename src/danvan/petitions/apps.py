from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    """Citizens' petitions (đơn thư): intake, routing, legal clocks and privacy."""

    name = "danvan.petitions"
    verbose_name = _("petitions")
    # The entry of the main menu (base.html).
    menu_label = _("Petitions")

    def ready(self) -> None:
        from danvan.common import audit
        from danvan.petitions import models
        from danvan.petitions.kept import FIGURES

        audit.register(
            models.Petition,
            exclude=[
                "area_path",
                "handling_body_path",
                "received_body_path",
                "search_text",
                "next_due_on",
                "settled_due_on",
            ],
            m2m=["identity_bodies"],
        )
        # The petitioners' identity is personal data: the log keeps who changed
        # them and when, never the values (``IdentityView`` logs who saw them).
        audit.register(
            models.Petitioner,
            exclude=["name", "id_number", "address", "phone", "name_key"],
        )
        audit.register(models.Attachment)
        audit.register(models.Forwarding)
        audit.register(models.RuleSet)
        audit.register(models.ClockRule)
        audit.register(models.RoutingRule, exclude=["area_path"])
        FIGURES.connect()
