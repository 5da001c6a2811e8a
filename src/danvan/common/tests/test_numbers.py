"""Numbers typed and shown the Vietnamese way (common.numbers)."""

from decimal import Decimal

import pytest

from danvan.common.numbers import NumberError, format_number, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("15.000.000", "15000000"),
        ("2.500.000", "2500000"),
        ("15 000 000", "15000000"),
        ("15\u00a0000\u00a0000", "15000000"),
        ("1.500", "1500"),
        ("1,500", "1.5"),
        ("1,5", "1.5"),
        ("1.234,56", "1234.56"),
        ("1.5", "1.5"),
        ("12.75", "12.75"),
        ("0", "0"),
        ("-3,25", "-3.25"),
        (" 42 ", "42"),
    ],
)
def test_typed_numbers_are_read_the_vietnamese_way(text, value):
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize(
    "text", ["", "abc", "1,234.5", "1,234,567", "1.5,2", "1,", ",5", "1.2.3", "1e5"]
)
def test_english_order_and_garbage_are_refused(text):
    with pytest.raises(NumberError):
        parse_number(text)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (15000000, "15.000.000"),
        (Decimal("2.50"), "2,5"),
        (Decimal("1E+1"), "10"),
        (Decimal("2E+1"), "20"),
        (Decimal("10.00"), "10"),
        (Decimal("0.05"), "0,05"),
        (1.5, "1,5"),
        (-1234.5, "-1.234,5"),
        (None, ""),
        ("text", "text"),
    ],
)
def test_numbers_are_shown_the_vietnamese_way_never_in_e_notation(value, text):
    assert format_number(value) == text


def test_years_can_be_shown_without_grouping():
    assert format_number(2026, grouping=False) == "2026"


@pytest.mark.parametrize("value", [15000000, Decimal("1234.56"), Decimal("0.5")])
def test_what_is_shown_reads_back_the_same(value):
    assert parse_number(format_number(value)) == value
