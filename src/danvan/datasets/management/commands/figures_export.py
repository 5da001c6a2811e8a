"""``danvan figures_export``: a body's form for a period as the XLSX template
of its entry page (with the values entered so far), to fill offline."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danvan.common.actors import system_actor
from danvan.datasets import completeness, spreadsheet
from danvan.datasets.exceptions import DatasetError
from danvan.datasets.models import Period, ReportForm
from danvan.datasets.services.submissions import open_submission
from danvan.units.models import Body


class Command(BaseCommand):
    help = (
        "Write the XLSX template of a reporting body's form for a period (its "
        "values so far); fill it and read it back with figures_import."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--form", required=True, help="The form's code.")
        parser.add_argument(
            "--period", required=True, help="type:year[:number], e.g. quarter:2026:1"
        )
        parser.add_argument("--body", required=True, type=int, help="The body's id.")
        parser.add_argument("out", help="The .xlsx file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        form = ReportForm.objects.filter(code=options["form"]).first()
        if form is None:
            raise CommandError(f"No form with the code {options['form']!r}.")
        named = completeness.parse_period(options["period"])
        if named is None or named[0] != form.period_type:
            raise CommandError(
                f"Not a period of this form ({form.period_type}): "
                f"{options['period']!r}, e.g. quarter:2026:1."
            )
        body = Body.objects.filter(pk=options["body"]).first()
        if body is None:
            raise CommandError(f"No body with the id {options['body']}.")
        period = Period.objects.of(*named)
        try:
            submission = open_submission(
                actor=system_actor(), form=form, period=period, body=body
            )
        except DatasetError as error:
            raise CommandError(error.message) from error
        Path(options["out"]).write_bytes(spreadsheet.template_bytes(submission))
        self.stdout.write(f"{options['out']}: {form.code} · {period} · {body.name}")
