"""``danvan figures_import``: read a filled entry template back, all or
nothing, into the submission the file names (form, version, period, body)."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danvan.common.actors import system_actor
from danvan.datasets import spreadsheet
from danvan.datasets.exceptions import DatasetError


class Command(BaseCommand):
    help = (
        "Save the values of a filled XLSX entry template (from figures_export "
        "or the entry page): every cell checked as on the page, all or nothing."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="The filled .xlsx template.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and print what it changes; save nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        actor = system_actor()
        with path.open("rb") as stream:
            try:
                if options["dry_run"]:
                    outcome = spreadsheet.read_file(stream)
                    if not outcome.errors:
                        submission = spreadsheet.submission_of(outcome, actor=actor)
                        spreadsheet.check_file(
                            outcome, actor=actor, submission=submission
                        )
                    saved = None
                else:
                    outcome, saved = spreadsheet.import_file(stream, actor=actor)
            except DatasetError as error:
                raise CommandError(error.message) from error
        if outcome.errors:
            raise CommandError(
                "Nothing was saved:\n" + "\n".join(f"  {e}" for e in outcome.errors)
            )
        for change in outcome.changed:
            code = change.item.indicator.code
            option = f"[{change.option}]" if change.option else ""
            self.stdout.write(
                f"{change.action:6} {code}{option}: "
                f"{change.old_text or '—'} → {change.new_text or '—'}"
            )
        if saved is None:
            self.stdout.write(f"{len(outcome.changed)} change(s); nothing saved.")
        else:
            self.stdout.write(
                f"Saved: {saved.created} new, {saved.updated} changed, "
                f"{saved.deleted} cleared, {saved.same} as they were."
            )
