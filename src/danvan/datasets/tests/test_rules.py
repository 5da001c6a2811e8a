"""Validation rules between a form's indicators: the parser of a side, the
check of a rule against its form, and the evaluation of values."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from danvan.datasets import rules
from danvan.datasets.exceptions import DatasetError
from danvan.datasets.models import Indicator, ValidationRule, ValueType
from danvan.datasets.tests.factories import (
    DataValueFactory,
    FormIndicatorFactory,
    IndicatorFactory,
    SubmissionFactory,
    ValidationRuleFactory,
)

D = Decimal


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


# --- the parser -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("MH_HQ", [(1, "MH_HQ")]),
        ("mh_hq", [(1, "MH_HQ")]),
        ("MH_HQ + MH_DK - 12", [(1, "MH_HQ"), (1, "MH_DK"), (-1, D(12))]),
        ("  A+B-C ", [(1, "A"), (1, "B"), (-1, "C")]),
        ("-5 + A", [(-1, D(5)), (1, "A")]),
        ("100", [(1, D(100))]),
        ("1,5", [(1, D("1.5"))]),
        ("2.943", [(1, D(2943))]),
        ("A \u2212 B", [(1, "A"), (-1, "B")]),
    ],
)
def test_a_side_is_codes_and_numbers_joined_by_signs(text, terms):
    assert rules.parse_side(text) == terms


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "trống"),
        ("   ", "trống"),
        ("A B", "+ hoặc -"),
        ("A +", "dấu"),
        ("A + - B", "hai dấu"),
        ("A * 2", "Không đọc được"),
        ("A / B", "Không đọc được"),
        ("__import__('os')", "Không đọc được"),
        ("A; B", "Không đọc được"),
        ("1,2,3", "không phải là số"),
        ("A(1)", "Không đọc được"),
    ],
)
def test_a_bad_side_is_refused_in_vietnamese(text, says):
    with pytest.raises(DatasetError) as refused:
        rules.parse_side(text)
    assert says in refused.value.message


def test_a_side_has_a_bounded_number_of_terms():
    rules.parse_side(" + ".join(["A"] * rules.MAX_TERMS))
    with pytest.raises(DatasetError):
        rules.parse_side(" + ".join(["A"] * (rules.MAX_TERMS + 1)))


def test_codes_of_names_each_code_once_in_order():
    left = rules.parse_side("B + A - 3")
    right = rules.parse_side("A + C")
    assert rules.codes_of(left, right) == ("B", "A", "C")


# --- a rule against its form ----------------------------------------------------------


def test_check_rule_needs_codes_of_the_form(quarterly):
    left, right = rules.check_rule(quarterly, "test_mh_hq", "TEST_MH_DK + 2")
    assert left == [(1, "TEST_MH_HQ")]
    assert right == [(1, "TEST_MH_DK"), (1, D(2))]
    elsewhere = Indicator.objects.get(code="DIEM_NONG")  # seeded, not on the form
    with pytest.raises(DatasetError) as refused:
        rules.check_rule(quarterly, "TEST_MH_HQ", f"{elsewhere.code} + NO_SUCH")
    assert "DIEM_NONG, NO_SUCH" in refused.value.message
    assert quarterly.name in refused.value.message


def test_check_rule_refuses_numbers_alone_and_text_indicators(quarterly):
    with pytest.raises(DatasetError) as refused:
        rules.check_rule(quarterly, "1", "2")
    assert "ít nhất một chỉ số" in refused.value.message
    text = IndicatorFactory.create(code="TEST_GHI_CHU", value_type=ValueType.TEXT)
    FormIndicatorFactory.create(form=quarterly, indicator=text)
    with pytest.raises(DatasetError) as refused:
        rules.check_rule(quarterly, "TEST_GHI_CHU", "0")
    assert "TEST_GHI_CHU" in refused.value.message


# --- evaluation -----------------------------------------------------------------------


def test_a_broken_rule_fails_with_its_message_and_both_sums(quarterly):
    failures = rules.evaluate(quarterly, {"TEST_MH_DK": D(3), "TEST_MH_HQ": D(5)})
    assert len(failures) == 1
    failure = failures[0]
    assert failure.rule.name == "Mô hình hiệu quả không quá số đăng ký"
    assert (failure.left, failure.right) == (D(5), D(3))
    assert failure.blocking is True
    assert failure.codes == ("TEST_MH_HQ", "TEST_MH_DK")
    assert failure.message.startswith("Số mô hình hiệu quả không được lớn hơn")
    assert "TEST_MH_HQ = 5" in failure.message
    assert "TEST_MH_DK = 3" in failure.message


def test_a_rule_that_holds_or_has_no_value_is_not_a_failure(quarterly):
    assert rules.evaluate(quarterly, {"TEST_MH_DK": D(5), "TEST_MH_HQ": D(5)}) == []
    assert rules.evaluate(quarterly, {}) == []
    assert rules.evaluate(quarterly, {"TEST_MH_DK": None, "TEST_MH_HQ": None}) == []
    # Another indicator's value alone does not wake the rule.
    assert rules.evaluate(quarterly, {"TEST_DOI_THOAI": D(9)}) == []


def test_a_missing_value_counts_zero(quarterly):
    failures = rules.evaluate(quarterly, {"TEST_MH_HQ": D(1)})
    assert [(f.left, f.right) for f in failures] == [(D(1), D(0))]


@pytest.mark.parametrize(
    ("operator", "left", "right", "holds"),
    [
        ("<=", 3, 3, True),
        ("<", 3, 3, False),
        ("==", 3, 3, True),
        ("==", 2, 3, False),
        (">=", 2, 3, False),
        (">", 4, 3, True),
    ],
)
def test_every_comparison(quarterly, operator, left, right, holds):
    ValidationRule.objects.filter(form=quarterly).delete()
    ValidationRuleFactory.create(
        form=quarterly,
        left="TEST_DOI_THOAI + 1",
        operator=operator,
        right="TEST_MH_DK",
        severity=ValidationRule.Severity.WARNING,
        message="",
    )
    values = {"TEST_DOI_THOAI": D(left - 1), "TEST_MH_DK": D(right)}
    failures = rules.evaluate(quarterly, values)
    assert (failures == []) is holds
    if not holds:
        assert failures[0].blocking is False
        # Without a message the rule's name is shown.
        assert failures[0].message.startswith(failures[0].rule.name)


def test_an_old_unreadable_rule_is_skipped(quarterly):
    ValidationRuleFactory.create(form=quarterly, left="TEST_MH_HQ *", right="1")
    failures = rules.evaluate(quarterly, {"TEST_MH_DK": D(1), "TEST_MH_HQ": D(2)})
    assert [f.rule.left for f in failures] == ["TEST_MH_HQ"]


def test_evaluate_submission_reads_its_totals_in_two_queries(
    quarterly, period, bodies, django_assert_num_queries
):
    submission = SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"]
    )
    registered = Indicator.objects.get(code="TEST_MH_DK")
    effective = Indicator.objects.get(code="TEST_MH_HQ")
    DataValueFactory.create(submission=submission, indicator=registered, number=4)
    DataValueFactory.create(submission=submission, indicator=effective, number=6)
    # A breakdown option is not a total: it is not read.
    DataValueFactory.create(
        submission=submission, indicator=registered, option="nu", number=100
    )
    with django_assert_num_queries(2):
        failures = rules.evaluate_submission(submission)
    assert [(f.left, f.right) for f in failures] == [(D(6), D(4))]


def test_evaluate_submission_of_a_form_without_rules_reads_once(
    quarterly, period, bodies, django_assert_num_queries
):
    ValidationRule.objects.filter(form=quarterly).delete()
    submission = SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"]
    )
    with django_assert_num_queries(1):
        assert rules.evaluate_submission(submission) == []
