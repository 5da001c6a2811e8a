"""What each main page costs the server at the size of one province.

    make bench-pages                 # SQLite in a temporary folder
    make bench-pages DB=postgres     # PostgreSQL, database danvan_pages
    .venv/bin/python bench/pages.py --db postgres --reuse --only documents

Builds a province-scale register on the demo data, through the services the
pages use (so every denormalised column, change-log row and search text is what
the application itself writes), except the "Dân vận khéo" models, which come
from the generator of ``bench/initiatives_stats.py``:

- 100,000 models in the country, 20,000 of them in tỉnh Lào Cai;
- 20,000 documents (a fifth in the province), a tenth implementing another;
- 5,000 meetings with a conclusion each and 10,000 tasks, half followed up;
- the change log of all that (over 50,000 rows);
- 200 texts brought in and read by the extractor;
- issue 11's plans (the demo's: a district plan of 113 targets and tasks, its
  province programme, two commune plans) and figures: the quarterly "Báo cáo
  công tác dân vận" of tỉnh Lào Cai entered, submitted and mostly accepted
  through the services by every commune of the province for the last four
  quarters (the demo's reports cover 20 communes).

Then it serves the database with ``danvan serve --workers 2`` (production
settings: DEBUG off, collected static files, persistent database connections)
and, for each page and user, sends a bounded load over loopback (``--requests``
requests, ``--concurrency`` at a time, after a warm-up; ``--rounds`` times,
the least counting) and measures the CPU the server spent: the gunicorn
workers and the PostgreSQL backends serving them, from
``/proc/<pid>/task/*/schedstat`` (nanoseconds), divided by the number of
requests. The login page is measured the same way in the same run,
and every page's cost is given as a ratio to it. The number of queries of each
page comes from rendering it once in this process.

Output, one line per page and user, then the worst ratio:

    page NAME USER queries=N cpu_ms=X ratio=R
    worst ratio R (NAME USER)

The users are the demo's province approver (``tinh.laocai``) and commune
editor (``xa.tramtau``). A page is a row of ``PAGES``: a later page adds a row.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

PG_URL = "postgres://postgres@127.0.0.1:5432/{name}"
SECRET = "bench-pages-" + "x" * 50
HOST = "127.0.0.1"
USERS = {"province": "tinh.laocai", "commune": "xa.tramtau"}
PROVINCE_CODE = "15"  # tỉnh Lào Cai (from 1/7/2025)


@dataclass(frozen=True)
class Page:
    """One page to measure: its name and how to build its address for a user."""

    name: str
    url: Callable[[Any, Any], str]  # (context, user) -> path with query


# ---------------------------------------------------------------------------
# The register


@dataclass
class Sizes:
    models_country: int
    models_province: int
    documents: int
    meetings: int
    tasks_per_meeting: int
    texts: int

    @classmethod
    def scaled(cls, scale: float) -> Sizes:
        return cls(
            models_country=int(100_000 * scale),
            models_province=int(20_000 * scale),
            documents=int(20_000 * scale),
            meetings=int(5_000 * scale),
            tasks_per_meeting=2,
            texts=max(int(200 * scale), 10),
        )


def log(message: str) -> None:
    print(f"# {message}", flush=True)


def batched(items: Any, size: int = 500) -> Any:
    """Iterate ``items`` committing every ``size`` of them, not after each
    service call: one WAL flush per batch instead of one per row."""
    from django.db import transaction

    items = list(items)
    for first in range(0, len(items), size):
        with transaction.atomic():
            yield from items[first : first + size]


WORDS = [
    *("dân", "vận", "khéo", "động", "nhân", "xây", "dựng", "nông", "thôn"),
    *("mới", "chuyển", "đổi", "số", "an", "sinh", "xã", "hội", "đường"),
    *("giao", "thông", "nước", "sạch", "phòng", "chống", "thiên", "tai"),
]
# What the parent prepares before forking the writers (they inherit it).
SHARED: dict[str, Any] = {}


def in_parallel(work: Callable[[int, int, int], int], total: int, jobs: int) -> int:
    """Run ``work(part, first, stop)`` over ``range(total)`` in ``jobs`` processes.

    Each process has its own database connection (the parent's is closed
    before forking), so the services run side by side as several users would.
    """
    import multiprocessing

    from django.db import connections

    connections.close_all()
    bounds = [(total * k // jobs, total * (k + 1) // jobs) for k in range(jobs)]
    if jobs == 1:
        return work(0, *bounds[0])
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return sum(pool.starmap(work, [(k, a, b) for k, (a, b) in enumerate(bounds)]))


def _place(rng: random.Random, share_mine: float = 0.2) -> tuple[Any, bool]:
    """An area for a row: the province or one of its communes (a fifth of the
    rows), else a commune of another province."""
    if rng.random() < share_mine:
        if rng.random() < 0.1:
            return SHARED["province"], True
        return rng.choice(SHARED["mine_communes"]), True
    return rng.choice(SHARED["other_communes"]), False


def write_documents(part: int, first: int, stop: int) -> int:
    from django.db import connections
    from django.utils import timezone

    from danvan.common.actors import system_actor
    from danvan.documents.services import register_document, relate_documents

    rng = random.Random(SHARED["seed"] * 100 + part)
    actor = system_actor()
    today = timezone.localdate()
    kinds = [("KH", "ke_hoach"), ("BC", "bao_cao"), ("TB", "thong_bao")]
    documents: list[Any] = []
    for n in batched(range(first + 1, stop + 1)):
        area, is_mine = _place(rng)
        code, kind = rng.choice(kinds)
        issued = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(1700))
        issued = min(issued, today)
        issuer = None
        if is_mine and rng.random() < 0.5:
            issuer = rng.choice(SHARED["province_bodies"])
        title = " ".join(rng.sample(WORDS, 8)).capitalize()
        document = register_document(
            actor=actor,
            area=area,
            symbol_text=f"{n}-{code}/BENCH",
            issued_on=issued,
            title=f"{title} ({n})",
            kind=kind,
            issuer_body=issuer,
            issuer_name="" if issuer else f"Ủy ban nhân dân {area.full_name}",
            accept_warning=True,
        )
        # A tenth implement a document issued before them in the same register
        # batch: the chains the pages read up.
        if documents and rng.random() < 0.1:
            target = rng.choice(documents[-50:])
            if target.issued_on <= document.issued_on:
                relate_documents(
                    actor=actor, source=document, target=target, kind="implements"
                )
        documents.append(document)
    connections.close_all()
    return len(documents)


def write_meetings(part: int, first: int, stop: int) -> int:
    from django.db import connections
    from django.utils import timezone

    from danvan.common.actors import system_actor
    from danvan.meetings.models import Task
    from danvan.meetings.services import (
        add_conclusion,
        create_meeting,
        create_task,
        set_task_status,
    )

    rng = random.Random(SHARED["seed"] * 1000 + part)
    actor = system_actor()
    today = timezone.localdate()
    after = SHARED["after"]
    days = max((today - after).days, 1)
    tasks = []
    for n in batched(range(first + 1, stop + 1), 200):
        # Each process convenes its own bodies: two never create the same
        # meeting series at once.
        pool = SHARED["mine_bodies" if rng.random() < 0.2 else "other_bodies"]
        bodies = pool[part :: SHARED["jobs"]] or pool
        held = after + dt.timedelta(days=rng.randrange(days))
        meeting = create_meeting(
            actor=actor,
            convening_body=rng.choice(bodies),
            kind="giao_ban",
            title=f"Giao ban công tác dân vận số {n}",
            held_on=held,
            place="Hội trường",
        )
        conclusion = add_conclusion(
            actor=actor,
            meeting=meeting,
            text=" ".join(rng.sample(WORDS, 10)).capitalize() + ".",
        )
        for k in range(SHARED["tasks_per_meeting"]):
            task = create_task(
                actor=actor,
                meeting=meeting,
                conclusion=conclusion if k == 0 else None,
                title=" ".join(rng.sample(WORDS, 6)).capitalize(),
                owner_body=rng.choice(bodies),
                due_on=held + dt.timedelta(days=rng.randrange(10, 120)),
            )
            if rng.random() < 0.5:  # followed up
                set_task_status(
                    actor=actor,
                    task=task,
                    status=rng.choice([Task.Status.IN_PROGRESS, Task.Status.DONE]),
                    on=min(task.due_on or today, today),
                    note="Đã triển khai.",
                )
            tasks.append(task)
    connections.close_all()
    return len(tasks)


def generate(sizes: Sizes, seed: int, jobs: int) -> None:
    """Write the register on top of the demo data (see the module's docstring)."""
    from auditlog.models import LogEntry
    from django.db import connection, transaction
    from django.utils import timezone
    from initiatives_stats import generate as generate_models

    from danvan.common.actors import system_actor
    from danvan.ingestion.services import ingest_text
    from danvan.units import services as units
    from danvan.units.models import Area, Body, in_force_q

    rng = random.Random(seed)
    actor = system_actor()
    after = units.REFORM_DATE
    today = timezone.localdate()

    start = time.perf_counter()
    info = generate_models(
        province_count=sizes.models_province,
        country_count=sizes.models_country,
        seed=seed,
    )
    log(f"models: {info['written']:,} in {time.perf_counter() - start:.0f} s")

    # Where the rows go: the province's new communes (and the province), and
    # the communes of every other province; bodies for the meetings.
    province = Area.objects.resolve(PROVINCE_CODE, after)
    current = Area.objects.filter(in_force_q(after), level="commune")
    province_bodies = list(
        Body.objects.filter(in_force_q(today), area__path__startswith=province.path)
    )
    other_communes = list(current.exclude(path__startswith=province.path))
    other_bodies = []
    with transaction.atomic():
        for area in rng.sample(other_communes, min(300, len(other_communes))):
            other_bodies.append(
                units.create_body(
                    actor=actor,
                    name=f"Đảng ủy {area.full_name.lower()}",
                    kind=Body.Kind.PARTY_COMMITTEE,
                    area=area,
                    valid_from=after,
                )
            )
    SHARED.update(
        seed=seed,
        after=after,
        province=province,
        mine_communes=list(current.filter(path__startswith=province.path)),
        other_communes=other_communes,
        province_bodies=province_bodies,
        mine_bodies=[b for b in province_bodies if b.in_force(after)],
        other_bodies=other_bodies,
        tasks_per_meeting=sizes.tasks_per_meeting,
        jobs=jobs,
    )

    start = time.perf_counter()
    written = in_parallel(write_documents, sizes.documents, jobs)
    log(f"documents: {written:,} in {time.perf_counter() - start:.0f} s")
    start = time.perf_counter()
    written = in_parallel(write_meetings, sizes.meetings, jobs)
    log(
        f"meetings: {sizes.meetings:,}, tasks: {written:,} in "
        f"{time.perf_counter() - start:.0f} s"
    )

    start = time.perf_counter()
    for n in batched(range(sizes.texts)):
        area, _ = _place(rng, 0.5)
        body = (
            f"Ngày {rng.randrange(1, 28)}/{rng.randrange(1, 12)}/2026, Ban Dân vận "
            f"Huyện ủy tổ chức hội nghị giao ban công tác dân vận. "
            f"{' '.join(rng.sample(WORDS, 12)).capitalize()}. Văn bản số {n}."
        )
        ingest_text(actor=actor, area=area, text=body, title=f"Tin số {n}")
    log(f"texts: {sizes.texts} in {time.perf_counter() - start:.0f} s")
    start = time.perf_counter()
    written = write_figures()
    log(f"figures: {written:,} reports in {time.perf_counter() - start:.0f} s")
    log(f"change log: {LogEntry.objects.count():,} rows")

    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        )


def write_figures() -> int:
    """A year of the Lào Cai quarterly form for every commune of the province:
    each report entered (every indicator), submitted and, nine in ten,
    accepted by the province's approver, through the services."""
    from django.utils import timezone

    from danvan.accounts.models import User
    from danvan.common.actors import system_actor
    from danvan.datasets import demo as figures_demo
    from danvan.datasets import periods as cutoffs
    from danvan.datasets.models import FormIndicator, Period, ReportForm, Submission
    from danvan.datasets.reporters import reporters
    from danvan.datasets.services import approval, values
    from danvan.datasets.services.submissions import open_submission
    from danvan.units import services as units
    from danvan.units.models import Area, Body

    form = ReportForm.objects.filter(code=figures_demo.CODE).first()
    if form is None:
        log("no figures demo: no reports written")
        return 0
    actor = system_actor()
    approver = User.objects.get(username=USERS["province"])
    communes = Area.objects.filter(parent=form.area, level="commune").in_force(
        units.REFORM_DATE
    )
    have = set(
        Body.objects.filter(
            area__in=communes, kind=Body.Kind.PARTY_COMMITTEE
        ).values_list("area_id", flat=True)
    )
    for commune in batched(c for c in communes if c.pk not in have):
        units.create_body(
            actor=actor,
            name=f"Đảng ủy {commune.full_name.lower()}",
            kind=Body.Kind.PARTY_COMMITTEE,
            area=commune,
            abbreviation="ĐU",
            valid_from=units.REFORM_DATE,
        )
    codes = list(
        FormIndicator.objects.filter(form=form).values_list(
            "indicator__code", flat=True
        )
    )
    today = timezone.localdate()
    year, number = today.year, (today.month - 1) // 3 + 1
    quarters = []
    while len(quarters) < 4:
        period = Period.objects.of("quarter", year, number)
        if cutoffs.due_on(form, period) < today:
            quarters.append(((year, number), period))
        year, number = (year - 1, 4) if number == 1 else (year, number - 1)
    written = 0
    for quarter, period in quarters:
        done = set(
            Submission.objects.filter(form=form, period=period).values_list(
                "body_id", flat=True
            )
        )
        bodies = [b for b in reporters(form, period) if b.pk not in done]
        for body in batched(bodies, 50):
            commune = body.area.code
            submission = open_submission(
                actor=actor, form=form, period=period, body=body
            )
            rows = [
                (code, "", figures_demo._typed(code, commune, quarter))
                for code in codes
            ]
            values.save_values(actor=actor, submission=submission, rows=rows)
            written += 1
            draw = figures_demo._draw("bench", commune, *quarter) % 20
            if draw == 0:
                continue  # being entered
            approval.submit(actor=actor, submission=submission)
            if draw != 1:  # else waiting for the province
                approval.accept(actor=approver, submission=submission)
    return written


# ---------------------------------------------------------------------------
# The pages


def busiest(queryset: Any, relation: str) -> Any:
    """The row of ``queryset`` with the most ``relation`` rows (ties: newest)."""
    from django.db.models import Count

    row = queryset.annotate(_n=Count(relation)).order_by("-_n", "-pk").first()
    if row is None:
        raise SystemExit(f"No {queryset.model.__name__} to show: regenerate.")
    return row


def context_for(user: Any) -> dict[str, Any]:
    """The objects a user's detail pages show: their busiest own rows."""
    from danvan.documents.models import Document
    from danvan.ingestion.models import Source
    from danvan.meetings.models import Meeting

    membership = user.memberships.select_related("area", "body__area").first()
    area = membership.area or membership.body.area
    return {
        "area": area,
        "document": busiest(Document.objects.editable_by(user), "relations_in"),
        "meeting": busiest(Meeting.objects.editable_by(user), "tasks"),
        "source": Source.objects.editable_by(user).order_by("-pk").first(),
        **figures_context(user),
    }


def figures_context(user: Any) -> dict[str, Any]:
    """Issue 11's objects a user's pages show: the plan with the most targets
    they see; the Lào Cai quarterly form, and the submission of it with the
    most values they see (its period and body open the entry page)."""
    from danvan.datasets import demo as figures_demo
    from danvan.datasets.models import ReportForm, Submission
    from danvan.plans.models import Plan, Target

    form = ReportForm.objects.get(code=figures_demo.CODE)
    submission = busiest(
        Submission.objects.visible_to(user).filter(form=form), "values"
    )
    plan = busiest(Plan.objects.visible_to(user), "targets")
    return {
        "plan": plan,
        "target": busiest(
            Target.objects.visible_to(user).filter(plan=plan), "served_by"
        ),
        "form": form,
        "submission": submission,
    }


def period_spec(period: Any) -> str:
    """A period as the completeness API names it (quarter:2026:1)."""
    from danvan.datasets.completeness import period_spec as spec

    return spec(period)


def _url(name: str, *args: Any, query: str = "") -> str:
    from django.urls import reverse

    return reverse(name, args=args) + (f"?{query}" if query else "")


PAGES = [
    Page("home", lambda c, u: _url("home")),
    Page("units", lambda c, u: _url("units:area_list")),
    Page("area", lambda c, u: _url("units:area_detail", c["area"].pk)),
    Page("documents", lambda c, u: _url("documents:list")),
    Page("documents_search", lambda c, u: _url("documents:list", query="q=dan+van")),
    Page("document", lambda c, u: _url("documents:detail", c["document"].pk)),
    Page("meetings", lambda c, u: _url("meetings:list")),
    Page("meeting", lambda c, u: _url("meetings:detail", c["meeting"].pk)),
    Page("tasks", lambda c, u: _url("meetings:task_list")),
    Page("models", lambda c, u: _url("initiatives:list")),
    Page(
        "stats",
        lambda c, u: _url("initiatives:stats", query=f"area={c['area'].pk}&year=2026"),
    ),
    Page("texts", lambda c, u: _url("ingestion:source_list")),
    Page("text_review", lambda c, u: _url("ingestion:source_detail", c["source"].pk)),
    Page("records", lambda c, u: _url("records:source_records", c["source"].pk)),
    Page("api_documents", lambda c, u: _url("document-list")),
    Page("api_models", lambda c, u: _url("initiative-list")),
    Page("api_meetings", lambda c, u: _url("meeting-list")),
    Page("api_tasks", lambda c, u: _url("task-list")),
    # Issue 11: plans and reported figures.
    Page("plans", lambda c, u: _url("plans:list")),
    Page("plan", lambda c, u: _url("plans:plan_detail", c["plan"].pk)),
    Page("target", lambda c, u: _url("plans:target_detail", c["target"].pk)),
    Page("figures", lambda c, u: _url("datasets:index")),
    Page("indicators", lambda c, u: _url("datasets:indicator_list")),
    Page("report_forms", lambda c, u: _url("datasets:form_list")),
    Page("report_form", lambda c, u: _url("datasets:form_detail", c["form"].pk)),
    Page(
        "entry",
        lambda c, u: _url(
            "datasets:entry",
            c["form"].pk,
            c["submission"].period_id,
            c["submission"].body_id,
        ),
    ),
    Page("submission", lambda c, u: _url("datasets:submission", c["submission"].pk)),
    Page("submissions", lambda c, u: _url("datasets:submission_list")),
    Page(
        "completeness",
        lambda c, u: _url(
            "datasets:completeness",
            c["form"].pk,
            query=f"period={c['submission'].period_id}",
        ),
    ),
    Page("pivot", lambda c, u: _url("datasets:pivot")),
    Page("api_plans", lambda c, u: _url("plan-list")),
    Page("api_indicators", lambda c, u: _url("indicator-list")),
    Page("api_forms", lambda c, u: _url("report-form-list")),
    Page("api_submissions", lambda c, u: _url("submission-list")),
    Page(
        "api_completeness",
        lambda c, u: _url(
            "completeness-list",
            query=f"form={c['form'].pk}&period={period_spec(c['submission'].period)}",
        ),
    ),
    Page(
        "api_values",
        lambda c, u: _url(
            "data-value",
            query=(
                f"form={c['form'].pk}&period={c['submission'].period_id}"
                f"&body={c['submission'].body_id}"
            ),
        ),
    ),
    Page("api_sums", lambda c, u: _url("figure-sums-list")),
    # Issue 12: the home page is the unit's dashboard (above); the area dashboard.
    Page("dashboard", lambda c, u: _url("dashboards:area")),
    # Issue 12: the report types (a catalogue every officer reads).
    Page("report_types", lambda c, u: _url("reports:type_list")),
    Page("report_type", lambda c, u: _url("reports:type_detail", report_type().pk)),
    # Issue 12: the reports (the user's own tab; the province also the
    # communes' sent reports) and a report's page with its editors.
    Page("reports", lambda c, u: _url("reports:list")),
    Page("reports_below", lambda c, u: _url("reports:list", query="tab=below")),
    Page("report", lambda c, u: _url("reports:report_detail", report_of(u).pk)),
    # Issue 12: the reports API (a list page).
    Page("api_reports", lambda c, u: _url("report-list")),
]
# Issue 13: the people's apps name their pages in bench/people_<app>.py.
PEOPLE = (
    "people_situation",
    "people_dialogues",
    "people_petitions",
    "people_incidents",
)
for _module in PEOPLE:
    PAGES += [Page(name, url) for name, url in __import__(_module).PAGES]


def report_of(user: Any) -> Any:
    """The report a user's page opens: their own unit's newest report (the
    province's own, with its communes' beside it), else the newest they see;
    without the reports demo, the current quarter's report of the first
    commune writing ``report_type()``, opened with the system's draft."""
    from danvan.common.actors import system_actor
    from danvan.datasets.models import Period
    from danvan.reports.models import Report
    from danvan.reports.schedule import reporters
    from danvan.reports.services.reports import open_report

    membership = user.memberships.select_related("area", "body__area").first()
    area = membership.area or membership.body.area
    newest = Report.objects.visible_to(user).order_by("-span_end", "-pk")
    found = newest.filter(area=area).first() or newest.first()
    if found is not None:
        return found
    kind = report_type()
    period = Period.objects.of("quarter", *_quarter())
    body = reporters(kind, period).first()
    assert body is not None, "the demo has communes writing the report"
    return open_report(actor=system_actor(), report_type=kind, period=period, body=body)


def _quarter() -> tuple[int, int]:
    from django.utils import timezone

    today = timezone.localdate()
    return today.year, (today.month - 1) // 3 + 1


def report_type() -> Any:
    """The demo's report type with the longest outline; without the reports
    demo, a quarterly type of tỉnh Lào Cai's Party committee written by its
    communes' (the default outline)."""
    from django.db.models import Count
    from django.utils import timezone

    from danvan.common.actors import system_actor
    from danvan.reports.models import ReportType
    from danvan.reports.services.types import create_report_type
    from danvan.units.models import Area, Body

    found = ReportType.objects.annotate(n=Count("outline")).order_by("-n", "pk").first()
    if found is not None:
        return found
    today = timezone.localdate()
    province = Area.objects.resolve(PROVINCE_CODE, today)
    owner = (
        Body.objects.in_force(today)
        .filter(area=province, kind=Body.Kind.PARTY_COMMITTEE)
        .order_by("pk")
        .first()
    )
    assert owner is not None, "the demo has tỉnh Lào Cai's Party committee"
    return create_report_type(
        actor=system_actor(),
        code="bench-bc-quy-xa",
        name="Báo cáo công tác dân vận quý của xã (bench)",
        owner_body=owner,
        area=province,
        period_type="quarter",
        reporter_level="commune",
        reporter_kinds=[Body.Kind.PARTY_COMMITTEE],
    )


# ---------------------------------------------------------------------------
# Server CPU


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _descendants(pid: int) -> list[int]:
    tree = _children()
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(tree.get(p, []))
    return found


def _backends(database: str) -> list[int]:
    """PostgreSQL backends connected to ``database`` (their title names it)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            title = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        words = title.replace(b"\0", b" ").split()
        if (
            len(words) >= 3
            and words[0] == b"postgres:"
            and words[2] == database.encode()
        ):
            found.append(int(entry))
    return found


def _cpu_ns(pid: int) -> int:
    total = 0
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                total += int(f.read().split()[0])
    except OSError:
        pass
    return total


class ServerCPU:
    """CPU spent by the server: gunicorn's processes and, on PostgreSQL, the
    backends connected to the benchmark's database."""

    def __init__(self, server_pid: int, database: str | None) -> None:
        self.server_pid = server_pid
        self.database = database

    def pids(self) -> list[int]:
        pids = _descendants(self.server_pid)
        if self.database:
            pids += _backends(self.database)
        return pids

    def sample(self) -> dict[int, int]:
        return {pid: _cpu_ns(pid) for pid in self.pids()}

    @staticmethod
    def spent(before: dict[int, int], after: dict[int, int]) -> int:
        return sum(ns - before.get(pid, 0) for pid, ns in after.items())


# ---------------------------------------------------------------------------
# Load


def fetch(port: int, path: str, cookie: str) -> tuple[int, int]:
    conn = http.client.HTTPConnection(HOST, port, timeout=120)
    headers = {
        "Accept-Encoding": "gzip",
        "Accept-Language": "vi",
        "Connection": "close",
    }
    if cookie:
        headers["Cookie"] = cookie
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, len(body)


def load(port: int, path: str, cookie: str, requests: int, concurrency: int) -> None:
    todo = list(range(requests))
    lock = threading.Lock()
    errors: list[str] = []

    def work() -> None:
        while True:
            with lock:
                if not todo or errors:
                    return
                todo.pop()
            status, _size = fetch(port, path, cookie)
            if status != 200:
                with lock:
                    errors.append(f"{path}: HTTP {status}")

    threads = [threading.Thread(target=work) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise SystemExit(errors[0])


def wait_for(port: int, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("danvan serve stopped: see its output above.")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"danvan serve did not answer on port {port}.")


# ---------------------------------------------------------------------------


def session_cookie(user: Any) -> str:
    """A logged-in session for ``user``, as the login page would open it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils.module_loading import import_string

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = next(
        path
        for path in settings.AUTHENTICATION_BACKENDS
        if hasattr(import_string(path), "get_user")
    )
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def count_queries(path: str, cookie: str) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST, HTTP_ACCEPT_LANGUAGE="vi")
    if cookie:
        name, value = cookie.split("=", 1)
        client.cookies[name] = value
    client.get(path)  # warm the caches a served page would have warm
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path}: HTTP {response.status_code}")
    return len(captured)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--db-name", default="danvan_pages")
    parser.add_argument("--port", type=int, default=8610)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="Rounds of --requests per page; the least CPU per request counts.",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        help="Processes writing the register (PostgreSQL: 2; SQLite: 1).",
    )
    parser.add_argument("--only", default="", help="Only pages whose name has this.")
    parser.add_argument(
        "--reuse", action="store_true", help="Keep the register generated before."
    )
    args = parser.parse_args()
    if args.jobs is None or args.db == "sqlite":
        args.jobs = 2 if args.db == "postgres" else 1

    data_dir = Path(tempfile.gettempdir()) / f"danvan-bench-{args.db_name}"
    if not args.reuse and data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {
        "DANVAN_DATA_DIR": str(data_dir),
        "STATIC_ROOT": str(data_dir / "static"),
        "DEBUG": "false",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": HOST,
        "SERVE_TASK_WORKER": "false",
        "TASKS_BACKEND": "immediate",
        "DJANGO_SETTINGS_MODULE": "danvan.settings",
    }
    if args.db == "postgres":
        env["DATABASE_URL"] = PG_URL.format(name=args.db_name)
        from initiatives_stats import fresh_postgres

        fresh_postgres(env["DATABASE_URL"], args.reuse)
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.update(env)
    run(args, env, data_dir)


def run(args: argparse.Namespace, env: dict[str, str], data_dir: Path) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from danvan.accounts.models import User
    from danvan.initiatives.models import Initiative
    from danvan.units.demo import load_demo
    from danvan.units.management.commands.demo import load_app_demos

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    sizes = Sizes.scaled(args.scale)
    if Initiative.objects.count() < sizes.models_country:
        if Initiative.objects.exists() and load_demo() is False and args.reuse:
            sys.exit("The database holds another register: run without --reuse.")
        load_demo()
        load_app_demos()
        generate(sizes, args.seed, args.jobs)
    else:
        log("register kept")
    # Issue 13: the people's apps write their rows when the database has none.
    for module in PEOPLE:
        began = time.perf_counter()
        __import__(module).ensure(args.seed)
        log(f"{module}: ready in {time.perf_counter() - began:.0f} s")
    log(
        f"database: {connection.vendor}; ready in {time.perf_counter() - started:.0f} s"
    )

    users = {label: User.objects.get(username=name) for label, name in USERS.items()}
    cookies = {label: session_cookie(user) for label, user in users.items()}
    contexts = {label: context_for(user) for label, user in users.items()}
    selected = [p for p in PAGES if args.only in p.name]
    plan = [("login", "anonymous", _url("accounts:login"), "")]
    for page in selected:
        for label, user in users.items():
            plan.append(
                (page.name, label, page.url(contexts[label], user), cookies[label])
            )
    queries = {
        (name, label): count_queries(path, cookie) for name, label, path, cookie in plan
    }
    connection.close()

    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "danvan.cli",
            "serve",
            "--workers",
            "2",
            "--bind",
            f"{HOST}:{args.port}",
            "--log-level",
            "warning",
        ],
        env={**os.environ, **env},
        start_new_session=True,
    )
    try:
        wait_for(args.port, server)
        cpu = ServerCPU(server.pid, args.db_name if args.db == "postgres" else None)
        results = []
        for name, label, path, cookie in plan:
            load(args.port, path, cookie, 8, args.concurrency)  # warm-up
            # The least of a few rounds: what the machine did besides the
            # server (another process, the VM) only ever adds to a round.
            rounds = []
            for _round in range(args.rounds):
                before = cpu.sample()
                load(args.port, path, cookie, args.requests, args.concurrency)
                rounds.append(cpu.spent(before, cpu.sample()) / args.requests / 1e6)
            ms = min(rounds)
            results.append((name, label, ms))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    login_ms = results[0][2]
    worst = (0.0, "", "")
    for name, label, ms in results:
        ratio = ms / login_ms
        print(
            f"page {name} {label} queries={queries[(name, label)]} "
            f"cpu_ms={ms:.1f} ratio={ratio:.1f}",
            flush=True,
        )
        if name != "login" and ratio > worst[0]:
            worst = (ratio, name, label)
    print(f"worst ratio {worst[0]:.1f} ({worst[1]} {worst[2]})")
    log(f"finished in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
