"""The administration site, which asks for a TOTP code when ADMIN_TWO_FACTOR is on."""

from typing import Any

from django.conf import settings
from django.contrib.admin import AdminSite
from django.http import HttpRequest
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite
from django_otp.models import Device

from danvan.common.forms import CleanTextMixin


class OneStepOTPForm(CleanTextMixin, OTPAdminAuthenticationForm):  # type: ignore[misc]  # django-otp is untyped
    """Password and code in one go when the user has a single device.

    django-otp otherwise asks to pick the device first, an extra round for the
    usual case of one phone; a user's own only device is the obvious choice.
    """

    def _chosen_device(self, user: Any) -> Device | None:
        device = super()._chosen_device(user)
        if device is None:
            devices = list(devices_for_user(user, confirmed=True, for_verify=True))
            if len(devices) == 1:
                return devices[0]
        return device


class TwoFactorAdminSite(OTPAdminSite):  # type: ignore[misc]  # django-otp is untyped
    """Django's admin; with ADMIN_TWO_FACTOR only users verified by a TOTP device enter.

    The switch is read on each request rather than at start-up, so one site
    object serves both modes (and tests can turn it on).
    """

    def __init__(self, name: str = "admin") -> None:
        super().__init__(name)

    @property
    def login_form(self) -> Any:
        return OneStepOTPForm if settings.ADMIN_TWO_FACTOR else None

    @property
    def login_template(self) -> str | None:
        return OTPAdminSite.login_template if settings.ADMIN_TWO_FACTOR else None

    def has_permission(self, request: HttpRequest) -> bool:
        if settings.ADMIN_TWO_FACTOR:
            allowed: bool = super().has_permission(request)
            return allowed
        return AdminSite.has_permission(self, request)
