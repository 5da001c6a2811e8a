"""API throttles: rates read on each request, refusals said in the user's language."""

import math

from django.http import HttpRequest
from django.utils.translation import ngettext
from rest_framework import throttling
from rest_framework.exceptions import Throttled
from rest_framework.settings import api_settings


class _Throttle(throttling.SimpleRateThrottle):
    def get_rate(self) -> str | None:
        # DRF copies DEFAULT_THROTTLE_RATES into a class attribute at import, so
        # a rate changed in the settings (tests, a reloaded config) was ignored.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request: HttpRequest, view: object) -> bool:
        if super().allow_request(request, view):
            return True
        # DRF's own refusal glues an English "Expected available in…" to any
        # message; this one is whole, and Retry-After still carries the wait.
        wait = math.ceil(self.wait() or 0)
        refusal = Throttled(
            detail=ngettext(
                "Too many requests. Try again in %(wait)d second.",
                "Too many requests. Try again in %(wait)d seconds.",
                wait,
            )
            % {"wait": wait}
        )
        refusal.wait = wait
        raise refusal


class AnonRateThrottle(_Throttle, throttling.AnonRateThrottle):
    """Requests of anonymous clients, counted per address."""


class UserRateThrottle(_Throttle, throttling.UserRateThrottle):
    """Requests of a signed-in user, counted per account."""
