"""``danvan dialogue_stats --area CODE --year YYYY``: the statistics of
dialogues of an area for a year, as the page shows them (as the system sees
them): the figures, then each leader body's days owed against those held.
``--check`` validates the obligation rules (gaps, overlaps) and stops."""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danvan.common import clock
from danvan.common.actors import system_actor
from danvan.common.numbers import format_number
from danvan.dialogues import obligations, services, stats
from danvan.units.models import Area


class Command(BaseCommand):
    help = (
        "Dialogues of an area in a year: sessions, opinions, assignments and "
        "each leader's obligation against what was held."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--area", help="Official code of the area (15, 04591).")
        parser.add_argument("--year", type=int, help="The year, e.g. 2026.")
        parser.add_argument(
            "--check", action="store_true", help="Only check the obligation rules."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            found_rules = services.current_rules()
            problems = obligations.check(found_rules)
            for problem in problems:
                self.stderr.write(problem)
            if problems:
                raise CommandError("The obligation rules are not consistent.")
            for rule in found_rules:
                until = f"{rule.valid_to:%d/%m/%Y}" if rule.valid_to else "…"
                self.stdout.write(
                    f"{rule.leader} · {rule.level} · {rule.duty} · "
                    f"{format_number(rule.per_month)}/tháng · "
                    f"{rule.valid_from:%d/%m/%Y}–{until} · {rule.basis}"
                )
            return
        if not options.get("area") or not options.get("year"):
            raise CommandError("Give --area CODE and --year YYYY (or --check).")
        start, end = stats.year_span(options["year"])
        code: str = options["area"]
        area = Area.objects.filter(code=code).in_force(end).first() or (
            Area.objects.filter(code=code).order_by("-path").first()
        )
        if area is None:
            raise CommandError(f"No area with the code {code!r}.")
        found = stats.compute(user=system_actor(), area=area, start=start, end=end)
        share = found.answered_share
        self.stdout.write(f"{area.full_name} · năm {options['year']}")
        self.stdout.write(
            f"Số cuộc đối thoại: {found.sessions} (đột xuất {found.ad_hoc}); "
            f"ý kiến: {found.opinions}; trả lời tại buổi: {found.answered}"
            f" ({'—' if share is None else format_number(share)}%); "
            f"giao giải quyết: {found.assigned}, đã trả lời {found.done}, "
            f"quá hạn {found.overdue}; ngày tiếp công dân: {found.reception_days}"
        )
        for duty in found.duties:
            self.stdout.write(
                f"  {duty.body:<40} {duty.leader:<30} phải {duty.owed_days:>3} · "
                f"đã {duty.held:>3} · thiếu {duty.short:>3}"
            )
        if dt.date(options["year"], 1, 1) > clock.today():
            self.stdout.write("(Năm chưa bắt đầu: chưa phải thực hiện.)")
