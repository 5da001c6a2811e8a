"""The legal clocks of a petition: plain dates, no database.

- Working days skip Saturdays, Sundays and Vietnam's public holidays as the
  ``holidays`` package keeps them (Tết, Giỗ Tổ Hùng Vương, 30/4, 1/5, 2/9 and
  the days off the Government moves, whose Saturdays worked in exchange are
  working days), never a hand-typed list.
- A count "within N days from a date" ends N days after it; a count of
  calendar days whose last day is a weekend or a holiday ends on the next
  working day (Bộ luật Dân sự 2015, Điều 148).
- ``deadlines(facts, rules)`` gives each deadline of a petition from the rules
  of the set in force when it was received (``Rule``, read from the
  ``ClockRule`` rows): a rule counted from a date not yet known has no due
  date.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import holidays

# The steps, starts and kinds, as the ``ClockRule`` and ``Petition`` columns
# store them (kept here as text so that this module imports no model).
COMPLAINT = "complaint"
DENUNCIATION = "denunciation"
RECOMMENDATION = "recommendation"
FEEDBACK = "feedback"

TIME_BAR = "time_bar"
ACCEPTANCE = "acceptance"
FIRST_DECISION = "first_decision"
SECOND_COMPLAINT = "second_complaint"
SECOND_DECISION = "second_decision"
DECISION = "decision"
EXTENSION = "extension"
ANSWER = "answer"

# Steps the citizen takes (the body owes nothing by them): never counted in
# the petition's next deadline, never "overdue" when they simply lapse.
CITIZEN_STEPS = frozenset({TIME_BAR, SECOND_COMPLAINT})

# The steps each kind of petition runs through, in order.
STEPS: dict[str, tuple[str, ...]] = {
    COMPLAINT: (
        TIME_BAR,
        ACCEPTANCE,
        FIRST_DECISION,
        SECOND_COMPLAINT,
        SECOND_DECISION,
    ),
    DENUNCIATION: (ACCEPTANCE, DECISION),
    RECOMMENDATION: (ANSWER,),
    FEEDBACK: (ANSWER,),
}
# The steps each kind's rules must give (an extension is needed by a
# denunciation); ``validate`` checks a set against it.
REQUIRED: dict[str, tuple[str, ...]] = {
    **STEPS,
    DENUNCIATION: (ACCEPTANCE, DECISION, EXTENSION),
}


@cache
def _calendar(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """The year's holidays, and the weekend days worked instead of a day off
    the Government moved (the package's ``weekend_workdays``)."""
    days = holidays.country_holidays("VN", years=year)
    worked = frozenset(getattr(days, "weekend_workdays", ()) or ())
    return frozenset(days.keys()), frozenset(d for d in worked if d.year == year)


def is_holiday(day: dt.date) -> bool:
    """Is ``day`` one of Vietnam's public holidays (days off included)?"""
    return day in _calendar(day.year)[0]


def holiday_name(day: dt.date) -> str:
    """The holiday's name as the package gives it, or ""."""
    return str(holidays.country_holidays("VN", years=day.year).get(day) or "")


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday, not a public holiday; or a Saturday worked in
    exchange for a day off (22/8/2026 for 31/8/2026)."""
    off, worked = _calendar(day.year)
    if day in worked:
        return True
    return day.weekday() < 5 and day not in off


def next_working_day(day: dt.date) -> dt.date:
    """``day`` itself when it is a working day, else the next one."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def add_days(start: dt.date, days: int, working: bool) -> dt.date:
    """The last day of a count of ``days`` from ``start`` (the day after it
    is the first): working days skip weekends and holidays; calendar days
    ending on a day off end on the next working day."""
    if not working:
        return next_working_day(start + dt.timedelta(days=days))
    day = start
    left = days
    while left > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


@dataclass(frozen=True)
class Rule:
    """One legal deadline of a set (a ``ClockRule`` row, as plain data)."""

    kind: str
    step: str
    start: str
    days: int
    working: bool = False
    remote: bool = False
    complex_case: bool = False
    times: int = 1
    basis: str = ""
    label: str = ""

    @classmethod
    def of(cls, row: Any) -> Rule:
        """The rule of a ``ClockRule`` row (or anything with its columns)."""
        return cls(
            kind=row.kind,
            step=row.step,
            start=row.start,
            days=row.days,
            working=row.day_kind == "working",
            remote=row.remote,
            complex_case=row.complex_case,
            times=row.times,
            basis=row.basis,
            label=row.get_step_display(),
        )


@dataclass(frozen=True)
class Facts:
    """What the clocks read of a petition."""

    kind: str
    received_on: dt.date
    act_on: dt.date | None = None
    accepted_on: dt.date | None = None
    decided_on: dt.date | None = None
    second_received_on: dt.date | None = None
    second_decided_on: dt.date | None = None
    answered_on: dt.date | None = None
    # The day the handling body got it, when another body forwarded it to
    # it: its clocks from receipt count from then.
    handed_on: dt.date | None = None
    # The day the petition stopped (refused, closed, withdrawn, forwarded
    # away): the clocks not met by then stop with it.
    stopped_on: dt.date | None = None
    remote: bool = False
    complex_case: bool = False
    extensions: int = 0

    @classmethod
    def of(cls, petition: Any, handed_on: dt.date | None = None) -> Facts:
        """The facts of a ``Petition`` row (or anything with its columns);
        ``handed_on``: the date of its last forwarding, if any."""
        stopped = None
        if petition.status in ("refused", "closed", "withdrawn"):
            stopped = petition.closed_on or petition.received_on
        return cls(
            kind=petition.kind,
            received_on=petition.received_on,
            act_on=petition.act_on,
            accepted_on=petition.accepted_on,
            decided_on=petition.decided_on,
            second_received_on=petition.second_received_on,
            second_decided_on=petition.second_decided_on,
            answered_on=petition.answered_on,
            handed_on=handed_on,
            stopped_on=stopped,
            remote=petition.remote,
            complex_case=petition.complex_case,
            extensions=petition.extensions,
        )


@dataclass(frozen=True)
class Deadline:
    """One deadline of a petition: when it falls, when the step was done."""

    step: str
    label: str
    due_on: dt.date | None
    done_on: dt.date | None
    basis: str
    # The citizen's own time (to complain, to complain again), not the body's.
    citizen: bool = False
    # The petition stopped (refused, closed…) before the step was done.
    stopped: bool = False

    @property
    def running(self) -> bool:
        """Is the body still owing this step (due, not done, not stopped)?"""
        return (
            self.due_on is not None
            and self.done_on is None
            and not self.stopped
            and not self.citizen
        )

    def days_left(self, today: dt.date) -> int | None:
        """Calendar days from ``today`` to the due date (negative once
        passed); None when there is no running clock."""
        if not self.running or self.due_on is None:
            return None
        return (self.due_on - today).days

    def overdue(self, today: dt.date) -> bool:
        """Done after its due date, or still owed after it."""
        if self.due_on is None:
            return False
        if self.done_on is not None:
            return self.done_on > self.due_on
        return self.running and today > self.due_on


def pick(
    rules: Iterable[Rule], kind: str, step: str, *, remote: bool, complex_case: bool
) -> Rule | None:
    """The rule of ``kind`` and ``step`` for the case: the one written for its
    conditions (remote, complex), else the nearest (remote alone, complex
    alone, the plain rule)."""
    found = {
        (r.remote, r.complex_case): r
        for r in rules
        if r.kind == kind and r.step == step
    }
    for key in (
        (remote, complex_case),
        (remote, False),
        (False, complex_case),
        (False, False),
    ):
        if key in found:
            return found[key]
    return None


def _starts(facts: Facts, first_due: dt.date | None) -> dict[str, dt.date | None]:
    return {
        "act": facts.act_on,
        "received": facts.handed_on or facts.received_on,
        "accepted": facts.accepted_on,
        # After the first decision or, when none was made, its deadline.
        "first_decision": facts.decided_on or first_due,
        "second_received": facts.second_received_on,
    }


def _done(facts: Facts, step: str) -> dt.date | None:
    return {
        TIME_BAR: facts.received_on,
        ACCEPTANCE: facts.accepted_on,
        FIRST_DECISION: facts.decided_on,
        SECOND_COMPLAINT: facts.second_received_on,
        SECOND_DECISION: facts.second_decided_on,
        DECISION: facts.decided_on,
        ANSWER: facts.answered_on,
    }.get(step)


def deadlines(facts: Facts, rules: Sequence[Rule]) -> list[Deadline]:
    """Each deadline of the petition, in the order of its steps."""
    result: list[Deadline] = []
    first_due: dt.date | None = None
    for step in STEPS.get(facts.kind, ()):
        rule = pick(
            rules,
            facts.kind,
            step,
            remote=facts.remote,
            complex_case=facts.complex_case,
        )
        if rule is None:
            continue
        start = _starts(facts, first_due)[rule.start]
        due = add_days(start, rule.days, rule.working) if start else None
        basis = rule.basis
        if step == DECISION and due is not None and facts.extensions:
            extension = pick(
                rules,
                facts.kind,
                EXTENSION,
                remote=facts.remote,
                complex_case=facts.complex_case,
            )
            if extension is not None:
                times = min(facts.extensions, extension.times)
                for _ in range(times):
                    due = add_days(due, extension.days, extension.working)
                basis = f"{basis}; {extension.basis}"
        if step == FIRST_DECISION:
            first_due = due
        done = _done(facts, step)
        stopped = (
            done is None and facts.stopped_on is not None and step not in CITIZEN_STEPS
        )
        result.append(
            Deadline(
                step=step,
                label=rule.label or step,
                due_on=due,
                done_on=done,
                basis=basis,
                citizen=step in CITIZEN_STEPS,
                stopped=stopped,
            )
        )
    return result


def next_due(items: Iterable[Deadline]) -> dt.date | None:
    """The earliest due date the body still owes, or None."""
    dates = [d.due_on for d in items if d.running and d.due_on is not None]
    return min(dates) if dates else None


def max_extensions(rules: Iterable[Rule], facts: Facts) -> int:
    """How many times the decision on a denunciation may be extended."""
    rule = pick(
        rules,
        facts.kind,
        EXTENSION,
        remote=facts.remote,
        complex_case=facts.complex_case,
    )
    return rule.times if rule is not None else 0


@dataclass(frozen=True)
class Span:
    """A set's dates, to check a list of sets for gaps and overlaps."""

    name: str
    valid_from: dt.date
    valid_to: dt.date | None


def span_problems(spans: Sequence[Span]) -> list[tuple[str, Span, Span | None]]:
    """The gaps and overlaps between consecutive sets: ("gap" | "overlap" |
    "order", the set, the next one); the last set may stay open."""
    problems: list[tuple[str, Span, Span | None]] = []
    ordered = sorted(spans, key=lambda s: s.valid_from)
    for span in ordered:
        if span.valid_to is not None and span.valid_to < span.valid_from:
            problems.append(("order", span, None))
    for span, following in itertools.pairwise(ordered):
        end = span.valid_to
        if end is None or end >= following.valid_from:
            problems.append(("overlap", span, following))
        elif end + dt.timedelta(days=1) < following.valid_from:
            problems.append(("gap", span, following))
    return problems


def missing_rules(rules: Iterable[Rule]) -> list[tuple[str, str]]:
    """The (kind, step) pairs a set gives no plain rule for."""
    plain = {(r.kind, r.step) for r in rules if not r.remote and not r.complex_case}
    return [
        (kind, step)
        for kind, steps in REQUIRED.items()
        for step in steps
        if (kind, step) not in plain
    ]
