"""The statistics of dialogues as the reports write them, and the leaders'
obligations against what they held.

For an area (its lineage: the rows of the communes merged into it count)
and a span of dates, over the rows the reader sees (the system actor, for
the command, sees every row):

- dialogues held, opinions raised, the share answered at the dialogue,
  assignments answered since, overdue (past due, unanswered) and waiting:
  one grouped query over the dialogues with their opinions;
- per leader body (the Party committees and People's Committees of the area
  and below, in force during the span): the days owed each month by the rule
  in force on the month's first day (``obligations``), summed over the months
  of the span up to today, against the days held: for a Party committee's
  secretary (Quy định 11-QĐi/TW, Kết luận 215-KL/TW: receiving citizens and
  holding direct dialogues) the days of its dialogues and its reception days;
  for a People's Committee's chair (Luật Tiếp công dân) its reception days.
  One grouped query per register (dialogues, reception days) by body and
  month.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from danvan.common import clock, tree
from danvan.common.actors import is_system
from danvan.dialogues import obligations, services
from danvan.dialogues.models import Issue, ObligationRule, Reception, Session
from danvan.units.lineage import lineage_paths
from danvan.units.models import Area, Body

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User

# The bodies whose leaders the rules bind.
LEADER_KINDS = (Body.Kind.PARTY_COMMITTEE, Body.Kind.PEOPLES_COMMITTEE)
LEVEL_ORDER = {"province": 0, "district": 1, "commune": 2, "village": 3}


@dataclass
class Duty:
    """What one body's leader owed and held over the span."""

    body_id: int
    body: str
    area: str
    level: str
    leader: str
    duty: str
    basis: str
    months: int = 0
    owed: Decimal = Decimal(0)
    sessions: int = 0
    receptions: int = 0

    @property
    def held(self) -> int:
        """The days counted against the duty."""
        if self.duty == ObligationRule.Duty.DIALOGUE:
            return self.sessions + self.receptions
        return self.receptions

    @property
    def owed_days(self) -> int:
        """The days owed, rounded half up (a week is 4.33 days a month)."""
        return int(self.owed.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def short(self) -> int:
        return max(0, self.owed_days - self.held)

    @property
    def met(self) -> bool:
        return self.held >= self.owed_days


@dataclass
class Month:
    month: dt.date
    owed: Decimal = Decimal(0)
    held: int = 0


@dataclass
class Stats:
    area: Area
    start: dt.date
    end: dt.date
    sessions: int = 0
    ad_hoc: int = 0
    participants: int = 0
    opinions: int = 0
    answered: int = 0
    assigned: int = 0
    done: int = 0
    overdue: int = 0
    waiting: int = 0
    reception_days: int = 0
    citizens: int = 0
    duties: list[Duty] = field(default_factory=list)
    months: list[Month] = field(default_factory=list)

    @property
    def answered_share(self) -> Decimal | None:
        """The share (per cent) of the opinions answered at the dialogue."""
        if not self.opinions:
            return None
        return (Decimal(100) * self.answered / self.opinions).quantize(Decimal("0.1"))

    @property
    def done_share(self) -> Decimal | None:
        """The share (per cent) of the assignments answered since."""
        if not self.assigned:
            return None
        return (Decimal(100) * self.done / self.assigned).quantize(Decimal("0.1"))


def _in_area(paths: list[str], field: str) -> Q:
    return tree.subtree_q(paths, field=field)


def sessions_in(
    user: User | AnonymousUser, paths: list[str], start: dt.date, end: dt.date
) -> Any:
    """The dialogues the reader sees, held in ``paths`` (an area's lineage)
    in the span."""
    rows = (
        Session.objects.all() if is_system(user) else Session.objects.visible_to(user)
    )
    return rows.filter(
        _in_area(paths, "area_path"), held_on__gte=start, held_on__lte=end
    )


def receptions_in(
    user: User | AnonymousUser, paths: list[str], start: dt.date, end: dt.date
) -> Any:
    """The reception days the reader sees, of the bodies in ``paths``, in
    the span."""
    rows = (
        Reception.objects.all()
        if is_system(user)
        else Reception.objects.visible_to(user)
    )
    return rows.filter(
        _in_area(paths, "body__area__path"), held_on__gte=start, held_on__lte=end
    )


def compute(
    *,
    user: User | AnonymousUser,
    area: Area,
    start: dt.date,
    end: dt.date,
    today: dt.date | None = None,
) -> Stats:
    """The statistics of ``area`` from ``start`` to ``end`` for ``user``."""
    today = today or clock.today()
    stats = Stats(area=area, start=start, end=end)
    paths = lineage_paths([area.path])
    sessions = sessions_in(user, paths, start, end)
    late = Q(issues__status=Issue.Status.ASSIGNED, issues__due_on__lt=today)
    figures = sessions.aggregate(
        sessions=Count("pk", distinct=True),
        ad_hoc=Count("pk", distinct=True, filter=Q(kind=Session.Kind.AD_HOC)),
        opinions=Count("issues"),
        answered=Count("issues", filter=Q(issues__status=Issue.Status.ANSWERED)),
        assigned=Count("issues", filter=~Q(issues__status=Issue.Status.ANSWERED)),
        done=Count("issues", filter=Q(issues__status=Issue.Status.DONE)),
        overdue=Count("issues", filter=late),
    )
    for name, value in figures.items():
        setattr(stats, name, value or 0)
    stats.waiting = stats.assigned - stats.done
    # Held per body and month: one grouped query per register, which sums
    # the participants and citizens too.
    held: dict[tuple[int, dt.date], list[int]] = defaultdict(lambda: [0, 0])
    for row in _by_month(sessions, "participants"):
        held[(row["body_id"], _month(row["month"]))][0] = row["days"]
        stats.participants += row["people"] or 0
    receptions = receptions_in(user, paths, start, end)
    for row in _by_month(receptions, "citizens"):
        held[(row["body_id"], _month(row["month"]))][1] = row["days"]
        stats.reception_days += row["days"]
        stats.citizens += row["people"] or 0
    stats.duties, stats.months = _duties(paths, start, min(end, today), held)
    return stats


def _by_month(rows: Any, people: str) -> Any:
    """The days held per body and month, with the sum of ``people``."""
    return (
        rows.order_by()
        .annotate(month=TruncMonth("held_on"))
        .values("body_id", "month")
        .annotate(days=Count("held_on", distinct=True), people=Sum(people))
    )


def _month(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date().replace(day=1)
    return value.replace(day=1)  # type: ignore[no-any-return]


def _duties(
    paths: list[str],
    start: dt.date,
    end: dt.date,
    held: dict[tuple[int, dt.date], list[int]],
) -> tuple[list[Duty], list[Month]]:
    """The owed and held days of each leader body in ``paths``."""
    rules = services.current_rules()
    held_ids = {body_id for body_id, _month in held}
    bodies = list(
        Body.objects.filter(
            (
                _in_area(paths, "area__path")
                & Q(kind__in=LEADER_KINDS)
                & (Q(valid_from__isnull=True) | Q(valid_from__lte=end))
                & (Q(valid_to__isnull=True) | Q(valid_to__gte=start))
            )
            | Q(pk__in=held_ids)
        ).select_related("area")
    )
    months = obligations.months(start, end) if start <= end else []
    found: dict[tuple[int, str], Duty] = {}
    totals = {month: Month(month) for month in months}
    # The rules in force on each month's first day.
    by_month = {
        month: list(obligations.in_force(rules, month).values()) for month in months
    }
    for body in bodies:
        level = body.area.level
        for month in months:
            last = (month + dt.timedelta(days=32)).replace(day=1) - obligations.ONE_DAY
            if (body.valid_from and body.valid_from > last) or (
                body.valid_to and body.valid_to < month
            ):
                continue
            sessions, receptions = held.get((body.pk, month), (0, 0))
            for rule in by_month[month]:
                if rule.level != level or rule.body_kind != body.kind:
                    continue
                duty = found.get((body.pk, rule.duty))
                if duty is None:
                    duty = found[(body.pk, rule.duty)] = Duty(
                        body_id=body.pk,
                        body=body.name,
                        area=body.area.full_name,
                        level=level,
                        leader=rule.leader,
                        duty=rule.duty,
                        basis=rule.basis,
                    )
                elif rule.basis not in duty.basis:
                    duty.basis = f"{duty.basis}; {rule.basis}"
                duty.months += 1
                duty.owed += rule.per_month
                duty.sessions += sessions
                duty.receptions += receptions
                totals[month].owed += rule.per_month
                totals[month].held += (
                    sessions + receptions
                    if rule.duty == ObligationRule.Duty.DIALOGUE
                    else receptions
                )
    duties = sorted(
        found.values(),
        key=lambda d: (LEVEL_ORDER.get(d.level, 9), d.area, d.body, d.duty),
    )
    return duties, list(totals.values())


def year_span(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)
