from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    """The unit's dashboard: key figures, trends and sub-units compared."""

    name = "danvan.dashboards"
    verbose_name = _("dashboards")

    def ready(self) -> None:
        from danvan.dashboards.kept import FIGURES

        FIGURES.connect()
