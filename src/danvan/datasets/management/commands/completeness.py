"""``danvan completeness``: which bodies reported a form's period, on time,
late, returned, being entered or not at all (as the system sees them)."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danvan.common.actors import system_actor
from danvan.common.xlsx import workbook_bytes
from danvan.datasets import completeness as rates
from danvan.datasets import periods as cutoffs
from danvan.datasets.models import ReportForm
from danvan.datasets.views.approval import COMPLETENESS_HEADERS, completeness_rows
from danvan.units.models import Area


class Command(BaseCommand):
    help = (
        "Completeness of a form's period: each reporting body's status and the "
        "totals, optionally as XLSX."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--form", required=True, help="The form's code.")
        parser.add_argument(
            "--period", required=True, help="type:year[:number], e.g. quarter:2026:1"
        )
        parser.add_argument(
            "--area",
            help="Official code of a sub-area (in force at the period's end).",
        )
        parser.add_argument("--xlsx", help="Write the table to this .xlsx file.")

    def handle(self, *args: Any, **options: Any) -> None:
        form = ReportForm.objects.select_related("area").filter(code=options["form"])
        found = form.first()
        if found is None:
            raise CommandError(f"No form with the code {options['form']!r}.")
        named = rates.parse_period(options["period"])
        if named is None or named[0] != found.period_type:
            raise CommandError(
                f"Not a period of this form ({found.period_type}): "
                f"{options['period']!r}, e.g. quarter:2026:1."
            )
        period = rates.named_period(*named)
        parent = None
        if options.get("area"):
            parent = (
                Area.objects.filter(code=options["area"]).in_force(period.end).first()
            ) or Area.objects.filter(code=options["area"]).order_by("-path").first()
            if parent is None:
                raise CommandError(f"No area with the code {options['area']!r}.")
        rows = rates.completeness(found, period, parent, system_actor())
        totals = rates.totals(rows)
        due = cutoffs.due_on(found, period)
        where = parent.full_name if parent else found.area.full_name
        self.stdout.write(f"{found.name} · {period} · {where}")
        self.stdout.write(f"Hạn gửi: {due:%d/%m/%Y}")
        for row in rows:
            sent = f"{row.submitted_at:%d/%m/%Y}" if row.submitted_at else "—"
            self.stdout.write(
                f"  {row.body_name:<40} {row.area_name:<30} {row.label!s:<16} {sent}"
            )
        counts = ", ".join(
            f"{rates.STATUS_LABELS[s]}: {totals.counts[s]}" for s in rates.STATUSES
        )
        percent = totals.submitted_percent
        shown = "—" if percent is None else f"{percent:.1f}%".replace(".", ",")
        self.stdout.write(f"Tổng: {totals.total} · {counts} · đã gửi {shown}")
        if options.get("xlsx"):
            Path(options["xlsx"]).write_bytes(
                workbook_bytes(
                    str(period).replace("/", "-"),
                    COMPLETENESS_HEADERS,
                    completeness_rows(rows),
                )
            )
            self.stdout.write(f"Written: {options['xlsx']}")
