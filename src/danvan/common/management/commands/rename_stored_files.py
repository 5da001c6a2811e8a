"""``danvan rename_stored_files``: give files stored before random names one."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from danvan.common.files import rename_guessable_files


class Command(BaseCommand):
    help = (
        "Move files stored under guessable names (before random names) to random ones."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List the moves, change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        moved = rename_guessable_files(dry_run=options["dry_run"])
        if options["verbosity"] > 1:
            for old, new in moved:
                self.stdout.write(f"{old} -> {new}")
        verb = "would be moved" if options["dry_run"] else "moved"
        self.stdout.write(f"{len(moved)} file(s) {verb}.")
