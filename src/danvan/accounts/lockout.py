"""Sign-in lockout: which address a sign-in comes from, and when it is refused."""

import math
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str:
    """Return the address of the client as the trusted proxies saw it.

    Behind ``PROXY_COUNT`` proxies that each append to X-Forwarded-For, the
    client is that many entries from the right; entries further left are
    written by the client and may be forged, so they are never used.
    """
    remote: str = request.META.get("REMOTE_ADDR", "")
    if not settings.BEHIND_PROXY:
        return remote
    hops: list[str] = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(hops) < settings.PROXY_COUNT:
        return remote
    return hops[-settings.PROXY_COUNT]


class AccountAddressHandler(AxesDatabaseHandler):  # type: ignore[misc]  # axes is untyped
    """Lock one account from one address early, a whole address later.

    django-axes applies one limit to every lockout parameter; here the pair
    (account, address) uses AXES_FAILURE_LIMIT and the address alone the higher
    AXES_ADDRESS_FAILURE_LIMIT, so a colleague behind the same office gateway
    can still sign in while someone mistypes their own password.
    """

    def get_failures(
        self, request: Any, credentials: dict[str, Any] | None = None
    ) -> int:
        pair, address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if address >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return address
        return pair


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The page of a refused sign-in, in the site's layout, with the wait in minutes."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    return render(
        request,
        "accounts/lockout.html",
        {"minutes": minutes},
        # axes.conf sets this default at import; the plugin knows only our settings.
        status=settings.AXES_HTTP_RESPONSE_CODE,  # type: ignore[misc]
    )
