"""Completeness and timeliness of a form's period (DHIS2's "reporting rate").

For a form × period × parent area: every body that reports it
(``datasets.reporters.reporters``, through lineage) and where its figures are:

- ``on_time``: submitted (or accepted) by the deadline;
- ``late``: first submitted after the deadline;
- ``returned``: returned by the level above, to be corrected;
- ``draft``: being entered, the deadline not passed yet;
- ``missing``: nothing submitted (no submission, or a draft past the deadline).

Two queries whatever the size (the reporting bodies, then the submissions of
the form's period), grouped in Python: the whole country's 3,321 communes are
one page. Only what the reader sees is counted (``visible_to``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.roles import Role
from danvan.common import tree
from danvan.common.actors import is_system
from danvan.datasets import periods as cutoffs
from danvan.datasets.models import Period, Submission
from danvan.datasets.reporters import reporters
from danvan.meetings import periods
from danvan.units.lineage import lineage_paths
from danvan.units.models import Area

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django_stubs_ext import StrOrPromise

    from danvan.accounts.models import User
    from danvan.datasets.models import ReportForm

ON_TIME, LATE, MISSING, RETURNED, DRAFT = (
    "on_time",
    "late",
    "missing",
    "returned",
    "draft",
)
STATUSES = (ON_TIME, LATE, RETURNED, DRAFT, MISSING)
STATUS_LABELS: dict[str, StrOrPromise] = {
    ON_TIME: _("on time"),
    LATE: _("late"),
    RETURNED: _("returned"),
    DRAFT: _("being entered"),
    MISSING: _("not submitted"),
}


@dataclass(frozen=True)
class Row:
    """One reporting body and where its figures are."""

    body_id: int
    body_name: str
    area_id: int
    area_name: str
    area_path: str
    # The path of the sub-area of the parent the body lies in (drill down).
    group: str
    due_on: dt.date
    status: str
    submission_id: int | None = None
    # The submission's own status ("" without one): submitted, accepted…
    submission_status: str = ""
    submitted_at: dt.datetime | None = None

    @property
    def label(self) -> StrOrPromise:
        return STATUS_LABELS[self.status]

    @property
    def submission_label(self) -> StrOrPromise:
        if not self.submission_status:
            return ""
        return Submission.Status(self.submission_status).label


@dataclass
class Totals:
    """Counts by status, with the rates reports quote."""

    total: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))

    def add(self, row: Row) -> None:
        self.total += 1
        self.counts[row.status] += 1

    @property
    def submitted(self) -> int:
        return self.counts[ON_TIME] + self.counts[LATE]

    def percent(self, count: int) -> float | None:
        return round(100 * count / self.total, 1) if self.total else None

    @property
    def submitted_percent(self) -> float | None:
        return self.percent(self.submitted)

    @property
    def on_time_percent(self) -> float | None:
        return self.percent(self.counts[ON_TIME])

    def __getattr__(self, name: str) -> Any:
        # ``totals.late`` in templates.
        counts = self.__dict__.get("counts", {})
        if name in counts:
            return counts[name]
        raise AttributeError(name)


@dataclass
class Group:
    """A sub-area of the parent with its counts (the drill-down table)."""

    path: str
    area_id: int | None
    name: str
    totals: Totals = field(default_factory=Totals)


def status_of(
    submission: dict[str, Any] | None, due_on: dt.date, today: dt.date
) -> str:
    """The completeness status of a body's submission (values of its row)."""
    if submission is None:
        return MISSING
    status = submission["status"]
    if status == Submission.Status.RETURNED:
        return RETURNED
    if status == Submission.Status.DRAFT:
        return DRAFT if today <= due_on else MISSING
    submitted = submission["submitted_at"]
    if submitted is not None and timezone.localtime(submitted).date() > due_on:
        return LATE
    return ON_TIME


def _group_of(path: str, roots: Sequence[str]) -> str:
    for root in roots:
        if path.startswith(root):
            return path[: len(root) + tree.SEGMENT] if len(path) > len(root) else root
    return path


def completeness(
    form: ReportForm,
    period: Period,
    parent: Area | None,
    user: User | AnonymousUser,
    *,
    today: dt.date | None = None,
) -> list[Row]:
    """Every body that reports ``form`` for ``period`` under ``parent`` (the
    form's area if None) that ``user`` sees, with its status."""
    today = today or timezone.localdate()
    root = parent or form.area
    roots = sorted(lineage_paths([root.path]), key=len, reverse=True)
    # The system (commands) sees everything.
    system = is_system(user)
    bodies = reporters(form, period, under=parent)
    if not system:
        bodies = bodies.visible_to(user)
    found: dict[int, dict[str, Any]] = {}
    if period.pk is not None:
        seen = (
            Submission.objects.all() if system else Submission.objects.visible_to(user)
        )
        submissions = (
            seen.filter(form=form, period=period)
            .filter(tree.subtree_q(roots, field="area_path"))
            .values("pk", "body_id", "status", "submitted_at", "due_on")
        )
        found = {s["body_id"]: dict(s) for s in submissions}
    due = cutoffs.due_on(form, period)
    rows = []
    for pk, name, area_id, area_name, area_path in bodies.values_list(
        "pk", "name", "area_id", "area__full_name", "area__path"
    ):
        submission = found.get(pk)
        due_on = submission["due_on"] if submission else due
        rows.append(
            Row(
                body_id=pk,
                body_name=name,
                area_id=area_id,
                area_name=area_name,
                area_path=area_path,
                group=_group_of(area_path, roots),
                due_on=due_on,
                status=status_of(submission, due_on, today),
                submission_id=submission["pk"] if submission else None,
                submission_status=submission["status"] if submission else "",
                submitted_at=submission["submitted_at"] if submission else None,
            )
        )
    return rows


def totals(rows: Iterable[Row]) -> Totals:
    result = Totals()
    for row in rows:
        result.add(row)
    return result


def groups(rows: Sequence[Row]) -> list[Group]:
    """The rows counted by sub-area of the parent, in tree order (one query
    for the sub-areas' names)."""
    by_path: dict[str, Group] = {}
    for row in rows:
        group = by_path.get(row.group)
        if group is None:
            group = by_path[row.group] = Group(path=row.group, area_id=None, name="")
        group.totals.add(row)
    if by_path:
        for pk, path, name in Area.objects.filter(path__in=list(by_path)).values_list(
            "pk", "path", "full_name"
        ):
            by_path[path].area_id = pk
            by_path[path].name = name
    return [by_path[path] for path in sorted(by_path)]


# --- periods named in a query string or a command ---------------------------------

_SPEC = re.compile(r"^(?P<type>[a-z0-9]+):(?P<year>\d{4})(?::(?P<number>\d{1,2}))?$")


def parse_period(text: str) -> tuple[str, int, int | None] | None:
    """``quarter:2026:1`` → ("quarter", 2026, 1); None for anything else."""
    match = _SPEC.match((text or "").strip())
    if match is None:
        return None
    period_type = match["type"]
    year = int(match["year"])
    number = int(match["number"]) if match["number"] else None
    try:
        periods.resolve_period(period_type, year, number)
    except periods.PeriodError:
        return None
    return period_type, year, number


def period_spec(period: Period) -> str:
    if period.number:
        return f"{period.type}:{period.year}:{period.number}"
    return f"{period.type}:{period.year}"


def named_period(period_type: str, year: int, number: int | None) -> Period:
    """The period's row, or an unsaved one when nothing was reported for it
    yet (a read writes nothing)."""
    start, end = periods.resolve_period(period_type, year, number)
    found = Period.objects.filter(type=period_type, start=start, end=end).first()
    if found is not None:
        return found
    return Period(type=period_type, year=year, number=number, start=start, end=end)


def _back(period_type: str, year: int, number: int | None) -> tuple[int, int | None]:
    if period_type == periods.MONTH and number:
        return (year - 1, 12) if number == 1 else (year, number - 1)
    if period_type == periods.QUARTER and number:
        return (year - 1, 4) if number == 1 else (year, number - 1)
    return year - 1, number


def _containing(period_type: str, on: dt.date) -> tuple[int, int | None]:
    if period_type == periods.MONTH:
        return on.year, on.month
    if period_type == periods.QUARTER:
        return on.year, (on.month - 1) // 3 + 1
    return on.year, None


def recent_periods(
    period_type: str, *, today: dt.date | None = None, count: int = 8
) -> list[tuple[str, int, int | None]]:
    """The period of ``period_type`` that holds ``today`` (for a cumulative
    one, this year's) and those before it, newest first (none for ad hoc
    spans)."""
    if period_type == periods.CUSTOM:
        return []
    today = today or timezone.localdate()
    year, number = _containing(period_type, today)
    found = []
    for _i in range(count):
        found.append((period_type, year, number))
        year, number = _back(period_type, year, number)
    return found


def due_periods(
    form: ReportForm, *, today: dt.date | None = None
) -> list[tuple[str, int, int | None]]:
    """The periods of ``form`` whose figures are due now: begun, and their
    deadline not passed (the quarter under way; the one before it until its
    deadline)."""
    today = today or timezone.localdate()
    found = []
    for period_type, year, number in recent_periods(form.period_type, today=today)[:2]:
        start, end = periods.resolve_period(period_type, year, number)
        span_end = cutoffs.cutoff_span(form.cutoff_day, period_type, start, end)[1]
        due = span_end + dt.timedelta(days=form.deadline_days)
        if start <= today <= due:
            found.append((period_type, year, number))
    return found


# --- what a unit has to report now ----------------------------------------------


def forms_near(user: User | AnonymousUser, role: int) -> list[ReportForm]:
    """The active forms (not ad hoc) whose area meets the user's units at
    ``role``: above them or within them (one query). Every form when the
    user's scope is everything or holds bodies (a body's reports may be of
    any form naming its kind)."""
    from danvan.common.access import scope_for
    from danvan.datasets.models import ReportForm

    forms = (
        ReportForm.objects.filter(active=True)
        .exclude(period_type=periods.CUSTOM)
        .select_related("area")
        .order_by("name", "pk")
    )
    scope = scope_for(user, role)
    if scope.everything or scope.body_paths:
        return list(forms)
    return [
        form
        for form in forms
        if any(
            p.startswith(form.area.path) or form.area.path.startswith(p)
            for p in scope.area_paths
        )
    ]


@dataclass(frozen=True)
class Due:
    """A report a body of the user's units has to send now (or correct)."""

    form_id: int
    form_name: str
    period_type: str
    year: int
    number: int | None
    period_id: int | None
    body_id: int
    body_name: str
    due_on: dt.date
    submission_id: int | None
    status: str

    @property
    def overdue(self) -> bool:
        """Its deadline has passed (the last period's report, still unsent)."""
        return self.due_on < timezone.localdate()

    @property
    def period_label(self) -> str:
        return periods.period_label(self.period_type, self.year, self.number)


def reporting_bodies_q(user: User | AnonymousUser) -> Q:
    """Bodies the user enters figures for: editor over them, not judging them
    from the level above (a province approver does not report its communes')."""
    from danvan.common.access import unit_scope
    from danvan.common.rules import own_units

    if not user.is_authenticated:
        return Q(pk__in=[])
    editor = unit_scope(user, area="area__", body="", min_role=Role.EDITOR)
    judged = unit_scope(user, area="area__", body="", min_role=Role.APPROVER)
    if user.is_superuser:
        return Q(pk__in=[])
    own = own_units(user)
    mine = Q(area_id__in=own.area_ids) | Q(pk__in=own.body_ids)
    return editor & (mine | ~judged)


def due_for(user: User | AnonymousUser, *, today: dt.date | None = None) -> list[Due]:
    """The reports the user's bodies have to send now: every active form's
    periods under way (begun, deadline not passed) and its last period past
    its deadline (overdue), for each body of theirs that reports it and has
    not submitted yet (nothing, a draft, or returned)."""
    from danvan.common.access import may_edit_somewhere

    if not may_edit_somewhere(user) or user.is_superuser:
        return []  # a superuser belongs to no unit: nothing of theirs to send
    today = today or timezone.localdate()
    found: list[Due] = []
    for form in forms_near(user, Role.EDITOR):
        under_way = due_periods(form, today=today)
        recent = recent_periods(form.period_type, today=today, count=3)
        past = [p for p in recent if p not in under_way][:1]
        for period_type, year, number in under_way + past:
            period = named_period(period_type, year, number)
            bodies = list(
                reporters(form, period)
                .filter(reporting_bodies_q(user))
                .values_list("pk", "name")
            )
            if not bodies:
                continue
            sent: dict[int, tuple[int, str]] = {}
            if period.pk is not None:
                sent = {
                    body: (pk, status)
                    for pk, body, status in Submission.objects.filter(
                        form=form, period=period, body_id__in=[b for b, _n in bodies]
                    ).values_list("pk", "body_id", "status")
                }
            due = cutoffs.due_on(form, period)
            for body, name in bodies:
                submission, status = sent.get(body, (None, ""))
                if status in (Submission.Status.SUBMITTED, Submission.Status.ACCEPTED):
                    continue
                found.append(
                    Due(
                        form.pk,
                        form.name,
                        period_type,
                        year,
                        number,
                        period.pk,
                        body,
                        name,
                        due,
                        submission,
                        status,
                    )
                )
    return found
