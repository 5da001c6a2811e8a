"""API tokens: issued and revoked by administrators from the command line."""

from django.db import transaction
from rest_framework.authtoken.models import Token

from danvan.accounts.models import User


@transaction.atomic
def issue_token(*, user: User) -> Token:
    """Give the user a new API token; the previous one, if any, stops working.

    The expiry counts from ``Token.created``, so a new token is a new row
    rather than a refreshed date on the old key.
    """
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


def revoke_token(*, user: User) -> bool:
    """Withdraw the user's API token; True if there was one."""
    deleted, _ = Token.objects.filter(user=user).delete()
    return deleted > 0
