"""``danvan two_factor``: enrol and withdraw the TOTP devices of administrators."""

import base64
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts.models import User


class Command(BaseCommand):
    help = "Enrol, remove and list TOTP devices (second step of the admin sign-in)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser(
            "add", help="Give a user a new TOTP device (replaces the old ones)."
        )
        add.add_argument("username")
        remove = sub.add_parser("remove", help="Remove a user's TOTP devices.")
        remove.add_argument("username")
        sub.add_parser("list", help="List the users with a TOTP device.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            devices = TOTPDevice.objects.select_related("user").order_by(
                "user__username"
            )
            for device in devices:
                self.stdout.write(f"{device.user.username}\t{device.name}")
            return
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist as exc:
            raise CommandError(f"No user {options['username']!r}.") from exc
        # The old devices go and the new one comes together, or neither does.
        with transaction.atomic():
            TOTPDevice.objects.filter(user=user).delete()
            if options["action"] == "remove":
                self.stdout.write(f"TOTP devices of {user.username} removed.")
                return
            device = TOTPDevice.objects.create(user=user, name="danvan", confirmed=True)
        secret = base64.b32encode(device.bin_key).decode()
        # Typed into an authenticator app, or pasted as a link / QR code.
        self.stdout.write(f"key: {secret}")
        self.stdout.write(f"url: {device.config_url}")
