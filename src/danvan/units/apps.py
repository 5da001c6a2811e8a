from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "danvan.units"
    verbose_name = _("Units")

    def ready(self) -> None:
        from danvan.common import audit
        from danvan.units import models

        for model in (
            models.Area,
            models.Body,
            models.Person,
            models.Position,
            models.ChangeEvent,
            models.AreaSuccession,
            models.BodySuccession,
        ):
            audit.register(model)
