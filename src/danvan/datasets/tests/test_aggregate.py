"""Sums of reported figures: lineage both ways, each aggregation, the reader's
scope, one period type at a time, and the cost (one query per sum)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.common.actors import system_actor
from danvan.datasets.aggregate import SumsError, period_label, sums
from danvan.datasets.models import Aggregation, Indicator, ValueType
from danvan.datasets.tests.factories import (
    DataValueFactory,
    FormIndicatorFactory,
    IndicatorFactory,
    PeriodFactory,
    ReportFormFactory,
    SubmissionFactory,
)
from danvan.units import services as units
from danvan.units.models import Body

D = dt.date
SPAN = (D(2024, 1, 1), D(2026, 12, 31))


class Figures:
    """A quarterly form with one indicator of each aggregation, reported by
    the Party committees of xã Trạm Tấu, xã Hạnh Phúc and the former xã Pá
    Lau (2024, before it merged into xã Trạm Tấu), with values per quarter."""

    def __init__(self, tree: dict[str, Any], bodies: dict[str, Body]) -> None:
        self.tree = tree
        self.bodies = bodies
        self.pa_lau = units.create_body(
            actor=system_actor(),
            name="Đảng ủy xã Pá Lau",
            kind=Body.Kind.PARTY_COMMITTEE,
            area=tree["pa_lau"],
            valid_to=D(2025, 6, 30),
        )
        self.form = ReportFormFactory.create(
            owner_body=bodies["province"], area=tree["province"]
        )
        make = IndicatorFactory.create
        self.sum = make(code="T_SUM")
        self.avg = make(code="T_AVG", aggregation=Aggregation.AVERAGE)
        self.min = make(code="T_MIN", aggregation=Aggregation.MIN)
        self.max = make(code="T_MAX", aggregation=Aggregation.MAX)
        self.last = make(code="T_LAST", aggregation=Aggregation.LAST)
        self.yes = make(code="T_YES", value_type=ValueType.BOOLEAN)
        self.text = make(code="T_TEXT", value_type=ValueType.TEXT)
        self.all = [
            self.sum,
            self.avg,
            self.min,
            self.max,
            self.last,
            self.yes,
            self.text,
        ]
        for indicator in self.all:
            FormIndicatorFactory.create(form=self.form, indicator=indicator)

    def report(
        self, body: Body, year: int, quarter: int, **numbers: int | None
    ) -> None:
        period = PeriodFactory.create(type="quarter", year=year, number=quarter)
        submission = SubmissionFactory.create(form=self.form, period=period, body=body)
        for code, number in numbers.items():
            indicator = getattr(self, code)
            DataValueFactory.create(
                submission=submission,
                indicator=indicator,
                number=None if number is None else Decimal(number),
                text="có" if code == "text" else "",
            )


@pytest.fixture
def figures(tree, bodies) -> Figures:
    return build_figures(tree, bodies)


def build_figures(tree: dict[str, Any], bodies: dict[str, Body]) -> Figures:
    """The figures of the tests (shared with the pivot's)."""
    f = Figures(tree, bodies)
    commune, sibling = bodies["commune"], bodies["sibling"]
    # The former xã Pá Lau, 2024.
    f.report(f.pa_lau, 2024, 3, sum=5, avg=2, min=7, max=7, last=40, yes=1)
    f.report(f.pa_lau, 2024, 4, sum=6, avg=4, min=3, max=9, last=42, yes=0)
    # Today's xã Trạm Tấu, 2025–2026.
    f.report(commune, 2025, 4, sum=10, avg=6, min=5, max=20, last=50, yes=1)
    f.report(commune, 2026, 1, sum=11, avg=8, min=4, max=1, last=55, yes=1, text=None)
    # Its sibling xã Hạnh Phúc.
    f.report(sibling, 2025, 4, sum=100, avg=100, min=1, max=100, last=7, yes=1)
    f.report(sibling, 2026, 1, sum=200, avg=100, min=2, max=3, last=9, yes=0)
    return f


def total(result, indicator):
    return result.total(indicator)


# --- lineage ---------------------------------------------------------------------------


def test_former_commune_counts_for_its_successor(figures, users, tree):
    result = sums(
        user=users["province"],
        indicators=[figures.sum],
        area=tree["commune"],
        start=SPAN[0],
        end=SPAN[1],
        period_type="quarter",
    )
    # 5 + 6 of the former xã Pá Lau, 10 + 11 of today's xã Trạm Tấu.
    assert total(result, figures.sum) == Decimal(32)


def test_ended_district_keeps_its_figures_as_they_were(figures, users, tree):
    result = sums(
        user=users["province"],
        indicators=[figures.sum],
        area=tree["old_district"],
        start=D(2020, 1, 1),
        end=D(2024, 12, 31),
        period_type="quarter",
    )
    assert total(result, figures.sum) == Decimal(11)  # Pá Lau's 2024, nothing else
    by_unit = sums(
        user=users["province"],
        indicators=[figures.sum],
        area=tree["old_district"],
        start=D(2020, 1, 1),
        end=D(2024, 12, 31),
        period_type="quarter",
        by=("indicator", "unit"),
    )
    # The sub-units are the district's communes of 2024: Pá Lau among them.
    pa_lau = next(u for u in by_unit.units if u.pk == tree["pa_lau"].pk)
    assert by_unit.value(figures.sum, pa_lau) == Decimal(11)
    assert all(u.pk != tree["commune"].pk for u in by_unit.units)


def test_sub_units_roll_former_units_into_their_successor(figures, users, tree):
    result = sums(
        user=users["province"],
        indicators=[figures.sum],
        area=tree["province"],
        start=SPAN[0],
        end=SPAN[1],
        period_type="quarter",
        by=("indicator", "unit"),
    )
    by_pk = {u.pk: u for u in result.units}
    # Today's communes of the province; no former one is a row of its own.
    assert tree["commune"].pk in by_pk
    assert tree["sibling"].pk in by_pk
    assert tree["pa_lau"].pk not in by_pk
    commune, sibling = by_pk[tree["commune"].pk], by_pk[tree["sibling"].pk]
    assert result.value(figures.sum, commune) == Decimal(32)
    assert result.value(figures.sum, sibling) == Decimal(300)
    # Each value once: the total is the sum of the sub-units.
    assert total(result, figures.sum) == Decimal(332)
    assert sum(r.value for r in result.rows if r.value) == Decimal(332)


def test_a_new_area_sums_the_past_by_its_sub_units_of_today(figures, users, tree):
    """Today's tỉnh Lào Cai asked for 2024, before it existed: its communes of
    today are the sub-units, and the former xã Pá Lau's 2024 figures count for
    today's xã Trạm Tấu."""
    result = sums(
        user=users["province"],
        indicators=[figures.sum],
        area=tree["province"],
        start=D(2024, 1, 1),
        end=D(2024, 12, 31),
        period_type="quarter",
        by=("indicator", "unit"),
    )
    assert result.on == tree["province"].valid_from
    commune = next(u for u in result.units if u.pk == tree["commune"].pk)
    assert result.value(figures.sum, commune) == Decimal(11)
    assert all(u.pk is not None for u in result.units)  # nothing left over


def test_values_of_the_area_itself_land_in_a_row_of_their_own(figures, users, tree):
    board = figures.bodies["board"]
    form = ReportFormFactory.create(
        owner_body=figures.bodies["province"],
        reporter_level="province",
        reporter_kinds=["party_board"],
    )
    FormIndicatorFactory.create(form=form, indicator=figures.sum)
    period = PeriodFactory.create(type="quarter", year=2026, number=1)
    submission = SubmissionFactory.create(form=form, period=period, body=board)
    DataValueFactory.create(
        submission=submission, indicator=figures.sum, number=Decimal(1000)
    )
    result = sums(
        user=users["province"],
        indicators=[figures.sum],
        area=tree["province"],
        start=SPAN[0],
        end=SPAN[1],
        period_type="quarter",
        by=("indicator", "unit"),
    )
    whole = result.units[-1]
    assert whole.pk is None
    assert whole.name == tree["province"].full_name
    assert result.value(figures.sum, whole) == Decimal(1000)
    assert total(result, figures.sum) == Decimal(1332)


def test_values_below_a_sub_unit_count_for_it(figures, users, tree):
    village_body = units.create_body(
        actor=system_actor(),
        name="Chi bộ thôn Trung Tâm",
        kind=Body.Kind.OTHER,
        area=tree["village"],
    )
    form = ReportFormFactory.create(
        owner_body=figures.bodies["province"],
        reporter_level="village",
        reporter_kinds=["other"],
    )
    FormIndicatorFactory.create(form=form, indicator=figures.sum)
    period = PeriodFactory.create(type="quarter", year=2026, number=1)
    submission = SubmissionFactory.create(form=form, period=period, body=village_body)
    DataValueFactory.create(
        submission=submission, indicator=figures.sum, number=Decimal(9)
    )
    result = sums(
        user=users["province"],
        indicators=[figures.sum],
        area=tree["province"],
        start=SPAN[0],
        end=SPAN[1],
        period_type="quarter",
        by=("indicator", "unit"),
    )
    commune = next(u for u in result.units if u.pk == tree["commune"].pk)
    assert result.value(figures.sum, commune) == Decimal(41)  # 32 and the village's 9
    assert total(result, figures.sum) == Decimal(341)


def test_the_whole_country_by_province(figures, tree):
    from danvan.accounts.models import User

    root = User.objects.create_superuser(username="root-sums", password="x-pass-1")
    result = sums(
        user=root,
        indicators=[figures.sum],
        start=SPAN[0],
        end=SPAN[1],
        period_type="quarter",
        by=("indicator", "unit"),
    )
    assert len(result.units) == 34  # the provinces in force at the span's end
    lao_cai = next(u for u in result.units if u.pk == tree["province"].pk)
    # Pá Lau's 2024 figures, filed under the former tỉnh Yên Bái, count for
    # today's tỉnh Lào Cai.
    assert result.value(figures.sum, lao_cai) == Decimal(332)
    assert total(result, figures.sum) == Decimal(332)


def test_body_sums_its_own_values_and_its_predecessors(figures, users, tree):
    successor = figures.bodies["commune"]
    _succeed(figures.pa_lau, successor)
    result = sums(
        user=users["province"],
        indicators=[figures.sum],
        body=successor,
        start=SPAN[0],
        end=SPAN[1],
        period_type="quarter",
    )
    assert total(result, figures.sum) == Decimal(32)


def _succeed(predecessor: Body, successor: Body) -> None:
    from danvan.units.models import BodySuccession, ChangeEvent

    event = ChangeEvent.objects.create(kind="merge", date=D(2025, 7, 1))
    BodySuccession.objects.create(
        event=event, predecessor=predecessor, successor=successor
    )


# --- aggregations ----------------------------------------------------------------------


def test_each_indicator_adds_up_its_own_way(figures, users, tree):
    result = sums(
        user=users["province"],
        indicators=figures.all,
        area=tree["province"],
        start=SPAN[0],
        end=SPAN[1],
        period_type="quarter",
    )
    assert total(result, figures.sum) == Decimal(332)
    # Average of the six values: (2 + 4 + 6 + 8 + 100 + 100) / 6.
    assert total(result, figures.avg).quantize(Decimal("0.01")) == Decimal("36.67")
    assert total(result, figures.min) == Decimal(1)
    assert total(result, figures.max) == Decimal(100)
    # Latest period with values (quarter I of 2026): 55 + 9, not Pá Lau's 42.
    assert total(result, figures.last) == Decimal(64)
    # Yes/no: the number of "có".
    assert total(result, figures.yes) == Decimal(4)
    # Text has no sum.
    assert total(result, figures.text) is None
    assert figures.text in result.indicators


def test_last_per_sub_unit_is_its_own_latest_period(figures, users, tree):
    result = sums(
        user=users["province"],
        indicators=[figures.last],
        area=tree["province"],
        start=D(2024, 1, 1),
        end=D(2025, 12, 31),
        period_type="quarter",
        by=("indicator", "unit"),
    )
    by_pk = {u.pk: u for u in result.units}
    # xã Trạm Tấu: its latest quarter is IV/2025 (50), not Pá Lau's 42 added.
    assert result.value(figures.last, by_pk[tree["commune"].pk]) == Decimal(50)
    assert result.value(figures.last, by_pk[tree["sibling"].pk]) == Decimal(7)
    assert total(result, figures.last) == Decimal(57)


def test_by_period(figures, users, tree):
    result = sums(
        user=users["province"],
        indicators=[figures.sum, figures.last],
        area=tree["province"],
        start=SPAN[0],
        end=SPAN[1],
        period_type="quarter",
        by=("indicator", "period"),
    )
    labels = [p.label for p in result.periods]
    assert labels == ["quý III/2024", "quý IV/2024", "quý IV/2025", "quý I/2026"]
    q4 = result.periods[2]
    assert result.value(figures.sum, period=q4) == Decimal(110)
    assert result.value(figures.last, period=q4) == Decimal(57)
    assert total(result, figures.sum) == Decimal(332)
    assert total(result, figures.last) == Decimal(64)


def test_by_unit_and_period(figures, users, tree):
    result = sums(
        user=users["province"],
        indicators=[figures.sum],
        area=tree["province"],
        start=SPAN[0],
        end=SPAN[1],
        period_type="quarter",
        by=("indicator", "unit", "period"),
    )
    commune = next(u for u in result.units if u.pk == tree["commune"].pk)
    q3_2024 = result.periods[0]
    assert result.value(figures.sum, commune, q3_2024) == Decimal(5)
    assert total(result, figures.sum) == Decimal(332)


# --- scope and period type --------------------------------------------------------------


def test_a_commune_user_never_sums_a_sibling(figures, users, tree):
    for by in (("indicator",), ("indicator", "unit"), ("indicator", "period")):
        result = sums(
            user=users["commune"],
            indicators=[figures.sum],
            area=tree["province"],
            start=SPAN[0],
            end=SPAN[1],
            period_type="quarter",
            by=by,
        )
        assert total(result, figures.sum) == Decimal(32), by
        assert all(r.value != Decimal(300) for r in result.rows)
    whole = sums(
        user=users["sibling"],
        indicators=[figures.sum],
        start=SPAN[0],
        end=SPAN[1],
        period_type="quarter",
    )
    assert total(whole, figures.sum) == Decimal(300)


def test_one_period_type_at_a_time(figures, users, tree):
    monthly = ReportFormFactory.create(
        owner_body=figures.bodies["province"], period_type="month"
    )
    FormIndicatorFactory.create(form=monthly, indicator=figures.sum)
    month = PeriodFactory.create(type="month", year=2026, number=2)
    submission = SubmissionFactory.create(
        form=monthly, period=month, body=figures.bodies["commune"]
    )
    DataValueFactory.create(
        submission=submission, indicator=figures.sum, number=Decimal(7000)
    )
    quarterly = sums(
        user=users["province"],
        indicators=[figures.sum],
        area=tree["commune"],
        start=SPAN[0],
        end=SPAN[1],
        period_type="quarter",
    )
    assert total(quarterly, figures.sum) == Decimal(32)
    by_month = sums(
        user=users["province"],
        indicators=[figures.sum],
        area=tree["commune"],
        start=SPAN[0],
        end=SPAN[1],
        period_type="month",
    )
    assert total(by_month, figures.sum) == Decimal(7000)
    with pytest.raises(SumsError):
        sums(
            user=users["province"],
            indicators=[figures.sum],
            start=SPAN[0],
            end=SPAN[1],
            period_type="",
        )


def test_only_periods_inside_the_span(figures, users, tree):
    result = sums(
        user=users["province"],
        indicators=[figures.sum],
        area=tree["commune"],
        start=D(2025, 10, 1),
        end=D(2026, 2, 28),  # quarter I of 2026 ends after: left out
        period_type="quarter",
    )
    assert total(result, figures.sum) == Decimal(10)
    with pytest.raises(SumsError):
        sums(
            user=users["province"],
            indicators=[figures.sum],
            start=D(2026, 1, 1),
            end=D(2025, 1, 1),
            period_type="quarter",
        )


# --- cost -------------------------------------------------------------------------------


@pytest.mark.parametrize("by", [("indicator",), ("indicator", "unit", "period")])
def test_one_query_per_sum(figures, users, tree, by):
    ids = [i.pk for i in Indicator.objects.filter(code__startswith="T_")]
    sums(  # the scope and the lineage warm up
        user=users["province"],
        indicators=ids,
        area=tree["province"],
        start=SPAN[0],
        end=SPAN[1],
        period_type="quarter",
        by=by,
    )
    with CaptureQueriesContext(connection) as captured:
        result = sums(
            user=users["province"],
            indicators=figures.all,
            area=tree["province"],
            start=SPAN[0],
            end=SPAN[1],
            period_type="quarter",
            by=by,
        )
    on_values = [q for q in captured if "datasets_datavalue" in q["sql"]]
    assert len(on_values) == 1
    assert "GROUP BY" in on_values[0]["sql"]
    # The lineage walk (a generation per reform) and, by unit, the sub-units.
    assert len(captured) <= (6 if "unit" in by else 4)
    assert total(result, figures.sum) == Decimal(332)


def test_period_label():
    assert period_label("month", D(2026, 3, 1), D(2026, 3, 31)) == "tháng 3/2026"
    assert period_label("9m", D(2025, 1, 1), D(2025, 9, 30)) == ("9 tháng đầu năm 2025")
