import re

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "danvan.common"
    verbose_name = _("Common")

    def ready(self) -> None:
        from danvan.common import checks  # noqa: F401  (registers the checks)

        strict_api_integers()


def strict_api_integers() -> None:
    """The API refuses "15.000" for a whole number instead of reading 15.

    JSON numbers are taken as they are. DRF also reads a string and drops a
    trailing ".000" from it, so "15.000" (fifteen thousand written the
    Vietnamese way) would be stored as 15; only a plain ".0" (15.0) is dropped.
    """
    from rest_framework import serializers

    serializers.IntegerField.re_decimal = re.compile(r"\.0$")
