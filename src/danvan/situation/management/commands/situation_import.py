"""``danvan situation_import FILE.xlsx --user USERNAME``: the page's import of
situation entries, all or nothing, acting as that user (their rules apply)."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danvan.accounts.models import User
from danvan.common.audit import acting_as
from danvan.situation import spreadsheet


class Command(BaseCommand):
    help = (
        "Import situation entries from an XLSX workbook (the columns of the "
        "list's export), all or nothing, as the given user."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="The workbook (.xlsx).")
        parser.add_argument(
            "--user", required=True, help="The officer the entries are recorded by."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['user']!r}.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No file {str(path)!r}.")
        try:
            with path.open("rb") as stream, acting_as(user):
                made = spreadsheet.import_workbook(stream, user)
        except spreadsheet.ImportRefusedError as exc:
            raise CommandError(
                "Nothing was saved.\n" + "\n".join(exc.messages)
            ) from exc
        self.stdout.write(f"{len(made)} entries recorded.")
