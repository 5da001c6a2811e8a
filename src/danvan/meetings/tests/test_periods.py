"""Every period type resolves to its exact first and last day."""

import datetime as dt

import pytest

from danvan.meetings.periods import (
    PeriodError,
    next_period,
    period_label,
    resolve_period,
)

D = dt.date


@pytest.mark.parametrize(
    ("kind", "year", "number", "start", "end", "label"),
    [
        ("month", 2024, 2, D(2024, 2, 1), D(2024, 2, 29), "tháng 2/2024"),
        ("month", 2023, 2, D(2023, 2, 1), D(2023, 2, 28), "tháng 2/2023"),
        ("month", 2025, 12, D(2025, 12, 1), D(2025, 12, 31), "tháng 12/2025"),
        ("quarter", 2021, 1, D(2021, 1, 1), D(2021, 3, 31), "quý I/2021"),
        ("quarter", 2021, 2, D(2021, 4, 1), D(2021, 6, 30), "quý II/2021"),
        ("quarter", 2021, 3, D(2021, 7, 1), D(2021, 9, 30), "quý III/2021"),
        ("quarter", 2021, 4, D(2021, 10, 1), D(2021, 12, 31), "quý IV/2021"),
        ("4m", 2020, None, D(2020, 1, 1), D(2020, 4, 30), "4 tháng đầu năm 2020"),
        ("6m", 2021, None, D(2021, 1, 1), D(2021, 6, 30), "6 tháng đầu năm 2021"),
        ("9m", 2018, None, D(2018, 1, 1), D(2018, 9, 30), "9 tháng đầu năm 2018"),
        ("year", 2024, None, D(2024, 1, 1), D(2024, 12, 31), "năm 2024"),
    ],
)
def test_period_types_resolve_to_dates(kind, year, number, start, end, label):
    assert resolve_period(kind, year, number) == (start, end)
    assert period_label(kind, year, number) == label


def test_cumulative_periods_ignore_a_number():
    assert resolve_period("9m", 2018, 3) == (D(2018, 1, 1), D(2018, 9, 30))


def test_custom_period_keeps_its_dates():
    start, end = D(2025, 7, 1), D(2025, 12, 14)
    assert resolve_period("custom", None, start=start, end=end) == (start, end)
    assert period_label("custom", None, start=start, end=end) == (
        "từ ngày 01/07/2025 đến ngày 14/12/2025"
    )


@pytest.mark.parametrize(
    ("kind", "year", "number", "dates"),
    [
        ("month", 2024, 13, {}),
        ("month", 2024, None, {}),
        ("quarter", 2024, 5, {}),
        ("quarter", 2024, 0, {}),
        ("year", None, None, {}),
        ("weekly", 2024, None, {}),
        ("custom", None, None, {"start": D(2025, 2, 1)}),
        ("custom", None, None, {"start": D(2025, 2, 1), "end": D(2025, 1, 1)}),
    ],
)
def test_impossible_periods_are_refused(kind, year, number, dates):
    with pytest.raises(PeriodError):
        resolve_period(kind, year, number, **dates)


def test_no_period_has_no_label():
    assert period_label("", None) == ""


@pytest.mark.parametrize(
    ("kind", "year", "number", "expected"),
    [
        ("month", 2026, 9, (2026, 10)),
        ("month", 2026, 12, (2027, 1)),
        ("quarter", 2021, 2, (2021, 3)),
        ("quarter", 2021, 4, (2022, 1)),
        ("9m", 2018, None, (2019, None)),
        ("custom", 2025, None, (2025, None)),
    ],
)
def test_next_period(kind, year, number, expected):
    assert next_period(kind, year, number) == expected
