import re

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "danvan.common"
    verbose_name = _("Common")

    def ready(self) -> None:
        from danvan.common import checks  # noqa: F401  (registers the checks)

        strict_api_integers()
        forget_scopes_on_change()


def forget_scopes_on_change() -> None:
    """A save or delete of a membership or of the tree forgets every cached scope.

    Connected here, by label, so that ``common.access`` imports no model.
    """
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    from danvan.common.access import SCOPE_MODELS

    for label in SCOPE_MODELS:
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(
                _scope_rows_changed, sender=model, dispatch_uid=f"scope:{label}"
            )


def _scope_rows_changed(**kwargs: object) -> None:
    from danvan.common.access import bump_scope_version

    bump_scope_version()


def strict_api_integers() -> None:
    """The API refuses "15.000" for a whole number instead of reading 15.

    JSON numbers are taken as they are. DRF also reads a string and drops a
    trailing ".000" from it, so "15.000" (fifteen thousand written the
    Vietnamese way) would be stored as 15; only a plain ".0" (15.0) is dropped.
    """
    from rest_framework import serializers

    serializers.IntegerField.re_decimal = re.compile(r"\.0$")
