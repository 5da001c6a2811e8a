"""``danvan plan_targets_export <plan id> <file.xlsx>``: a plan's targets as XLSX."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danvan.plans import spreadsheet
from danvan.plans.models import Plan


class Command(BaseCommand):
    help = "Write a plan's targets to an XLSX file (the pages' and import's format)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("plan", type=int, help="The plan's id.")
        parser.add_argument("file", type=Path, help="The XLSX file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = (
            Plan.objects.select_related("document").filter(pk=options["plan"]).first()
        )
        if plan is None:
            raise CommandError(f"No plan {options['plan']}.")
        path: Path = options["file"]
        path.write_bytes(spreadsheet.export_bytes(plan))
        count = plan.targets.count()
        self.stdout.write(f"{count} targets of {plan} written to {path}.")
