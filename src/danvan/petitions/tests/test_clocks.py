"""The legal clocks against dates counted by hand on the 2026 calendar.

Holidays of 2026 (the ``holidays`` package): Tết from Mon 16/2 (the eve) to
Fri 20/2 (17/2 is the first day of the year of the Horse); 31/8 (a day off
moved from Sat 22/8), 1/9 and 2/9. Days are counted from the day after the
start; a count of calendar days ending on a day off ends on the next working
day (Bộ luật Dân sự 2015, Điều 148).
"""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from danvan.petitions import clocks
from danvan.petitions.clocks import Deadline, Facts, Rule

D = dt.date


def test_a_saturday_worked_for_a_day_off() -> None:
    assert clocks.is_holiday(D(2026, 8, 31))
    assert clocks.is_working_day(D(2026, 8, 22))
    assert not clocks.is_working_day(D(2026, 8, 29))


def test_the_clocks_are_a_plain_module() -> None:
    # No Django, no model: the rules come in as plain data.
    tree = ast.parse(Path(clocks.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    }
    assert not any(name.startswith(("django", "danvan")) for name in imported)
    assert "holidays" in imported


def test_tet_2026_is_a_holiday_from_the_package() -> None:
    assert clocks.is_holiday(D(2026, 2, 17))
    assert not clocks.is_working_day(D(2026, 2, 17))
    assert "Lunar New Year" in clocks.holiday_name(D(2026, 2, 17))
    assert clocks.is_working_day(D(2026, 2, 23))  # Monday after Tết
    assert not clocks.is_working_day(D(2026, 2, 21))  # Saturday
    assert clocks.holiday_name(D(2026, 2, 23)) == ""


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # Thu 1/10/2026 + 7 working days: Fri 2, Mon 5 … Fri 9, Mon 12/10.
        (D(2026, 10, 1), 7, D(2026, 10, 12)),
        # Fri 13/2/2026, just before Tết: Mon 16 – Fri 20 are Tết, 21–22 a
        # weekend; Mon 23 (1) … Fri 27 (5), Mon 2/3 (6), Tue 3/3 (7).
        (D(2026, 2, 13), 7, D(2026, 3, 3)),
        # Tue 30/6/2026: Wed 1/7 (1), Thu 2, Fri 3, Mon 6, Tue 7, Wed 8, Thu 9/7.
        (D(2026, 6, 30), 7, D(2026, 7, 9)),
        # Wed 1/7/2026: Thu 2 (1) … Fri 10/7 (7).
        (D(2026, 7, 1), 7, D(2026, 7, 10)),
        # Thu 27/8/2026: Fri 28 (1); 31/8, 1/9, 2/9 off; Thu 3 (2) … Thu 10/9.
        (D(2026, 8, 27), 7, D(2026, 9, 10)),
        # Thu 20/8/2026: Fri 21 (1), Sat 22 worked for Mon 31/8 (2), Mon 24
        # (3) … Fri 28/8 (7).
        (D(2026, 8, 20), 7, D(2026, 8, 28)),
        # 15 working days from Thu 24/12/2026: 1/1/2027 is a holiday.
        # Fri 25 (1), Mon 28 – Thu 31 (5), Mon 4/1 (6) … Fri 15/1 (15).
        (D(2026, 12, 24), 15, D(2027, 1, 15)),
        (D(2026, 10, 1), 0, D(2026, 10, 1)),
    ],
)
def test_working_days(start: dt.date, days: int, due: dt.date) -> None:
    assert clocks.add_days(start, days, working=True) == due


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # Mon 5/10/2026 + 10 = Thu 15/10.
        (D(2026, 10, 5), 10, D(2026, 10, 15)),
        # Thu 1/10/2026 + 10 = Sun 11/10: the count ends Mon 12/10.
        (D(2026, 10, 1), 10, D(2026, 10, 12)),
        # Sat 7/2/2026 + 10 = Tue 17/2, the first day of Tết: the next
        # working day is Mon 23/2 (18–20 Tết, 21–22 a weekend).
        (D(2026, 2, 7), 10, D(2026, 2, 23)),
        # Tue 30/6/2026 + 30 = Thu 30/7.
        (D(2026, 6, 30), 30, D(2026, 7, 30)),
    ],
)
def test_calendar_days(start: dt.date, days: int, due: dt.date) -> None:
    assert clocks.add_days(start, days, working=False) == due


COMPLAINT_RULES = [
    Rule("complaint", "time_bar", "act", 90, basis="Điều 9"),
    Rule("complaint", "acceptance", "received", 10, basis="Điều 27"),
    Rule("complaint", "first_decision", "accepted", 30, basis="Điều 28"),
    Rule("complaint", "first_decision", "accepted", 45, complex_case=True),
    Rule("complaint", "first_decision", "accepted", 45, remote=True),
    Rule("complaint", "first_decision", "accepted", 60, remote=True, complex_case=True),
    Rule("complaint", "second_complaint", "first_decision", 30),
    Rule("complaint", "second_complaint", "first_decision", 45, remote=True),
    Rule("complaint", "second_decision", "second_received", 45),
    Rule("complaint", "second_decision", "second_received", 60, complex_case=True),
]
DENUNCIATION_RULES = [
    Rule("denunciation", "acceptance", "received", 7, working=True),
    Rule("denunciation", "decision", "accepted", 30, basis="Điều 30"),
    Rule("denunciation", "extension", "accepted", 30, times=2, basis="gia hạn"),
]


def by_step(items: list[Deadline]) -> dict[str, Deadline]:
    return {d.step: d for d in items}


def test_a_complaint_before_acceptance_has_no_decision_date() -> None:
    facts = Facts(kind="complaint", received_on=D(2026, 10, 5), act_on=D(2026, 8, 1))
    items = by_step(clocks.deadlines(facts, COMPLAINT_RULES))
    assert list(items) == [
        "time_bar",
        "acceptance",
        "first_decision",
        "second_complaint",
        "second_decision",
    ]
    # 1/8/2026 + 90 = Fri 30/10/2026; received within it.
    assert items["time_bar"].due_on == D(2026, 10, 30)
    assert items["time_bar"].done_on == D(2026, 10, 5)
    assert not items["time_bar"].overdue(D(2026, 12, 1))
    assert items["acceptance"].due_on == D(2026, 10, 15)
    # Counted from a date not yet known: no due date.
    assert items["first_decision"].due_on is None
    assert items["first_decision"].days_left(D(2026, 10, 6)) is None
    assert items["second_decision"].due_on is None
    assert items["acceptance"].days_left(D(2026, 10, 6)) == 9
    assert not items["acceptance"].overdue(D(2026, 10, 15))
    assert items["acceptance"].overdue(D(2026, 10, 16))
    assert items["acceptance"].days_left(D(2026, 10, 16)) == -1
    assert clocks.next_due(items.values()) == D(2026, 10, 15)


def test_a_late_complaint_is_past_its_time_bar() -> None:
    facts = Facts(kind="complaint", received_on=D(2026, 11, 2), act_on=D(2026, 8, 1))
    bar = by_step(clocks.deadlines(facts, COMPLAINT_RULES))["time_bar"]
    assert bar.due_on == D(2026, 10, 30)
    assert bar.overdue(D(2026, 11, 2))
    # The citizen's own time never counts as what the body owes.
    assert bar.days_left(D(2026, 10, 1)) is None


@pytest.mark.parametrize(
    ("remote", "complex_case", "due"),
    [
        # Accepted Mon 12/10/2026: +30 = Wed 11/11; +45 = Thu 26/11;
        # +60 = Fri 11/12.
        (False, False, D(2026, 11, 11)),
        (False, True, D(2026, 11, 26)),
        (True, False, D(2026, 11, 26)),
        (True, True, D(2026, 12, 11)),
    ],
)
def test_first_decision_by_case(remote: bool, complex_case: bool, due: dt.date) -> None:
    facts = Facts(
        kind="complaint",
        received_on=D(2026, 10, 5),
        accepted_on=D(2026, 10, 12),
        remote=remote,
        complex_case=complex_case,
    )
    items = by_step(clocks.deadlines(facts, COMPLAINT_RULES))
    assert items["first_decision"].due_on == due
    assert items["acceptance"].done_on == D(2026, 10, 12)
    assert clocks.next_due(items.values()) == due


def test_second_complaint_counts_from_the_decision_or_its_deadline() -> None:
    # No decision yet: the time to complain again runs from the deadline
    # (Wed 11/11/2026 + 30 = Fri 11/12).
    waiting = Facts(
        kind="complaint", received_on=D(2026, 10, 5), accepted_on=D(2026, 10, 12)
    )
    items = by_step(clocks.deadlines(waiting, COMPLAINT_RULES))
    assert items["second_complaint"].due_on == D(2026, 12, 11)
    # Decided Mon 2/11/2026: + 30 = Wed 2/12; the second complaint received
    # Fri 20/11: + 45 = Mon 4/1/2027.
    decided = Facts(
        kind="complaint",
        received_on=D(2026, 10, 5),
        accepted_on=D(2026, 10, 12),
        decided_on=D(2026, 11, 2),
        second_received_on=D(2026, 11, 20),
    )
    items = by_step(clocks.deadlines(decided, COMPLAINT_RULES))
    assert items["second_complaint"].due_on == D(2026, 12, 2)
    assert items["second_decision"].due_on == D(2027, 1, 4)
    assert clocks.next_due(items.values()) == D(2027, 1, 4)


def test_a_denunciation_received_before_tet_and_its_extensions() -> None:
    facts = Facts(kind="denunciation", received_on=D(2026, 2, 13))
    items = by_step(clocks.deadlines(facts, DENUNCIATION_RULES))
    assert items["acceptance"].due_on == D(2026, 3, 3)
    assert items["decision"].due_on is None
    # Accepted Tue 3/3/2026: + 30 = Thu 2/4; once extended + 30 = Sat 2/5,
    # a weekend after 30/4–1/5: Mon 4/5; twice: 4/5 + 30 = Wed 3/6.
    accepted = Facts(
        kind="denunciation", received_on=D(2026, 2, 13), accepted_on=D(2026, 3, 3)
    )
    assert by_step(clocks.deadlines(accepted, DENUNCIATION_RULES))[
        "decision"
    ].due_on == D(2026, 4, 2)
    once = Facts(
        kind="denunciation",
        received_on=D(2026, 2, 13),
        accepted_on=D(2026, 3, 3),
        extensions=1,
    )
    decision = by_step(clocks.deadlines(once, DENUNCIATION_RULES))["decision"]
    assert decision.due_on == D(2026, 5, 4)
    assert "gia hạn" in decision.basis
    twice = Facts(
        kind="denunciation",
        received_on=D(2026, 2, 13),
        accepted_on=D(2026, 3, 3),
        extensions=2,
    )
    assert by_step(clocks.deadlines(twice, DENUNCIATION_RULES))["decision"].due_on == D(
        2026, 6, 3
    )
    assert clocks.max_extensions(DENUNCIATION_RULES, twice) == 2


def test_a_stopped_petition_owes_nothing() -> None:
    facts = Facts(
        kind="denunciation", received_on=D(2026, 10, 1), stopped_on=D(2026, 10, 2)
    )
    items = clocks.deadlines(facts, DENUNCIATION_RULES)
    assert all(not d.running for d in items)
    assert not any(d.overdue(D(2027, 1, 1)) for d in items)
    assert clocks.next_due(items) is None


def test_a_forwarded_petition_counts_from_its_handing_over() -> None:
    # Forwarded Thu 1/10/2026 to the competent body: 7 working days from
    # then (Mon 12/10), not from the first receipt.
    facts = Facts(
        kind="denunciation", received_on=D(2026, 9, 28), handed_on=D(2026, 10, 1)
    )
    acceptance = by_step(clocks.deadlines(facts, DENUNCIATION_RULES))["acceptance"]
    assert acceptance.due_on == D(2026, 10, 12)


def test_done_late_is_overdue() -> None:
    late = Deadline("acceptance", "thụ lý", D(2026, 10, 15), D(2026, 10, 16), "")
    assert late.overdue(D(2026, 10, 16))
    assert late.days_left(D(2026, 10, 10)) is None
    on_time = Deadline("acceptance", "thụ lý", D(2026, 10, 15), D(2026, 10, 15), "")
    assert not on_time.overdue(D(2026, 12, 1))


def test_pick_falls_back_to_the_nearest_rule() -> None:
    rule = clocks.pick(
        COMPLAINT_RULES, "complaint", "second_decision", remote=True, complex_case=True
    )
    # No remote rule is given here: the complex one applies.
    assert rule is not None
    assert rule.days == 60
    rule = clocks.pick(
        COMPLAINT_RULES,
        "complaint",
        "second_complaint",
        remote=False,
        complex_case=True,
    )
    assert rule is not None
    assert rule.days == 30
    assert (
        clocks.pick(
            COMPLAINT_RULES, "feedback", "answer", remote=False, complex_case=False
        )
        is None
    )


def test_spans_gaps_and_overlaps() -> None:
    good = [
        clocks.Span("a", D(2012, 7, 1), D(2018, 12, 31)),
        clocks.Span("b", D(2019, 1, 1), None),
    ]
    assert clocks.span_problems(good) == []
    gap = [
        clocks.Span("a", D(2012, 7, 1), D(2018, 12, 30)),
        clocks.Span("b", D(2019, 1, 1), None),
    ]
    assert [p[0] for p in clocks.span_problems(gap)] == ["gap"]
    overlap = [
        clocks.Span("a", D(2012, 7, 1), None),
        clocks.Span("b", D(2019, 1, 1), None),
    ]
    assert [p[0] for p in clocks.span_problems(overlap)] == ["overlap"]
    backwards = [clocks.Span("a", D(2019, 1, 1), D(2018, 1, 1))]
    assert [p[0] for p in clocks.span_problems(backwards)] == ["order"]


def test_missing_rules() -> None:
    missing = clocks.missing_rules(COMPLAINT_RULES + DENUNCIATION_RULES)
    assert ("recommendation", "answer") in missing
    assert ("feedback", "answer") in missing
    assert ("complaint", "acceptance") not in missing
