"""``danvan models``: the register's statistics as JSON, and the demo register."""

from __future__ import annotations

import datetime as dt
import json
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from danvan.initiatives.stats import DEFAULT_N, model_statistics
from danvan.units.models import Area


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError as exc:
        raise ArgumentTypeError(f"not a whole number: {value!r}") from exc
    if number < 1:
        raise ArgumentTypeError("must be 1 or more")
    return number


class Command(BaseCommand):
    help = "Statistics of the “Dân vận khéo” register (JSON), and its demo data."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        stats = sub.add_parser(
            "stats",
            help="Print the figures of an area (or the country) for a year or period.",
        )
        stats.add_argument(
            "--area", help="Official code of the area; the whole country without it."
        )
        stats.add_argument("--year", type=int, help="Models registered for this year.")
        stats.add_argument(
            "--from", dest="start", type=_date, help="Period start (YYYY-MM-DD)."
        )
        stats.add_argument(
            "--to", dest="end", type=_date, help="Period end (YYYY-MM-DD), included."
        )
        stats.add_argument(
            "--on",
            type=_date,
            help=(
                "Resolve the code and count the units in force on this date "
                "(default: the end of the year or period, else today)."
            ),
        )
        stats.add_argument(
            "--n",
            type=_positive,
            default=DEFAULT_N,
            help=f"Effective models a sub-unit needs (default {DEFAULT_N}).",
        )
        demo = sub.add_parser(
            "demo", help="Generate the demo register of the demo provinces (once)."
        )
        demo.add_argument("--seed", type=int, default=2026)
        demo.add_argument(
            "--count", type=_positive, default=300, help="Models of the demo year."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"do_{options['action']}")(options)

    def do_stats(self, options: dict[str, Any]) -> None:
        start, end = options["start"], options["end"]
        if (start is None) != (end is None):
            raise CommandError("Give both --from and --to, or neither.")
        period = (start, end) if start and end else None
        if period and period[0] > period[1]:
            raise CommandError("The period ends before it starts.")
        year = options["year"]
        area = None
        if options["area"]:
            on = options["on"]
            if on is None:
                if period:
                    on = period[1]
                elif year:
                    on = dt.date(year, 12, 31)
                else:
                    on = timezone.localdate()
            try:
                area = Area.objects.resolve(options["area"], on)
            except Area.DoesNotExist as exc:
                raise CommandError(
                    f"No area has code {options['area']} on {on:%Y-%m-%d}; "
                    "choose the date with --on."
                ) from exc
        stats = model_statistics(
            area=area, year=year, period=period, n=options["n"], on=options["on"]
        )
        self.stdout.write(json.dumps(stats.as_dict(), ensure_ascii=False, indent=2))

    def do_demo(self, options: dict[str, Any]) -> None:
        from danvan.initiatives.demo import generate_demo

        result = generate_demo(seed=options["seed"], count=options["count"])
        if result is None:
            self.stdout.write(
                "No demo units (run `danvan demo` first) or the demo register "
                "is already there; nothing changed."
            )
        else:
            self.stdout.write(self.style.SUCCESS(str(result)))
