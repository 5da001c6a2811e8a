"""List the hot spots overdue on a date (today by default), in an area.

    danvan incidents_overdue [--area CODE] [--on YYYY-MM-DD]

One line per hot spot: its deadline or follow-up date passed, its place,
owner body, status and severity. Exit status 0 either way.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.common import clock
from danvan.incidents.models import Incident
from danvan.incidents.queries import overdue_q
from danvan.units.models import Area


class Command(BaseCommand):
    help = "List the hot spots overdue on a date, optionally in an area."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--area", help="The area's official code (and below).")
        parser.add_argument("--on", help="The date (YYYY-MM-DD); today by default.")

    def handle(self, *args: Any, **options: Any) -> None:
        on = clock.today()
        if options.get("on"):
            try:
                on = dt.date.fromisoformat(options["on"])
            except ValueError as exc:
                raise CommandError(
                    f"Ngày không hợp lệ: {options['on']} (cần YYYY-MM-DD)."
                ) from exc
        rows = Incident.objects.filter(overdue_q(on))
        if options.get("area"):
            try:
                # The area carrying the code on the date (codes are reused).
                area = Area.objects.resolve(options["area"], on)
            except Area.DoesNotExist as exc:
                raise CommandError(
                    f"Không có địa bàn mã {options['area']} vào ngày {on:%d/%m/%Y}."
                ) from exc
            rows = rows.in_lineage_of(area.path)
        rows = rows.select_related("area", "owner_body").order_by(
            "due_on", "arose_on", "pk"
        )
        count = 0
        for incident in rows:
            count += 1
            late = [
                f"{label} {day:%d/%m/%Y}"
                for label, day in (
                    ("hạn", incident.due_on),
                    ("theo dõi", incident.next_review_on),
                )
                if day is not None and day < on
            ]
            self.stdout.write(
                f"{incident.pk}\t{incident.title}\t{incident.area.full_name}\t"
                f"{incident.owner_body.name}\t{incident.get_status_display()}\t"
                f"{incident.get_severity_display()}\t{', '.join(late)}"
            )
        self.stdout.write(f"{count} điểm nóng quá hạn ngày {on:%d/%m/%Y}.")
