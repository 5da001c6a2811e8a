from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "danvan.common"
    verbose_name = _("Common")

    def ready(self) -> None:
        from danvan.common import checks  # noqa: F401  (registers the checks)
