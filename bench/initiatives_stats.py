"""Benchmark the "Dân vận khéo" statistics on a large register.

    .venv/bin/python bench/initiatives_stats.py               # SQLite, temporary folder
    .venv/bin/python bench/initiatives_stats.py --db postgres # PostgreSQL, see below
    DATABASE_URL=postgres://… .venv/bin/python bench/initiatives_stats.py

Generates (seeded) a register over five years (2022–2026): ``--province``
models (100,000) for tỉnh Lào Cai — registered by the communes, districts and
provinces of the former tỉnh Lào Cai and tỉnh Yên Bái until 2025 and by the new
communes and their bodies in 2026 — and ``--country`` models in all (1,000,000)
spread over every other province the same way; then times ``model_statistics``
for the province and the country (median of repeats) and the statistics page
for the province through the Django test client, as the province's approver.

``--db postgres`` uses its own database, ``danvan_bench`` at 127.0.0.1:5432
(user postgres), dropped and created afresh; ``--reuse`` keeps a database that
already holds a register of the same sizes and seed. SQLite lives in a
temporary folder that is removed at the end. Rows are written with
``executemany`` (SQLite) or ``COPY`` (PostgreSQL), 20,000 at a time.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from typing import Any

PG_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench"
YEARS = (2022, 2023, 2024, 2025, 2026)
BATCH = 20_000


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def fresh_postgres(url: str, reuse: bool) -> None:
    """Create the benchmark's own database (dropping an old one unless reused)."""
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    admin = psycopg.connect(
        host=cfg["HOST"] or "127.0.0.1",
        port=cfg["PORT"] or 5432,
        user=cfg["USER"] or "postgres",
        password=cfg["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    name = cfg["NAME"]
    exists = admin.execute(
        "SELECT 1 FROM pg_database WHERE datname = %s", [name]
    ).fetchone()
    if exists and not reuse:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        exists = None
    if not exists:
        admin.execute(f'CREATE DATABASE "{name}"')
    admin.close()


class Writer:
    """Rows of one model's table, written in bulk with the database's fast path."""

    def __init__(self, model: Any) -> None:
        from django.db import connection

        self.connection = connection
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.index = {f.attname: i for i, f in enumerate(self.fields)}
        self.base: list[Any] = []
        for f in self.fields:
            value = f.get_default() if f.has_default() or not f.null else None
            if value is None and not f.null and f.empty_strings_allowed:
                value = ""
            self.base.append(value)
        self.table = model._meta.db_table
        self.columns = ", ".join(
            connection.ops.quote_name(f.column) for f in self.fields
        )
        self.postgres = connection.vendor == "postgresql"
        ops = connection.ops
        self.adapt: list[Callable[[Any], Any] | None] = []
        for f in self.fields:
            kind = f.get_internal_type()
            if self.postgres:
                self.adapt.append(None)
            elif kind == "DateTimeField":
                self.adapt.append(ops.adapt_datetimefield_value)
            elif kind == "DateField":
                self.adapt.append(ops.adapt_datefield_value)
            else:
                self.adapt.append(None)

    def row(self, **values: Any) -> list[Any]:
        row = list(self.base)
        for name, value in values.items():
            row[self.index[name]] = value
        return row

    def write(self, rows: Iterator[list[Any]]) -> int:
        count = 0
        with self.connection.cursor() as cursor:
            if self.postgres:
                sql = f"COPY {self.table} ({self.columns}) FROM STDIN"
                with cursor.cursor.copy(sql) as copy:
                    for row in rows:
                        copy.write_row(row)
                        count += 1
            else:
                marks = ", ".join(["%s"] * len(self.fields))
                sql = f"INSERT INTO {self.table} ({self.columns}) VALUES ({marks})"
                adapt = [(i, a) for i, a in enumerate(self.adapt) if a]
                batch: list[list[Any]] = []
                for row in rows:
                    for i, a in adapt:
                        if row[i] is not None:
                            row[i] = a(row[i])
                    batch.append(row)
                    if len(batch) >= BATCH:
                        cursor.executemany(sql, batch)
                        count += len(batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
                    count += len(batch)
        return count


def generate(*, province_count: int, country_count: int, seed: int) -> dict[str, Any]:
    """Write the register; return what the timings need."""
    import datetime as dt

    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.db.models import Max, Q
    from django.utils import timezone

    from danvan.accounts.models import Membership, User
    from danvan.common.actors import system_actor
    from danvan.common.text import fold
    from danvan.initiatives.models import (
        Classification,
        Commendation,
        Field,
        Initiative,
    )
    from danvan.units import services as units
    from danvan.units.lineage import lineage_paths
    from danvan.units.models import Area, Body, in_force_q

    rng = random.Random(seed)
    after = units.REFORM_DATE
    province = Area.objects.resolve("15", after)
    ranges = lineage_paths([province.path])

    def inside(path: str) -> bool:
        return any(path.startswith(r) for r in ranges)

    def pools(*q: Q, **filters: Any) -> tuple[list[Any], list[Any]]:
        """Areas matching the filters: (inside the province, elsewhere)."""
        rows = Area.objects.filter(*q, **filters).values_list("pk", "path", "level")
        mine, others = [], []
        for row in rows:
            (mine if inside(row[1]) else others).append(row)
        return mine, others

    # Until 2025 the units in force on 1/1/2025; in 2026 those of 1/7/2025.
    # (Unchanged provinces keep their row, so they are in both.)
    legacy = {
        level: pools(in_force_q(dt.date(2025, 1, 1)), level=level)
        for level in ("province", "district", "commune")
    }
    current = {
        level: pools(in_force_q(after), level=level)
        for level in ("province", "commune")
    }

    # The bodies of the new communes of the province (Party committee) and UBND.
    bodies: list[tuple[int, int, str]] = []
    with transaction.atomic():
        for pk, path, _level in current["commune"][0]:
            area = Area.objects.get(pk=pk)
            body = units.create_body(
                actor=system_actor(),
                name=f"Đảng ủy {area.full_name.lower()}",
                kind=Body.Kind.PARTY_COMMITTEE,
                area=area,
                valid_from=after,
            )
            bodies.append((body.pk, pk, path))
        units.create_body(
            actor=system_actor(),
            name="Ủy ban nhân dân tỉnh Lào Cai",
            kind=Body.Kind.PEOPLES_COMMITTEE,
            area=province,
            valid_from=after,
        )

    fields = list(Field.objects.values_list("pk", flat=True))
    classes = [
        (Classification.NOT_ACHIEVED, 0.08),
        (Classification.ACHIEVED, 0.30),
        (Classification.EFFECTIVE, 0.40),
        (Classification.EXEMPLARY, 0.10),
        ("", 0.12),
    ]
    statuses = [
        (Initiative.Status.ACCEPTED, 0.25),
        (Initiative.Status.IN_PROGRESS, 0.35),
        (Initiative.Status.COMPLETED, 0.30),
        (Initiative.Status.STOPPED, 0.04),
        (Initiative.Status.SUBMITTED, 0.04),
        (Initiative.Status.DRAFT, 0.02),
    ]
    forms = list(Commendation.Form.values)
    effective = (Classification.EFFECTIVE, Classification.EXEMPLARY)
    today = timezone.localdate()
    next_id = (Initiative.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    first_id = next_id
    writer = Writer(Initiative)
    commend_writer = Writer(Commendation)
    commendations: list[list[Any]] = []
    registered_ids: list[int] = []

    def pick(weights: list[tuple[Any, float]]) -> Any:
        x = rng.random()
        for value, w in weights:
            x -= w
            if x <= 0:
                return value
        return weights[-1][0]

    def unit_for(year: int, mine: bool) -> tuple[int, str, str, int | None]:
        side = 0 if mine else 1
        x = rng.random()
        if year <= 2025:
            if x < 0.02:
                pk, path, level = rng.choice(legacy["province"][side])
            elif x < 0.07:
                pk, path, level = rng.choice(legacy["district"][side])
            else:
                pk, path, level = rng.choice(legacy["commune"][side])
            return pk, path, level, None
        if x < 0.02:
            pk, path, level = rng.choice(current["province"][side])
        elif mine and x < 0.08 and bodies:
            body_pk, pk, path = rng.choice(bodies)
            return pk, path, "body", body_pk
        else:
            pk, path, level = rng.choice(current["commune"][side])
        return pk, path, level, None

    def plan() -> Iterator[tuple[int, bool]]:
        """(year, in the province?) of each row: year after year, and within a
        year the province's rows mixed with the others', as a national register
        fills up (the province's rows are not stored together)."""
        others = max(country_count - province_count, 0)
        for k, year in enumerate(YEARS):
            mine = province_count * (k + 1) // len(YEARS) - province_count * k // len(
                YEARS
            )
            rest = others * (k + 1) // len(YEARS) - others * k // len(YEARS)
            flags = [True] * mine + [False] * rest
            rng.shuffle(flags)
            for flag in flags:
                yield year, flag

    def rows() -> Iterator[list[Any]]:
        nonlocal next_id
        for year, mine in plan():
            area_id, path, level, body_id = unit_for(year, mine)
            status = pick(statuses)
            registered = status in Initiative.REGISTERED_STATUSES
            classification = pick(classes) if registered else ""
            if year == 2026 and rng.random() < 0.5:
                classification = ""
            submitted = timezone.make_aware(
                dt.datetime.combine(dt.date(year, 1, 5), dt.time(9))
                + dt.timedelta(days=rng.randrange(80))
            )
            evaluated = (
                min(dt.date(year, 12, 1) + dt.timedelta(days=rng.randrange(30)), today)
                if classification
                else None
            )
            commended = None
            if classification in effective and rng.random() < 0.15:
                commended = min(dt.date(year, 12, 20), today)
                commendations.append(
                    commend_writer.row(
                        initiative_id=next_id,
                        level=rng.choice(["commune", "district", "province"]),
                        form=rng.choice(forms),
                        decision_number=f"{rng.randrange(1, 999)}/QĐ-UBND",
                        decided_on=commended,
                        body_name="Ủy ban nhân dân",
                        created_at=submitted,
                    )
                )
            adopted = (
                rng.choice(registered_ids[-5000:])
                if registered_ids and rng.random() < 0.06
                else None
            )
            name = f"Mô hình dân vận khéo số {next_id}"
            money = rng.randrange(0, 500) * 1_000_000
            yield writer.row(
                id=next_id,
                name=name,
                field_id=rng.choice(fields),
                kind="collective" if rng.random() < 0.9 else "individual",
                year=year,
                status=status,
                continuing=year > YEARS[0] and rng.random() < 0.3,
                area_id=area_id,
                body_id=body_id,
                level=level,
                area_path=path,
                money_vnd=money,
                working_days=rng.randrange(0, 2000),
                start_date=dt.date(year, 2, 1),
                adopted_from_id=adopted,
                classification=classification,
                evaluated_on=evaluated,
                commended_on=commended,
                mobilized_vnd=money * rng.randrange(50, 130) // 100
                if registered
                else 0,
                mobilized_days=rng.randrange(0, 2500) if registered else 0,
                people_reached=rng.randrange(0, 3000) if registered else 0,
                created_at=submitted,
                submitted_at=submitted if status != Initiative.Status.DRAFT else None,
                reviewed_at=submitted + dt.timedelta(days=10) if registered else None,
                search_text=fold(name),
            )
            if registered:
                registered_ids.append(next_id)
            next_id += 1

    start = time.perf_counter()
    with transaction.atomic():
        written = writer.write(rows())
        commend_writer.base[commend_writer.index["id"]] = None
        id_column = commend_writer.index["id"]
        next_commendation = (Commendation.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        for i, row in enumerate(commendations):
            row[id_column] = next_commendation + i
        commend_writer.write(iter(commendations))
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(
                no_style(), [Initiative, Commendation]
            ):
                cursor.execute(sql)
    generation_s = time.perf_counter() - start
    # PostgreSQL's autovacuum would analyze the new rows soon; SQLite has no
    # such thing and Django never runs ANALYZE, so SQLite plans without statistics.
    start = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    analyze_s = time.perf_counter() - start

    user, _ = User.objects.get_or_create(username="bench-province")
    Membership.objects.get_or_create(
        user=user, area=province, defaults={"role": Membership.Role.APPROVER}
    )
    return {
        "written": written,
        "commendations": len(commendations),
        "first_id": first_id,
        "generation_s": generation_s,
        "analyze_s": analyze_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"])
    parser.add_argument("--province", type=int, default=100_000)
    parser.add_argument("--country", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--country-repeat", type=int, default=5)
    parser.add_argument(
        "--reuse", action="store_true", help="Keep a register generated before."
    )
    parser.add_argument(
        "--data-dir",
        help="SQLite: keep the database in this folder (default: a temporary one).",
    )
    args = parser.parse_args()

    tmp = None
    db = args.db or ("postgres" if "DATABASE_URL" in os.environ else "sqlite")
    if db == "postgres":
        os.environ.setdefault("DATABASE_URL", PG_URL)
        fresh_postgres(os.environ["DATABASE_URL"], args.reuse)
    else:
        os.environ.pop("DATABASE_URL", None)
        if args.data_dir:
            os.environ["DANVAN_DATA_DIR"] = args.data_dir
        else:
            tmp = tempfile.mkdtemp(prefix="danvan-bench-models-")
            os.environ["DANVAN_DATA_DIR"] = tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    try:
        run(args)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def run(args: argparse.Namespace) -> None:
    import django

    django.setup()
    import datetime as dt

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from danvan.accounts.models import User
    from danvan.initiatives.models import Initiative
    from danvan.initiatives.stats import model_statistics
    from danvan.units.models import Area
    from danvan.units.services import load_official_areas

    settings.DEBUG = False  # no query log; the page as in production
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_official_areas()
    setup_s = time.perf_counter() - start
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    print(f"migrate + official areas: {setup_s:.1f} s")

    existing = Initiative.objects.count()
    if args.reuse and existing == args.country:
        print(f"register kept: {existing:,} models")
    else:
        if existing:
            sys.exit("The database already holds models; run without --reuse.")
        info = generate(
            province_count=args.province, country_count=args.country, seed=args.seed
        )
        rate = info["written"] / info["generation_s"]
        print(
            f"generated {info['written']:,} models and {info['commendations']:,} "
            f"commendations in {info['generation_s']:.1f} s ({rate:,.0f} rows/s)"
            + (
                f"; VACUUM ANALYZE {info['analyze_s']:.1f} s"
                if info["analyze_s"] > 0.01
                else ""
            )
        )

    province = Area.objects.resolve("15", dt.date(2025, 7, 1))
    in_province = Initiative.objects.in_lineage_of(province.path).count()
    print(
        f"models of tỉnh Lào Cai (lineage): {in_province:,}; in all: "
        f"{Initiative.objects.count():,}"
    )

    def stats(**kw: Any) -> Any:
        return model_statistics(**kw)

    cases = [
        ("province, year 2026", lambda: stats(area=province, year=2026), args.repeat),
        ("province, 5 years", lambda: stats(area=province), args.repeat),
        (
            "province, period 01/01–30/06/2026",
            lambda: stats(
                area=province, period=(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
            ),
            args.repeat,
        ),
        ("country, year 2026", lambda: stats(year=2026), args.country_repeat),
        ("country, 5 years", lambda: stats(), args.country_repeat),
    ]
    for label, fn, repeat in cases:
        result = fn()
        ms = median_ms(fn, repeat)
        threshold = result.units_with_at_least_n_effective
        print(
            f"model_statistics {label}: {ms:.1f} ms "
            f"(registered {result.registered:,}, effective {result.effective:,}, "
            f"communes {result.communes_with_model}/{result.communes_total}, "
            f"{threshold.level or 'units'} ≥{threshold.n} effective "
            f"{threshold.numerator}/{threshold.denominator})"
        )

    user = User.objects.get(username="bench-province")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    url = reverse("initiatives:stats")
    for label, params in (
        ("year 2026", {"area": province.pk, "year": 2026}),
        ("5 years", {"area": province.pk, "year": ""}),
        ("XLSX, year 2026", {"area": province.pk, "year": 2026, "format": "xlsx"}),
    ):
        response = client.get(url, params)
        assert response.status_code == 200, response.status_code
        ms = median_ms(lambda p=params: client.get(url, p), args.repeat)
        print(
            f"statistics page, province, {label}: {ms:.1f} ms "
            f"({len(response.content) / 1024:.0f} KiB)"
        )


if __name__ == "__main__":
    main()
