"""``danvan extract FILE...``: read the facts of texts, as JSON Lines."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danvan.extraction import ExtractionError, extract_file


class Command(BaseCommand):
    help = (
        "Read the facts of articles and reports (txt, html, docx, pdf) as JSON Lines."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--format",
            choices=["json"],
            default="json",
            help="Output format: JSON Lines, one object per file (the default).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        failed = 0
        for name in options["files"]:
            try:
                record: dict[str, Any] = {"file": name, **extract_file(name)}
            except ExtractionError as exc:
                record = {"file": name, "error": str(exc)}
                failed += 1
            except Exception as exc:  # one bad file must not stop the others
                record = {"file": name, "error": f"lỗi khi đọc tệp: {exc!r}"}
                failed += 1
            self.stdout.write(json.dumps(record, ensure_ascii=False))
        if failed:
            raise CommandError(
                f"{failed} of {len(options['files'])} files could not be read."
            )
