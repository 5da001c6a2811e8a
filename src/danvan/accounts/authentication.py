"""API authentication: DRF tokens that expire after API_TOKEN_TTL_DAYS."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed


def token_expires_at(token: Token) -> dt.datetime | None:
    """When the token stops working, or None if tokens do not expire."""
    if settings.API_TOKEN_TTL_DAYS <= 0:
        return None
    expires: dt.datetime = token.created + dt.timedelta(
        days=settings.API_TOKEN_TTL_DAYS
    )
    return expires


class ExpiringTokenAuthentication(TokenAuthentication):
    """``Authorization: Token KEY``, refused once the token is older than its TTL."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Token]:
        user, token = super().authenticate_credentials(key)
        expires_at = token_expires_at(token)
        if expires_at is not None and expires_at <= timezone.now():
            raise AuthenticationFailed(
                _("The token has expired. Ask an administrator for a new one.")
            )
        return user, token
