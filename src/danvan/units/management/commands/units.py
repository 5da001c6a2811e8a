"""``danvan units``: load, count and search the administrative areas."""

from __future__ import annotations

import datetime as dt
import json
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.utils import timezone

from danvan.units import services
from danvan.units.lineage import successors_detail
from danvan.units.models import Area


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


def _validity(area: Area) -> str:
    start = area.valid_from.isoformat() if area.valid_from else "…"
    end = area.valid_to.isoformat() if area.valid_to else "…"
    return f"{start}..{end}"


class Command(BaseCommand):
    help = "Load, count and search the administrative areas (địa bàn)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "load", help="Load the official areas and the 2025 lineage (once)."
        )
        stats = sub.add_parser(
            "stats", help="Count the areas in force on a date, by level."
        )
        stats.add_argument(
            "--on", type=_date, help="Date (YYYY-MM-DD); today by default."
        )
        search = sub.add_parser(
            "search", help="Find areas by name (accents optional) or code."
        )
        search.add_argument("text")
        search.add_argument(
            "--on", type=_date, help="Only areas in force on this date."
        )
        search.add_argument("--limit", type=int, default=50)
        succ = sub.add_parser(
            "successors", help="The areas that took over an area on a date."
        )
        succ.add_argument("code")
        succ.add_argument("--on", type=_date, help="Resolve the code on this date.")
        succ.add_argument("--at", type=_date, help="Successors in force on this date.")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"do_{options['action']}")(options)

    def do_load(self, options: dict[str, Any]) -> None:
        result = services.load_official_areas()
        if result.skipped:
            self.stdout.write("Official areas are already loaded; nothing changed.")
        else:
            self.stdout.write(
                f"Loaded {result.created} areas, {result.events} changes, "
                f"{result.links} successions."
            )

    def do_stats(self, options: dict[str, Any]) -> None:
        on = options["on"] or timezone.localdate()
        counts = dict.fromkeys(Area.Level.values, 0)
        rows = Area.objects.in_force(on).values("level").annotate(n=Count("pk"))
        counts.update({row["level"]: row["n"] for row in rows})
        self.stdout.write(json.dumps(counts))

    def do_search(self, options: dict[str, Any]) -> None:
        areas = Area.objects.search(options["text"]).select_related("parent")
        if options["on"]:
            areas = areas.in_force(options["on"])
        areas = areas.for_display()[: options["limit"]]
        for area in areas:
            parent = area.parent.full_name if area.parent else "-"
            self.stdout.write(
                f"{area.code}\t{area.get_kind_display()}\t{area.full_name}\t"
                f"{_validity(area)}\t{parent}"
            )

    def do_successors(self, options: dict[str, Any]) -> None:
        try:
            area = Area.objects.resolve(options["code"], options["on"])
        except Area.DoesNotExist as exc:
            raise CommandError(
                f"No area has code {options['code']} on that date."
            ) from exc
        for s in successors_detail(area, on=options["at"]):
            flags = " (part)" if s.partial else ""
            flags += " (main)" if s.primary else ""
            self.stdout.write(
                f"{s.area.code}\t{s.area.full_name}\t{_validity(s.area)}{flags}"
            )
