"""Reported figures at national scale: sums, the entry page, completeness.

    make bench-figures                 # SQLite in a temporary folder
    make bench-figures DB=postgres     # PostgreSQL, database danvan_figures
    .venv/bin/python bench/figures.py --db postgres --reuse

Generates (seeded) the figures of the whole country: the 34 provinces and
3,321 communes in force since 1 July 2025 (``units.services.load_official_areas``;
generated areas of the same numbers if the official list cannot be read), one
reporting body per commune (its Party committee) and one per province (the
Tỉnh ủy, owner of the province's form), 60 indicators (sums, averages, minima,
maxima, latest values, yes/no), a monthly form per province carrying all 60,
and ``--scale`` × 5 years of months (2022–2026; at least the year 2026) of
submissions (nine in ten on time, some late, some missing) with every
indicator's value: about 12 million values at scale 1. Rows are written in
bulk, without change-log rows: ``COPY`` on PostgreSQL (the table's indexes
and triggers set aside while it runs, then rebuilt), ``executemany`` in big
transactions on SQLite.

Then prints, in the same run:

- the time of ``datasets.aggregate.sums`` for one province's year (tỉnh Lào
  Cai, 2026, all 60 indicators, as its approver) against a single
  hand-written SQL aggregate over the same rows (the floor), and the ratio
  (goal: at most 2); the same by commune and by month, for information;
- the data entry page (``datasets:entry``) of a commune's December 2026, with
  the year of values before it, through the Django test client;
- the completeness page (``datasets:completeness``) of every province's form
  for December 2026, as a superuser: the country is the 34 pages.

``--db postgres`` uses its own database (``--db-name``, dropped and created
afresh unless ``--reuse`` finds the same figures there).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

PG_URL = "postgres://postgres@127.0.0.1:5432/{name}"
YEARS = (2022, 2023, 2024, 2025, 2026)
INDICATORS = 60
PROVINCE_CODE = "15"  # tỉnh Lào Cai (from 1/7/2025)
FORM_PREFIX = "bench-thang-"
PROVINCE_USER = "bench-figures-province"
COMMUNE_USER = "bench-figures-commune"
ROOT_USER = "bench-figures-root"


def log(message: str) -> None:
    print(f"# {message}", flush=True)


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


# ---------------------------------------------------------------------------
# The figures


def months(scale: float) -> list[tuple[int, int]]:
    """The (year, month) of the generated periods: the last ``scale`` × 60
    months up to December 2026, never less than the year 2026."""
    every = [(y, m) for y in YEARS for m in range(1, 13)]
    keep = max(12, round(len(every) * scale))
    return every[-keep:]


def indicator_specs() -> list[dict[str, Any]]:
    """60 indicators: most add up; a few average, keep the least or most,
    the latest value; two are yes/no."""
    specs = []
    for n in range(1, INDICATORS + 1):
        aggregation, value_type = "sum", "integer"
        if n % 15 == 0:
            aggregation = "average"
            value_type = "percent"
        elif n % 20 == 7:
            aggregation = "last"
        elif n % 29 == 3:
            aggregation = "max"
        elif n % 29 == 4:
            aggregation = "min"
        elif n in (11, 41):
            value_type = "boolean"
        specs.append(
            {
                "code": f"BENCH_{n:02d}",
                "name": f"Chỉ số thử nghiệm số {n}",
                "value_type": value_type,
                "aggregation": aggregation,
                "unit": "" if value_type == "boolean" else "lượt",
            }
        )
    return specs


def generated_areas() -> None:
    """34 provinces of about 98 communes each, when the official list is absent."""
    from django.db import transaction

    from danvan.common import tree
    from danvan.common.text import fold
    from danvan.units.models import Area
    from danvan.units.services import REFORM_DATE

    rows = []
    next_id = 1
    communes = 3321
    with transaction.atomic():
        for p in range(34):
            province = Area(
                pk=next_id,
                code=f"{p + 1:02d}",
                name=f"Thử {p + 1}",
                full_name=f"Tỉnh Thử {p + 1}",
                kind="tinh",
                level="province",
                path=tree.segment(next_id),
                search_name=fold(f"Tỉnh Thử {p + 1}"),
                valid_from=REFORM_DATE,
            )
            rows.append(province)
            next_id += 1
            count = communes * (p + 1) // 34 - communes * p // 34
            for c in range(count):
                name = f"Xã Thử {p + 1}.{c + 1}"
                rows.append(
                    Area(
                        pk=next_id,
                        code=f"9{p:02d}{c:03d}",
                        name=name[3:],
                        full_name=name,
                        kind="xa",
                        level="commune",
                        parent_id=province.pk,
                        path=tree.child_path(province.path, next_id),
                        search_name=fold(name),
                        valid_from=REFORM_DATE,
                    )
                )
                next_id += 1
        Area.objects.bulk_create(rows, batch_size=2000)


def load_areas() -> None:
    from danvan.units.services import load_official_areas

    try:
        load_official_areas()
    except (OSError, LookupError) as error:  # the official list is not there
        log(f"official areas unavailable ({error}); generating 34 × ~98")
        generated_areas()


def bulk_bodies(
    areas: list[Any], kind: str, name: str, valid_from: dt.date | None
) -> list[Any]:
    """One body per area, written in one insert (paths given up front)."""
    from django.db.models import Max

    from danvan.common import tree
    from danvan.common.access import bump_scope_version
    from danvan.common.text import fold
    from danvan.units.models import Body

    next_id = (Body.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    rows = []
    for area in areas:
        full = f"{name} {area.full_name.split(' ', 1)[0].lower()} {area.name}"
        rows.append(
            Body(
                pk=next_id,
                name=full,
                kind=kind,
                area_id=area.pk,
                path=tree.segment(next_id),
                search_name=fold(full),
                valid_from=valid_from,
            )
        )
        next_id += 1
    Body.objects.bulk_create(rows, batch_size=2000)
    bump_scope_version()
    return rows


VALUE_COLUMNS = [
    "id",
    "submission_id",
    "indicator_id",
    "option",
    "number",
    "text",
    "comment",
    "source_id",
    "updated_at",
    "updated_by_id",
    "area_path",
    "body_path",
    "period_type",
    "period_start",
    "period_end",
]
CHUNK = 50_000


def write_rows(table: str, columns: list[str], rows: Iterator[tuple[Any, ...]]) -> int:
    """Write ``rows`` (tuples in ``columns`` order, no tab, newline or backslash
    in them) the fastest way: COPY's text format on PostgreSQL, executemany
    on SQLite, ``CHUNK`` rows at a time."""
    from itertools import islice

    from django.db import connection

    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                while chunk := list(islice(rows, CHUNK)):
                    copy.write(
                        "".join(
                            "\t".join("\\N" if v is None else str(v) for v in row)
                            + "\n"
                            for row in chunk
                        )
                    )
                    count += len(chunk)
        else:
            marks = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
            while chunk := list(islice(rows, CHUNK)):
                cursor.executemany(sql, chunk)
                count += len(chunk)
    return count


class Indexes:
    """Set aside the secondary indexes and the triggers of a table while it is
    filled, and rebuild them after (much faster than keeping them up to date
    row by row on millions of rows)."""

    def __init__(self, table: str) -> None:
        from django.db import connection

        self.connection = connection
        self.table = table
        self.postgres = connection.vendor == "postgresql"
        self.saved: list[tuple[str, str, bool]] = []
        self.rebuilt_s = 0.0

    def __enter__(self) -> Indexes:
        with self.connection.cursor() as cursor:
            if self.postgres:
                cursor.execute(
                    "SELECT i.indexname, i.indexdef, c.conname IS NOT NULL"
                    " FROM pg_indexes i LEFT JOIN pg_constraint c"
                    "  ON c.conname = i.indexname AND c.contype = 'u'"
                    " WHERE i.tablename = %s AND i.indexname NOT LIKE %s",
                    [self.table, "%pkey"],
                )
                self.saved = list(cursor.fetchall())
                for name, _sql, constraint in self.saved:
                    if constraint:
                        cursor.execute(
                            f'ALTER TABLE {self.table} DROP CONSTRAINT "{name}"'
                        )
                    else:
                        cursor.execute(f'DROP INDEX "{name}"')
                # No foreign key checks (one deferred trigger per row).
                cursor.execute("SET session_replication_role = replica")
            else:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                    " AND tbl_name = %s AND sql IS NOT NULL",
                    [self.table],
                )
                self.saved = [(n, s, False) for n, s in cursor.fetchall()]
                for name, _sql, _c in self.saved:
                    cursor.execute(f'DROP INDEX "{name}"')
        return self

    def __exit__(self, *exc: object) -> None:
        start = time.perf_counter()
        with self.connection.cursor() as cursor:
            if self.postgres:
                cursor.execute("SET session_replication_role = DEFAULT")
                cursor.execute("SET maintenance_work_mem = '512MB'")
            for name, sql, constraint in self.saved:
                cursor.execute(sql)
                if constraint:
                    cursor.execute(
                        f'ALTER TABLE {self.table} ADD CONSTRAINT "{name}"'
                        f' UNIQUE USING INDEX "{name}"'
                    )
        self.rebuilt_s = time.perf_counter() - start


def generate(scale: float, seed: int) -> dict[str, Any]:
    """Write the country's figures; return what was written."""
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.db.models import Max
    from django.utils import timezone
    from initiatives_stats import Writer

    from danvan.accounts.models import Membership, User
    from danvan.datasets import periods as cutoffs
    from danvan.datasets.models import (
        DataValue,
        FormIndicator,
        Indicator,
        Period,
        ReportForm,
        Submission,
    )
    from danvan.units.models import Area, in_force_q
    from danvan.units.services import REFORM_DATE

    rng = random.Random(seed)
    started = time.perf_counter()
    provinces = list(
        Area.objects.filter(in_force_q(REFORM_DATE), level="province").order_by("code")
    )
    communes = list(
        Area.objects.filter(in_force_q(REFORM_DATE), level="commune").order_by("path")
    )
    with transaction.atomic():
        owners = bulk_bodies(provinces, "party_committee", "Tỉnh ủy", REFORM_DATE)
        # The figures are generated for five years on today's communes (their
        # bodies report from the start): the rows the sums read are what
        # matters here, not the history of the tree.
        reporters = bulk_bodies(communes, "party_committee", "Đảng ủy", None)
        indicators = [Indicator(**spec) for spec in indicator_specs()]
        for indicator in indicators:
            indicator.save()
        forms = []
        for province, owner in zip(provinces, owners, strict=True):
            form = ReportForm.objects.create(
                code=f"{FORM_PREFIX}{province.code}",
                name=f"Báo cáo số liệu tháng ({province.full_name})",
                period_type="month",
                owner_body=owner,
                area=province,
                reporter_level="commune",
                reporter_kinds=["party_committee"],
                cutoff_day=1,
                deadline_days=10,
            )
            FormIndicator.objects.bulk_create(
                FormIndicator(form=form, indicator=i, order=n)
                for n, i in enumerate(indicators, 1)
            )
            forms.append(form)
        periods = [Period.objects.of("month", y, m) for y, m in months(scale)]
    form_of = {f.area_id: f for f in forms}
    province_of: dict[int, int] = {c.pk: c.parent_id or 0 for c in communes}
    log(
        f"{len(provinces)} provinces, {len(communes):,} communes, "
        f"{len(indicators)} indicators, {len(periods)} months; "
        f"set up in {time.perf_counter() - started:.0f} s"
    )

    now = timezone.now()
    sub_writer = Writer(Submission)
    next_sub = (Submission.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    next_value = (DataValue.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    area_paths = {c.pk: c.path for c in communes}
    numeric = [(i.pk, i.value_type) for i in indicators]
    submissions: list[list[Any]] = []
    columns = [f.attname for f in DataValue._meta.concrete_fields]
    if columns != VALUE_COLUMNS:
        sys.exit(f"DataValue's columns changed: {columns}; update VALUE_COLUMNS.")
    postgres = connection.vendor == "postgresql"
    stamp = (
        now.isoformat() if postgres else connection.ops.adapt_datetimefield_value(now)
    )

    def values() -> Iterator[tuple[Any, ...]]:
        """The values' rows, in the table's column order."""
        nonlocal next_sub, next_value
        for period in periods:
            starts, ends = period.start.isoformat(), period.end.isoformat()
            for body in reporters:
                form = form_of[province_of[body.area_id]]
                due = cutoffs.due_on(form, period)
                x = rng.random()
                if x < 0.04 and period.end >= dt.date(2026, 1, 1):
                    continue  # missing
                late = x > 0.93
                submitted = timezone.make_aware(
                    dt.datetime.combine(
                        due + dt.timedelta(days=3 if late else -2), dt.time(9)
                    )
                )
                sub_id = next_sub
                next_sub += 1
                area_path = area_paths[body.area_id]
                submissions.append(
                    sub_writer.row(
                        id=sub_id,
                        form_id=form.pk,
                        period_id=period.pk,
                        body_id=body.pk,
                        area_id=body.area_id,
                        status="accepted",
                        form_version=1,
                        due_on=due,
                        submitted_at=submitted,
                        decided_at=submitted,
                        created_at=submitted,
                        updated_at=submitted,
                        area_path=area_path,
                        body_path=body.path,
                    )
                )
                base = rng.randrange(1, 400)
                for indicator_id, value_type in numeric:
                    if value_type == "boolean":
                        number = 1 if rng.random() < 0.7 else 0
                    elif value_type == "percent":
                        number = rng.randrange(40, 101)
                    else:
                        number = base + (indicator_id * 7) % 50
                    yield (
                        next_value,
                        sub_id,
                        indicator_id,
                        "",
                        number,
                        "",
                        "",
                        None,
                        stamp,
                        None,
                        area_path,
                        body.path,
                        "month",
                        starts,
                        ends,
                    )
                    next_value += 1

    start = time.perf_counter()
    with transaction.atomic():
        with Indexes(DataValue._meta.db_table) as indexes:
            written = write_rows(DataValue._meta.db_table, columns, values())
            write_s = time.perf_counter() - start
        index_s = indexes.rebuilt_s
        sub_writer.write(iter(submissions))
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(
                no_style(), [Submission, DataValue]
            ):
                cursor.execute(sql)
    total_s = time.perf_counter() - start
    log(
        f"values: {written:,} written in {write_s:.0f} s ({written / write_s:,.0f}"
        f" rows/s), their indexes rebuilt in {index_s:.0f} s; {len(submissions):,}"
        f" submissions; {total_s:.0f} s in all"
    )
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        )
    log(f"analyze: {time.perf_counter() - start:.0f} s")

    province = Area.objects.resolve(PROVINCE_CODE, REFORM_DATE)
    user, _ = User.objects.get_or_create(username=PROVINCE_USER)
    Membership.objects.get_or_create(
        user=user, area=province, defaults={"role": Membership.Role.APPROVER}
    )
    commune = next(c for c in communes if c.parent_id == province.pk)
    user, _ = User.objects.get_or_create(username=COMMUNE_USER)
    Membership.objects.get_or_create(
        user=user, area=commune, defaults={"role": Membership.Role.EDITOR}
    )
    if not User.objects.filter(username=ROOT_USER).exists():
        User.objects.create_superuser(username=ROOT_USER, password=None)
    return {"values": written, "submissions": len(submissions)}


# ---------------------------------------------------------------------------
# The timings


def floor_sql(
    ranges: list[str], ids: list[int], start: dt.date, end: dt.date
) -> list[tuple[str, Callable[[], list[Any]]]]:
    """The hand-written aggregate over the same rows: one SQL, no Django.

    Two ways to write it (the ranges OR-ed, or one grouped SELECT per range
    added up): planners choose differently for each, so both are timed and
    the faster is the floor.
    """
    from django.db import connection

    from danvan.common import tree

    marks = ", ".join(["%s"] * len(ids))
    common = (
        f"period_type = %s AND indicator_id IN ({marks})"
        " AND period_start >= %s AND period_start <= %s AND period_end <= %s"
        " AND option = ''"
    )
    head: list[Any] = ["month", *ids, start, end, end]
    ored = " OR ".join("(area_path >= %s AND area_path < %s)" for _ in ranges)
    bounds: list[Any] = []
    for path in ranges:
        bounds += [path, tree.upper_bound(path)]
    plain = (
        "SELECT indicator_id, SUM(number), COUNT(number) FROM datasets_datavalue"
        f" WHERE {common} AND ({ored}) GROUP BY indicator_id"
    )
    part = (
        "SELECT indicator_id, SUM(number) AS s, COUNT(number) AS n"
        f" FROM datasets_datavalue WHERE {common}"
        " AND area_path >= %s AND area_path < %s GROUP BY indicator_id"
    )
    union = (
        "SELECT indicator_id, SUM(s), SUM(n) FROM ("
        + " UNION ALL ".join([part] * len(ranges))
        + ") AS parts GROUP BY indicator_id"
    )
    union_params: list[Any] = []
    for path in ranges:
        union_params += [*head, path, tree.upper_bound(path)]

    def runner(sql: str, params: list[Any]) -> Callable[[], list[Any]]:
        def run() -> list[Any]:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return list(cursor.fetchall())

        return run

    return [
        ("ranges OR-ed", runner(plain, [*head, *bounds])),
        ("a SELECT per range", runner(union, union_params)),
    ]


def timings(repeat: int) -> None:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from danvan.accounts.models import User
    from danvan.datasets.aggregate import sums
    from danvan.datasets.models import Indicator, Period, ReportForm
    from danvan.units.lineage import lineage_paths
    from danvan.units.models import Area, Body
    from danvan.units.services import REFORM_DATE

    settings.DEBUG = False
    province = Area.objects.resolve(PROVINCE_CODE, REFORM_DATE)
    user = User.objects.get(username=PROVINCE_USER)
    indicators = list(Indicator.objects.filter(code__startswith="BENCH_"))
    ids = [i.pk for i in indicators]
    start, end = dt.date(2026, 1, 1), dt.date(2026, 12, 31)

    def ours(by: tuple[str, ...] = ("indicator",)) -> Any:
        return sums(
            user=user,
            indicators=indicators,
            area=province,
            start=start,
            end=end,
            period_type="month",
            by=by,
        )

    floors = floor_sql(lineage_paths([province.path]), ids, start, end)
    result = ours()
    counted = sum(r.count for r in result.totals.values())
    summed = [i for i in indicators if i.aggregation == "sum"]
    for _name, floor in floors:
        rows = floor()
        assert counted == sum(int(r[2]) for r in rows), (counted, rows[:3])
        by_sql = {r[0]: r[1] for r in rows}
        assert all(result.total(i) == by_sql[i.pk] for i in summed)
    # Interleaved, so that all meet the same machine.
    times: dict[str, list[float]] = {"ours": [], **{n: [] for n, _f in floors}}
    for _ in range(repeat):
        times["ours"].append(median_ms(ours, 1))
        for name, floor in floors:
            times[name].append(median_ms(floor, 1))
    medians = {name: statistics.median(ms) for name, ms in times.items()}
    a = medians.pop("ours")
    best = min(medians, key=lambda n: medians[n])
    b = medians[best]
    print(
        f"sums, {province.full_name}, 2026, {len(ids)} indicators"
        f" ({counted:,} values): {a:.1f} ms; hand-written SQL {b:.1f} ms"
        f" ({best}; "
        + ", ".join(f"{n} {ms:.1f} ms" for n, ms in medians.items())
        + f"); ratio {a / b:.2f} (goal ≤ 2)"
    )
    for label, by in (
        ("by commune", ("indicator", "unit")),
        ("by month", ("indicator", "period")),
    ):
        ms = median_ms(partial(ours, by), repeat)
        print(f"sums, {province.full_name}, 2026, {label}: {ms:.1f} ms")

    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="vi")
    december = Period.objects.of("month", 2026, 12)
    form = ReportForm.objects.get(code=f"{FORM_PREFIX}{PROVINCE_CODE}")
    body = (
        Body.objects.filter(area__parent=province, kind="party_committee")
        .order_by("path")
        .first()
    )
    assert body is not None
    try:
        url = reverse("datasets:entry", args=[form.pk, december.pk, body.pk])
    except NoReverseMatch:
        print("entry page: datasets:entry is not there yet")
    else:
        client.force_login(User.objects.get(username=COMMUNE_USER))
        response = client.get(url)
        if response.status_code != 200:
            print(f"entry page: HTTP {response.status_code}")
        else:
            ms = median_ms(lambda: client.get(url), repeat)
            print(
                f"entry page, a commune's 12/2026 ({len(ids)} indicators, the"
                f" year before it stored): {ms:.1f} ms"
                f" ({len(response.content) / 1024:.0f} KiB)"
            )

    client.force_login(User.objects.get(username=ROOT_USER))
    forms = list(ReportForm.objects.filter(code__startswith=FORM_PREFIX))
    try:
        urls = [
            reverse("datasets:completeness", args=[f.pk]) + f"?period={december.pk}"
            for f in forms
        ]
    except NoReverseMatch:
        print("completeness page: datasets:completeness is not there yet")
        return
    first = client.get(urls[0])
    if first.status_code != 200:
        print(f"completeness page: HTTP {first.status_code}")
        return
    mine = next(u for u, f in zip(urls, forms, strict=True) if f.area_id == province.pk)
    ms = median_ms(lambda: client.get(mine), repeat)
    print(f"completeness page, {province.full_name}, 12/2026: {ms:.1f} ms")

    def country() -> None:
        for url in urls:
            client.get(url)

    ms = median_ms(country, max(3, repeat // 3))
    communes = Body.objects.filter(area__level="commune", kind="party_committee")
    print(
        f"completeness pages, the country ({len(urls)} provinces' forms, "
        f"{communes.count():,} communes), 12/2026: {ms:.0f} ms in all"
    )
    connection.close()


# ---------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--db-name", default="danvan_figures")
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="Share of the 5 years of months (at least a year): 0.2 is 2026 alone.",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--reuse", action="store_true", help="Keep the figures generated before."
    )
    args = parser.parse_args()

    data_dir = Path(tempfile.gettempdir()) / f"danvan-bench-{args.db_name}"
    if not args.reuse and data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        DANVAN_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="danvan.settings",
        TASKS_BACKEND="immediate",
    )
    if args.db == "postgres":
        from initiatives_stats import fresh_postgres

        os.environ["DATABASE_URL"] = PG_URL.format(name=args.db_name)
        fresh_postgres(os.environ["DATABASE_URL"], args.reuse)
    else:
        os.environ.pop("DATABASE_URL", None)
    run(args)


def run(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from danvan.datasets.models import DataValue, Indicator

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_areas()
    count = len(months(args.scale))
    log(f"database: {connection.vendor}; scale {args.scale} ({count} months)")
    if Indicator.objects.filter(code__startswith="BENCH_").exists():
        if not args.reuse:
            sys.exit("The database already holds the figures: use --reuse.")
        log(f"figures kept: {DataValue.objects.count():,} values")
    else:
        generate(args.scale, args.seed)
    log(f"ready in {time.perf_counter() - started:.0f} s")
    timings(args.repeat)
    log(f"finished in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
