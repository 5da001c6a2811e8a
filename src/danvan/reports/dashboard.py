"""Home page items of periodic reports.

- For an approver: the reports waiting for their approval (their units',
  submitted), and, as the level above, for each report type the reports of
  its last period past the deadline that the units below have not sent.
- For a writer: each report their bodies have to write now (the periods
  under way and the last one past its deadline, overdue), unless it was
  submitted already; and their reports returned for correction.

Kept (``reports.kept``) per reader's scope, roles and day until a report or
a report type changes; the writers of a type are read through lineage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from danvan.accounts.roles import Role
from danvan.common.access import may_act_somewhere, scope_for
from danvan.common.dashboard import Count, Item
from danvan.common.rules import own_units
from danvan.datasets import completeness as rates
from danvan.meetings import periods
from danvan.reports import rules
from danvan.reports.kept import FIGURES
from danvan.reports.models import Report, ReportType

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User

Status = Report.Status
# A report is done, for its writers, once it is submitted.
DONE = (Status.SUBMITTED, Status.APPROVED, Status.SENT)


def items(user: User | AnonymousUser) -> list[Item | Count]:
    if not user.is_authenticated:
        return []
    # Everything in one kept figure: a page after the first reads no row.
    found = FIGURES.kept("home", user, _roles(user), lambda: _items(user))
    return [Item(*entry) for entry in found]


def _roles(user: Any) -> tuple[Any, ...]:
    own = own_units(user)
    editor = scope_for(user, Role.EDITOR)
    approver = scope_for(user, Role.APPROVER)
    return (
        tuple(sorted(own.area_ids)),
        tuple(sorted(own.body_ids)),
        (editor.area_paths, editor.body_paths),
        (approver.area_paths, approver.body_paths),
    )


def _list(**params: str) -> str:
    return reverse("reports:list") + "?" + urlencode(params)


def _items(user: User) -> list[tuple[str, int, str, bool]]:
    found: list[tuple[str, int, str, bool]] = []
    if not ReportType.objects.filter(active=True).exists():
        return found
    approver = may_act_somewhere(user, Role.APPROVER)
    editor = may_act_somewhere(user, Role.EDITOR)
    mine = Report.objects.editable_by(user).exclude(rules.judging_q(user))
    counts = Report.objects.visible_to(user).aggregate(
        waiting=models.Count(
            "pk",
            filter=(Q(status=Status.SUBMITTED) & rules.approving_q(user))
            if approver
            else Q(pk__in=[]),
        ),
        returned=models.Count(
            "pk",
            filter=(Q(pk__in=mine.values("pk")) & Q(status=Status.RETURNED))
            if editor
            else Q(pk__in=[]),
        ),
    )
    if approver:
        found.append(
            (
                _("Reports waiting for your approval"),
                counts["waiting"],
                _list(tab="approve"),
                True,
            )
        )
        found += _late_below(user)
    if editor:
        found += _due(user)
        found.append(
            (
                _("Reports returned for correction"),
                counts["returned"],
                _list(tab="mine", status=Status.RETURNED),
                True,
            )
        )
    return found


@dataclass(frozen=True)
class _Period:
    period_type: str
    year: int
    number: int | None
    due_on: dt.date


def _types_near(user: User, role: int) -> list[ReportType]:
    """The active report types (not ad hoc) whose area meets the user's
    units at ``role``: above them or within them (one query)."""
    types = (
        ReportType.objects.filter(active=True)
        .exclude(period_type=periods.CUSTOM)
        .select_related("area")
        .order_by("name", "pk")
    )
    scope = scope_for(user, role)
    if scope.everything or scope.body_paths:
        return list(types)
    return [
        t
        for t in types
        if any(
            p.startswith(t.area.path) or t.area.path.startswith(p)
            for p in scope.area_paths
        )
    ]


def _periods(report_type: ReportType, today: dt.date) -> list[_Period]:
    """The type's periods under way (begun, deadline not passed) and the
    last one past its deadline."""
    from danvan.reports import schedule

    found: list[_Period] = []
    past = None
    for period_type, year, number in rates.recent_periods(
        report_type.period_type, today=today, count=3
    ):
        period = rates.named_period(period_type, year, number)
        due = schedule.due_on(report_type, period)
        if period.start <= today <= due:
            found.append(_Period(period_type, year, number, due))
        elif due < today and past is None:
            past = _Period(period_type, year, number, due)
    return found + ([past] if past else [])


def _due(user: User) -> list[tuple[str, int, str, bool]]:
    """One item per report type and period the user's bodies write now,
    unless submitted already: its deadline, and where to write it."""
    from danvan.reports import schedule

    if user.is_superuser:
        return []  # a superuser belongs to no unit: nothing of theirs to write
    today = timezone.localdate()
    result = []
    writing = rates.reporting_bodies_q(user)
    for report_type in _types_near(user, Role.EDITOR):
        for due in _periods(report_type, today):
            period = rates.named_period(due.period_type, due.year, due.number)
            bodies = list(
                schedule.reporters(report_type, period)
                .filter(writing)
                .values_list("pk", flat=True)
            )
            if not bodies:
                continue
            written: dict[int, tuple[int, str]] = {}
            if period.pk is not None:
                written = {
                    body: (pk, status)
                    for pk, body, status in Report.objects.filter(
                        report_type=report_type, period=period, body_id__in=bodies
                    ).values_list("pk", "body_id", "status")
                }
            left = [b for b in bodies if written.get(b, (0, ""))[1] not in DONE]
            if not left:
                continue
            overdue = due.due_on < today
            words = {
                "type": report_type.name,
                "period": str(period),
                "date": due.due_on.strftime("%d/%m/%Y"),
            }
            if overdue:
                label = _("%(type)s, %(period)s: overdue since %(date)s") % words
            else:
                label = _("%(type)s, %(period)s: due by %(date)s") % words
            if len(left) == 1 and left[0] in written:
                url = reverse("reports:report_detail", args=[written[left[0]][0]])
            else:
                url = (
                    reverse("reports:create")
                    + "?"
                    + urlencode(
                        {
                            "report_type": str(report_type.pk),
                            "period": rates.period_spec(period),
                        }
                    )
                )
            result.append((label, len(left), url, overdue))
    return result


def _late_below(user: User) -> list[tuple[str, int, str, bool]]:
    """Per report type: the reports of its last period past the deadline
    that the units the user judges (not their own) have not sent."""
    from danvan.reports import schedule

    if user.is_superuser:
        return []  # judges every unit: the lists say it all
    own = own_units(user)
    judged = scope_for(user, Role.APPROVER)
    today = timezone.localdate()
    result = []
    for report_type in _types_near(user, Role.APPROVER):
        past = [p for p in _periods(report_type, today) if p.due_on < today]
        if not past:
            continue
        due = past[0]
        period = rates.named_period(due.period_type, due.year, due.number)
        bodies = [
            body
            for body in schedule.reporters(report_type, period).select_related("area")
            if body.area_id not in own.area_ids
            and body.pk not in own.body_ids
            and (
                judged.covers_area_path(body.area.path)
                or judged.covers_body_path(body.path)
            )
        ]
        if not bodies:
            continue
        sent: set[int] = set()
        if period.pk is not None:
            sent = set(
                Report.objects.filter(
                    report_type=report_type,
                    period=period,
                    body_id__in=[b.pk for b in bodies],
                    status=Status.SENT,
                ).values_list("body_id", flat=True)
            )
        count = sum(1 for b in bodies if b.pk not in sent)
        if not count:
            continue
        label = _("%(type)s, %(period)s: reports not sent by the units below") % {
            "type": report_type.name,
            "period": str(period),
        }
        url = _list(
            tab="below",
            report_type=str(report_type.pk),
            period=rates.period_spec(period),
        )
        result.append((label, count, url, True))
    return result
