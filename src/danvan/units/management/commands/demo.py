"""``danvan demo``: load the demo data once and print the demo accounts."""

from typing import Any

from django.core.management.base import BaseCommand

from danvan.units.demo import DEMO_PASSWORD, demo_accounts, load_demo


class Command(BaseCommand):
    help = "Load the official areas and the demo data (once), then list the accounts."

    def handle(self, *args: Any, **options: Any) -> None:
        if load_demo():
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        else:
            self.stdout.write("Demo data already present; nothing changed.")
        self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):")
        for account in demo_accounts():
            self.stdout.write(
                f"  {account.username:<14} {account.role:<14} {account.unit}"
            )
