"""A province's year report: the system's draft and the paper's three files.

    make bench-reports                 # SQLite in a temporary folder
    make bench-reports DB=postgres     # PostgreSQL, database danvan_reports
    .venv/bin/python bench/reports.py --db postgres --reuse

On the national figures of ``bench/figures.py`` (its loader: the 34 provinces
and 3,321 communes, 60 indicators, five years of monthly submissions, about
12 million values; ``--reuse`` keeps a database that holds them, and what
this benchmark added to it), writes tỉnh Lào Cai's year 2026:

- the report types: the communes' year report and the province's, both of
  the Tỉnh ủy, with the province's monthly figures form, their outline
  quoting the form's indicators;
- the registers of the year: documents and meetings (with conclusions and
  tasks) of the Tỉnh ủy and of every commune, a plan with targets and their
  progress, "Dân vận khéo" models, confirmed texts;
- every commune's year report, sent up (the first opened with its draft, the
  others with the same text);
- the province's report, opened with its draft.

Then prints the time of ``reports.draft.write_draft`` for the province's
report (goal: under 3 s), its queries, and of the three files, when the
paper is there: ``reports.paper.render_docx`` and ``render_pdf``,
``reports.annex.annex_xlsx`` (goal: under 10 s together).
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
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import figures as national  # noqa: E402  (bench/figures.py, after the path)

YEAR = 2026
COMMUNE_TYPE = "bench-bc-nam-xa"
PROVINCE_TYPE = "bench-bc-nam-tinh"


def log(message: str) -> None:
    print(f"# {message}", flush=True)


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The median time of ``fn`` in ms over ``repeat`` runs, and its last result."""
    times = []
    result: object = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


# ---------------------------------------------------------------------------
# The year's registers and reports


def outline_quoting(codes: list[str]) -> list[Any]:
    """The default outline, each section that quotes indicators quoting a
    share of the bench form's instead (the national figures have no others)."""
    from dataclasses import replace

    from danvan.reports.outline import DEFAULT_OUTLINE

    parts = []
    at = 0
    for part in DEFAULT_OUTLINE:
        if part.indicators:
            share = codes[at : at + 8]
            at += 8
            part = replace(part, indicators=share)
        parts.append(part)
    return parts


def registers(
    province: Any, owner: Any, communes: list[Any], rng: random.Random
) -> None:
    """The year's documents, meetings, tasks, plan, models and texts."""
    from danvan.common.actors import system_actor
    from danvan.documents.services import register_document
    from danvan.ingestion import services as ingestion
    from danvan.ingestion.schema import empty_facts
    from danvan.initiatives.models import Field, Initiative
    from danvan.initiatives.services.registration import create_initiative
    from danvan.meetings.services import meetings
    from danvan.plans import services as plans

    actor = system_actor()
    day = dt.date(YEAR, 1, 5)
    kinds = ["KH", "HD", "NQ", "BC", "TB", "CT"]
    for n in range(1, 41):
        register_document(
            actor=actor,
            area=province,
            symbol_text=f"{n}-{kinds[n % len(kinds)]}/TU",
            issued_on=day + dt.timedelta(days=8 * n),
            title=f"Văn bản số {n} của Tỉnh ủy về công tác dân vận",
            issuer_body=owner,
        )
    for i, commune in enumerate(communes):
        for n in range(1, 4):
            register_document(
                actor=actor,
                area=commune.area,
                symbol_text=f"{n}-{kinds[(i + n) % 3]}/ĐU",
                issued_on=day + dt.timedelta(days=rng.randrange(300)),
                title=f"Văn bản số {n} của {commune.name}",
                issuer_body=commune,
            )
    log("documents: 40 of the Tỉnh ủy, 3 per commune")
    tasks = 0
    for month in range(1, 13):
        meeting = meetings.create_meeting(
            actor=actor,
            convening_body=owner,
            kind="giao_ban",
            title=f"Giao ban công tác dân vận tháng {month}/{YEAR}",
            held_on=dt.date(YEAR, month, 5),
        )
        for n in range(1, 4):
            meetings.add_conclusion(
                actor=actor, meeting=meeting, text=f"Kết luận số {n} tháng {month}."
            )
        for n in range(5):
            commune = communes[(month * 5 + n) % len(communes)]
            task = meetings.create_task(
                actor=actor,
                meeting=meeting,
                title=f"Nhiệm vụ {n + 1} giao tháng {month}",
                owner_body=commune,
                due_on=dt.date(YEAR, month, 5) + dt.timedelta(days=45),
            )
            tasks += 1
            if rng.random() < 0.6:
                meetings.set_task_status(
                    actor=actor,
                    task=task,
                    status="done",
                    on=min(
                        dt.date(YEAR, month, 5) + dt.timedelta(days=30),
                        dt.date(YEAR, 12, 10),
                    ),
                )
    for commune in communes:
        for quarter in (1, 3):
            meetings.create_meeting(
                actor=actor,
                convening_body=commune,
                kind="giao_ban",
                title=f"Giao ban quý {quarter}/{YEAR} của {commune.name}",
                held_on=dt.date(YEAR, 3 * quarter + 1, 3),
            )
    log(f"meetings: 12 of the Tỉnh ủy (3 conclusions, {tasks} tasks), 2 per commune")
    plan = plans.create_plan(
        actor=actor,
        area=province,
        body=owner,
        starts_year=YEAR,
        symbol_text="50-KH/TU",
        issued_on=dt.date(YEAR - 1, 12, 20),
        title=f"Kế hoạch công tác dân vận năm {YEAR}",
    )
    groups = list(plan.groups.order_by("order"))
    for n in range(30):
        target = plans.add_target(
            actor=actor,
            plan=plan,
            group=groups[n % len(groups)],
            name=f"Chỉ tiêu số {n + 1} của kế hoạch năm",
            target_value=Decimal(100),
            unit="%",
        )
        if n < 27:
            plans.record_progress(
                actor=actor,
                target=target,
                period_type="quarter",
                period_year=YEAR,
                period_number=3,
                achieved=Decimal(rng.randrange(70, 130)),
            )
    log("plan: 30 targets, 27 with progress")
    fields = list(Field.objects.all())
    for i, commune in enumerate(communes):
        for n in range(2):
            create_initiative(
                actor=actor,
                area=commune.area,
                field=fields[(i + n) % len(fields)],
                name=f"Mô hình dân vận khéo số {n + 1} của {commune.name}",
                year=YEAR,
                status=Initiative.Status.ACCEPTED,
            )
    log("models: 2 per commune")
    for n in range(10):
        source, _created = ingestion.ingest_text(
            actor=actor,
            area=province,
            text=f"Tỉnh Lào Cai sơ kết công tác dân vận, bài {n + 1}: {n + 20} mô hình",
            title=f"Sơ kết công tác dân vận, bài số {n + 1}",
        )
        facts = empty_facts()
        facts.update(
            {
                "title": source.title,
                "published": dt.date(YEAR, n + 1, 15).isoformat(),
                "figures": [{"kind": "count", "value": n + 20, "what": "mô hình"}],
                "movements": ["Dân vận khéo"],
            }
        )
        ingestion.confirm_facts(actor=actor, source=source, facts=facts)
    log("texts: 10 confirmed")


def communes_reports(report_type: Any, period: Any, communes: list[Any]) -> int:
    """Every commune's report, sent: the first opened (with its draft), the
    others written in bulk with the same sections."""
    from django.utils import timezone

    from danvan.common.actors import system_actor
    from danvan.reports.models import Report, ReportSection
    from danvan.reports.services.reports import open_report

    actor = system_actor()
    first = open_report(
        actor=actor, report_type=report_type, period=period, body=communes[0]
    )
    sections = list(first.sections.order_by("order"))
    rows = []
    for body in communes[1:]:
        rows.append(
            Report(
                report_type=report_type,
                period=period,
                body=body,
                area_id=body.area_id,
                area_path=body.area.path,
                body_path=body.path,
                title=first.title,
                due_on=first.due_on,
                span_start=first.span_start,
                span_end=first.span_end,
                annex=first.annex,
                drafted_at=first.drafted_at,
            )
        )
    made = Report.objects.bulk_create(rows, batch_size=500)
    ReportSection.objects.bulk_create(
        [
            ReportSection(
                report=report,
                key=s.key,
                title=s.title,
                level=s.level,
                order=s.order,
                text=s.text,
                drafted=s.drafted,
            )
            for report in made
            for s in sections
        ],
        batch_size=2000,
    )
    now = timezone.now()
    all_ids = [first.pk, *(r.pk for r in made)]
    for n, pk in enumerate(all_ids, 1):
        Report.objects.filter(pk=pk).update(
            status=Report.Status.SENT,
            submitted_at=now,
            approved_at=now,
            sent_at=now,
            reference=f"{n}-BC/ĐU",
            issued_on=dt.date(YEAR, 12, 16),
        )
    return len(all_ids)


def setup(seed: int) -> Any:
    """The report types, the registers and the communes' reports (once), and
    the province's report."""
    from django.db import transaction

    from danvan.common.actors import system_actor
    from danvan.datasets.models import Period, ReportForm
    from danvan.reports.models import Report, ReportType
    from danvan.reports.services.reports import open_report
    from danvan.reports.services.types import create_report_type
    from danvan.units.models import Area, Body
    from danvan.units.services import REFORM_DATE

    province = Area.objects.resolve(national.PROVINCE_CODE, REFORM_DATE)
    period = Period.objects.of("year", YEAR)
    found = ReportType.objects.filter(code=PROVINCE_TYPE).first()
    if found is not None:
        report = Report.objects.get(report_type=found, period=period)
        log("report types, registers and reports kept")
        return report
    started = time.perf_counter()
    owner = Body.objects.get(area=province, kind="party_committee", parent=None)
    communes = list(
        Body.objects.filter(area__parent=province, kind="party_committee")
        .select_related("area")
        .order_by("area__path")
    )
    form = ReportForm.objects.get(
        code=f"{national.FORM_PREFIX}{national.PROVINCE_CODE}"
    )
    codes = list(form.items.order_by("order").values_list("indicator__code", flat=True))
    outline = outline_quoting(codes)
    actor = system_actor()
    with transaction.atomic():
        types = {
            code: create_report_type(
                actor=actor,
                code=code,
                name=name,
                period_type="year",
                owner_body=owner,
                area=province,
                reporter_level=level,
                reporter_kinds=["party_committee"],
                forms=[form],
                outline=outline,
            )
            for code, name, level in (
                (COMMUNE_TYPE, "Báo cáo công tác dân vận năm của cấp xã", "commune"),
                (PROVINCE_TYPE, "Báo cáo công tác dân vận năm của Tỉnh ủy", "province"),
            )
        }
        registers(province, owner, communes, random.Random(seed))
        sent = communes_reports(types[COMMUNE_TYPE], period, communes)
        log(f"communes' reports sent: {sent}")
        report = open_report(
            actor=actor, report_type=types[PROVINCE_TYPE], period=period, body=owner
        )
    log(f"set up in {time.perf_counter() - started:.0f} s")
    return report


# ---------------------------------------------------------------------------
# The timings


def timings(report: Any, repeat: int, show: bool = False) -> None:
    from django.conf import settings
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from danvan.reports.draft import write_draft
    from danvan.reports.models import Report

    settings.DEBUG = False

    def fresh() -> Report:
        return Report.objects.select_related(
            "report_type", "body", "area", "period"
        ).get(pk=report.pk)

    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        draft = write_draft(fresh())
    words = sum(len(html) for html in draft.sections.values())
    figures = sum(html.count("data-figure=") for html in draft.sections.values())
    cells = sum(len(t["rows"]) for t in draft.annex)
    if show:
        from danvan.reports.html import plain_text

        for key, html in draft.sections.items():
            print(f"## {key}\n{plain_text(html)}")
        for table in draft.annex:
            print(f"## {table['title']}: {len(table['rows'])} rows; {table['note']}")
    ms, _draft = timed(lambda: write_draft(fresh()), repeat)
    print(
        f"draft, {report.area.full_name}, year {YEAR} ({len(draft.sections)} sections,"
        f" {words / 1024:.0f} KiB of HTML, {figures} figures; {len(draft.annex)}"
        f" annex tables, {cells} rows): {ms:.0f} ms, {len(queries)} queries"
        f" (goal < 3 s)"
    )
    try:
        from danvan.reports.annex import annex_xlsx
        from danvan.reports.office import OfficeError
        from danvan.reports.paper import render_docx, render_pdf
    except ImportError:
        print("files: reports.paper / reports.annex are not there yet")
        return
    # The paper of the draft as it is now (the sections and annex stored).
    from danvan.common.actors import system_actor
    from danvan.reports.services.reports import redraft

    redraft(actor=system_actor(), report=fresh())
    loaded = fresh()
    total = 0.0
    sizes = []
    for name, render in (
        ("DOCX", render_docx),
        ("PDF", render_pdf),
        ("XLSX", annex_xlsx),
    ):
        try:
            ms, data = timed(lambda render=render: render(loaded), max(1, repeat // 2))
        except OfficeError as error:  # LibreOffice missing or failing: say so
            print(f"{name}: {error}")
            continue
        assert isinstance(data, bytes)
        total += ms
        sizes.append(f"{name} {ms:.0f} ms ({len(data) / 1024:.0f} KiB)")
    print(f"files: {', '.join(sizes)}; {total / 1000:.1f} s together (goal < 10 s)")


# ---------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--db-name", default="danvan_reports")
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="Share of the 5 years of months (at least a year): 0.2 is 2026 alone.",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--reuse", action="store_true", help="Keep what was generated before."
    )
    parser.add_argument(
        "--show", action="store_true", help="Print the draft's text and annex."
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

        os.environ["DATABASE_URL"] = national.PG_URL.format(name=args.db_name)
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
    national.load_areas()
    count = len(national.months(args.scale))
    log(f"database: {connection.vendor}; scale {args.scale} ({count} months)")
    if Indicator.objects.filter(code__startswith="BENCH_").exists():
        if not args.reuse:
            sys.exit("The database already holds the figures: use --reuse.")
        log(f"figures kept: {DataValue.objects.count():,} values")
    else:
        national.generate(args.scale, args.seed)
    report = setup(args.seed)
    log(f"ready in {time.perf_counter() - started:.0f} s")
    timings(report, args.repeat, args.show)
    log(f"finished in {time.perf_counter() - started:.0f} s")
    connection.close()


if __name__ == "__main__":
    main()
