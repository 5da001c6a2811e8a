"""Benchmark the unit tree: loading the official areas, subtree and scope queries.

    make bench                                  # embedded SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1/danvan \
        .venv/bin/python bench/units_scope.py

Prints one line per measurement: the median of repeated runs, in milliseconds.
"""

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable


def median_ms(fn: Callable[[], object], repeat: int = 30) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    if "DATABASE_URL" not in os.environ:
        os.environ["DANVAN_DATA_DIR"] = tempfile.mkdtemp(prefix="danvan-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    import datetime as dt

    from django.core.management import call_command
    from django.db import connection

    from danvan.accounts.models import Membership, User
    from danvan.units.models import Area, Person
    from danvan.units.services import load_official_areas

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    result = load_official_areas()
    load_s = time.perf_counter() - start
    after = dt.date(2025, 7, 1)
    province = Area.objects.resolve("15", after)
    commune = Area.objects.resolve("04591", after)
    users = {}
    for name, area in (("province", province), ("commune", commune)):
        user, _ = User.objects.get_or_create(username=f"bench-{name}")
        Membership.objects.get_or_create(user=user, area=area)
        users[name] = user

    def fresh(name: str) -> User:
        return User.objects.get(pk=users[name].pk)  # no cached scope

    print(f"database: {connection.vendor}")
    if not result.skipped:
        print(f"load official areas: {load_s:.2f} s, {result.created} areas")
    print(f"areas in the table: {Area.objects.count()}")
    old_commune = Area.objects.resolve("04591", dt.date(2024, 1, 1))
    cases: list[tuple[str, Callable[[], object]]] = [
        (
            "subtree of a province (all rows)",
            lambda: list(Area.objects.subtree(province.path).values_list("pk")),
        ),
        (
            "everything that is or was inside a province",
            lambda: Area.objects.within(province).count(),
        ),
        (
            "scope of a province user + count of visible areas",
            lambda: Area.objects.visible_to(fresh("province")).count(),
        ),
        (
            "scope of a commune user + count of visible areas",
            lambda: Area.objects.visible_to(fresh("commune")).count(),
        ),
        (
            "scoped person list of a province user (50 rows)",
            lambda: list(Person.objects.visible_to(fresh("province"))[:50]),
        ),
        (
            "accent-free search 'tram tau' over all areas",
            lambda: list(Area.objects.search("tram tau").for_display()[:50]),
        ),
        (
            "successors on 2025-07-01 of a 2024 commune",
            lambda: old_commune.successors(on=after),
        ),
    ]
    for label, fn in cases:
        print(f"{label}: {median_ms(fn):.2f} ms")


if __name__ == "__main__":
    sys.exit(main())
