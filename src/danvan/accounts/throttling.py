"""API throttles: rates read on each request, refusals said in the user's language."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, cast

from django.utils.translation import ngettext
from rest_framework import throttling
from rest_framework.exceptions import Throttled
from rest_framework.settings import api_settings

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView


class _Throttle(throttling.SimpleRateThrottle):
    def get_rate(self) -> str | None:
        # DRF copies DEFAULT_THROTTLE_RATES into a class attribute at import, so
        # a rate changed in the settings (tests, a reloaded config) was ignored.
        # The stubs say numbers; the rates are strings such as "100/day".
        rates = cast(
            "dict[str | None, str | None]", api_settings.DEFAULT_THROTTLE_RATES
        )
        return rates.get(self.scope)

    def allow_request(self, request: Request, view: APIView) -> bool:
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
        # Throttled.__init__ sets ``wait``; the stubs do not declare it.
        refusal.wait = wait  # type: ignore[attr-defined]
        raise refusal


class AnonRateThrottle(_Throttle, throttling.AnonRateThrottle):
    """Requests of anonymous clients, counted per address."""


class UserRateThrottle(_Throttle, throttling.UserRateThrottle):
    """Requests of a signed-in user, counted per account."""
