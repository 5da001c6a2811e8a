"""``danvan demo``: load the demo data once and print the demo accounts."""

import importlib
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand

from danvan.units.demo import DEMO_PASSWORD, demo_accounts, load_demo


def load_app_demos() -> list[str]:
    """Call ``<app>.demo.load_demo()`` of every other danvan app, in app order.

    The unit tree and the accounts come first; each app then adds its records
    (texts, documents, meetings…). Every loader is idempotent.
    """
    loaded = []
    for config in apps.get_app_configs():
        if not config.name.startswith("danvan.") or config.name == "danvan.units":
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        module.load_demo()
        loaded.append(config.label)
    return loaded


class Command(BaseCommand):
    help = "Load the official areas and the demo data (once), then list the accounts."

    def handle(self, *args: Any, **options: Any) -> None:
        if load_demo():
            self.stdout.write(
                self.style.SUCCESS("Demo units, people and accounts loaded.")
            )
        else:
            self.stdout.write("Demo units, people and accounts already present.")
        loaded = load_app_demos()
        if loaded:
            self.stdout.write(f"Demo records checked for: {', '.join(loaded)}.")
        self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):")
        for account in demo_accounts():
            self.stdout.write(
                f"  {account.username:<14} {account.role:<14} {account.unit}"
            )
