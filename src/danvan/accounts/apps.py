from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "danvan.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from danvan.accounts.models import Membership, User
        from danvan.common import audit

        # A password hash is a secret; the last sign-in changes at every login.
        audit.register(User, exclude=["password", "last_login", "date_joined"])
        audit.register(Membership)
