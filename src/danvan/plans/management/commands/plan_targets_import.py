"""``danvan plan_targets_import <plan id> <file.xlsx>``: read a plan's targets
from XLSX, all rows or none, acting as the system actor."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danvan.common.actors import system_actor
from danvan.plans import spreadsheet
from danvan.plans.exceptions import ImportRefusedError
from danvan.plans.models import Plan


class Command(BaseCommand):
    help = (
        "Read a plan's targets from an XLSX file: rows of a number the plan has "
        "change that target, others are added; a bad row refuses the whole file."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("plan", type=int, help="The plan's id.")
        parser.add_argument("file", type=Path, help="The XLSX file to read.")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = (
            Plan.objects.select_related("document").filter(pk=options["plan"]).first()
        )
        if plan is None:
            raise CommandError(f"No plan {options['plan']}.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        with path.open("rb") as stream:
            try:
                count = spreadsheet.import_targets(
                    actor=system_actor(), plan=plan, stream=stream
                )
            except ImportRefusedError as exc:
                raise CommandError(
                    "\n".join([exc.message, *(f"  {e}" for e in exc.errors)])
                ) from exc
        self.stdout.write(f"{count} targets of {plan} read from {path}.")
