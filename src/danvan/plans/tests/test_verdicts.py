"""Verdicts follow the direction and the plan's threshold; summaries are
written as reports write them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from danvan.plans.models import Direction, Plan, Target, Verdict
from danvan.plans.services import Summary, percent_of, summarize, verdict_of

V = Verdict


def _target(direction: str, value: str) -> Target:
    return Target(direction=direction, target_value=Decimal(value))


PLAN = Plan(mostly_from=Decimal(90))


@pytest.mark.parametrize(
    ("direction", "value", "achieved", "verdict"),
    [
        # Higher is better: above, at, from 90 % of, below.
        (Direction.HIGHER, "100", "120", V.EXCEEDED),
        (Direction.HIGHER, "100", "100", V.ACHIEVED),
        (Direction.HIGHER, "100", "90", V.MOSTLY),
        (Direction.HIGHER, "100", "89,9", V.NOT_ACHIEVED),
        (Direction.HIGHER, "0", "0", V.ACHIEVED),
        (Direction.HIGHER, "0", "1", V.EXCEEDED),
        # Lower is better (poverty brought down to 38 %).
        (Direction.LOWER, "38", "37,2", V.EXCEEDED),
        (Direction.LOWER, "38", "38", V.ACHIEVED),
        (Direction.LOWER, "38", "42", V.MOSTLY),  # 38/42 = 90,5 %
        (Direction.LOWER, "38", "43", V.NOT_ACHIEVED),  # 38/43 = 88,4 %
        (Direction.LOWER, "0", "1", V.NOT_ACHIEVED),
        # A floor and a ceiling: met or not, no more.
        (Direction.AT_LEAST, "10", "15", V.ACHIEVED),
        (Direction.AT_LEAST, "10", "10", V.ACHIEVED),
        (Direction.AT_LEAST, "10", "9,99", V.NOT_ACHIEVED),
        (Direction.AT_MOST, "0,5", "0,4", V.ACHIEVED),
        (Direction.AT_MOST, "0,5", "0,5", V.ACHIEVED),
        (Direction.AT_MOST, "0,5", "0,6", V.NOT_ACHIEVED),
    ],
)
def test_verdict_follows_the_direction(direction, value, achieved, verdict):
    target = _target(direction, value.replace(",", "."))
    assert verdict_of(target, Decimal(achieved.replace(",", ".")), PLAN) == verdict


def test_no_value_no_verdict():
    assert verdict_of(_target(Direction.HIGHER, "5"), None, PLAN) == ""


def test_the_threshold_is_the_plans():
    target = _target(Direction.HIGHER, "100")
    strict = Plan(mostly_from=Decimal(95))
    assert verdict_of(target, Decimal(92), PLAN) == V.MOSTLY
    assert verdict_of(target, Decimal(92), strict) == V.NOT_ACHIEVED


def test_percent_of_the_target():
    assert percent_of(_target(Direction.HIGHER, "3"), Decimal(2)) == Decimal("66.7")
    assert percent_of(_target(Direction.LOWER, "38"), Decimal(40)) == Decimal("95.0")
    assert percent_of(_target(Direction.HIGHER, "0"), Decimal(2)) is None
    assert percent_of(_target(Direction.HIGHER, "3"), None) is None


def test_summary_as_reports_write_it():
    verdicts = [V.EXCEEDED] * 3 + [V.ACHIEVED] * 7 + [V.NOT_ACHIEVED]
    summary = summarize(verdicts)
    assert (summary.total, summary.done, summary.exceeded) == (11, 10, 3)
    assert summary.text() == "hoàn thành 10/11 chỉ tiêu (90,9%), vượt 3"


def test_summary_names_mostly_and_unjudged_and_whole_percent():
    summary = summarize([V.ACHIEVED, V.MOSTLY, ""])
    assert summary.text() == (
        "hoàn thành 1/3 chỉ tiêu (33,3%), cơ bản đạt 1, chưa đánh giá 1"
    )
    assert summarize([V.ACHIEVED, V.EXCEEDED]).text() == (
        "hoàn thành 2/2 chỉ tiêu (100%), vượt 1"
    )
    assert Summary(0, 0, 0, 0, 0).text() == ""
