"""``danvan ingest FOLDER --area CODE``: bring in every text of a folder."""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser, ArgumentTypeError
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from danvan.accounts.models import User
from danvan.common.actors import system_actor
from danvan.common.rules import may_edit
from danvan.ingestion import services
from danvan.units.models import Area


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


class Command(BaseCommand):
    help = (
        "Bring in every .txt, .html, .docx and .pdf file under a folder "
        "(recursively); files already present are skipped."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--area",
            required=True,
            help="Official code of the area the texts belong to (e.g. 04591).",
        )
        parser.add_argument(
            "--on",
            type=_date,
            help="Resolve the area code on this date (YYYY-MM-DD); today by default.",
        )
        parser.add_argument(
            "--user",
            help="Username recorded as bringing the texts in; must be an editor "
            "of the area. Without it, the system.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be read, skipped and refused; store nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.verbosity = options["verbosity"]
        folder: Path = options["folder"]
        if not folder.is_dir():
            raise CommandError(f"Not a folder: {folder}")
        on = options["on"] or timezone.localdate()
        try:
            area = Area.objects.resolve(options["area"], on)
        except Area.DoesNotExist as exc:
            raise CommandError(
                f"No area with code {options['area']} on {on.isoformat()}."
            ) from exc
        actor = system_actor()
        if options["user"]:
            try:
                actor = User.objects.get(username=options["user"], is_active=True)
            except User.DoesNotExist as exc:
                raise CommandError(f"No active user {options['user']!r}.") from exc
        if not may_edit(actor, area):
            raise CommandError(f"{options['user']} may not bring texts into {area}.")
        if options["dry_run"]:
            self._preview(folder, area)
            return
        batch = services.ingest_folder(actor=actor, area=area, folder=folder)
        self.stdout.write(
            f"{area}: read {batch.created_count}, "
            f"skipped as duplicates {batch.skipped_count}, "
            f"failed {batch.failed_count} (of {batch.total} files)."
        )
        if options["verbosity"] > 1:
            for duplicate in batch.duplicates:
                self.stdout.write(f"  duplicate: {duplicate['file']}")
        for failure in batch.failures:
            self.stdout.write(f"  failed: {failure['file']}: {failure['reason']}")
        if batch.failed_count:
            raise CommandError(f"{batch.failed_count} file(s) could not be read.")

    def _preview(self, folder: Path, area: Area) -> None:
        preview = services.preview_folder(folder)
        counts = {
            outcome: sum(1 for e in preview if e["outcome"] == outcome)
            for outcome in ("new", "duplicate", "failed")
        }
        self.stdout.write(
            f"Dry run, nothing stored. {area}: would read {counts['new']}, "
            f"skip as duplicates {counts['duplicate']}, "
            f"fail {counts['failed']} (of {len(preview)} files)."
        )
        for entry in preview:
            if entry["outcome"] == "failed":
                self.stdout.write(f"  failed: {entry['file']}: {entry['reason']}")
            elif self.verbosity > 1:
                self.stdout.write(f"  {entry['outcome']}: {entry['file']}")
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} file(s) could not be read.")
