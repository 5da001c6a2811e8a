"""``danvan tokens``: issue, revoke and list the API tokens."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from danvan.accounts.authentication import token_expires_at
from danvan.accounts.models import User
from danvan.accounts.services import issue_token, revoke_token


class Command(BaseCommand):
    help = "Issue, revoke and list API tokens (they expire after API_TOKEN_TTL_DAYS)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser(
            "create", help="Issue a new token for a user (the old one stops working)."
        )
        create.add_argument("username")
        revoke = sub.add_parser("revoke", help="Withdraw a user's token.")
        revoke.add_argument("username")
        sub.add_parser("list", help="List the tokens with their expiry (not the keys).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            self._list()
            return
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist as exc:
            raise CommandError(f"No user {options['username']!r}.") from exc
        if options["action"] == "create":
            token = issue_token(user=user)
            expires_at = token_expires_at(token)
            self.stdout.write(token.key)
            if options["verbosity"] > 1 and expires_at is not None:
                self.stderr.write(f"expires {expires_at.isoformat()}")
        elif revoke_token(user=user):
            self.stdout.write(f"Token of {user.username} revoked.")
        else:
            self.stdout.write(f"{user.username} had no token.")

    def _list(self) -> None:
        for token in Token.objects.select_related("user").order_by("user__username"):
            expires_at = token_expires_at(token)
            expiry = expires_at.isoformat() if expires_at else "never"
            self.stdout.write(
                f"{token.user.username}\tcreated {token.created.isoformat()}"
                f"\texpires {expiry}"
            )
