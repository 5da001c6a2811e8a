"""The dashboards' geometry (``initiatives.charts``: lines, further threshold
lines) and what the charts say to a screen reader."""

from __future__ import annotations

from decimal import Decimal

from danvan.dashboards import charts as drawn
from danvan.datasets.aggregate import Unit
from danvan.datasets.models import Indicator
from danvan.initiatives import charts


def test_lines_scale_to_a_round_top_and_join_neighbours_only():
    layout = charts.lines([[1, 5, None, 12, 3]], 5)
    assert [t.value for t in layout.ticks] == [0, 5, 10, 15]
    assert layout.ticks[0].y == charts.LINE_BASE
    assert layout.ticks[-1].y == charts.LINE_TOP
    points = layout.points[0]
    assert points[2] is None
    assert points[0] is not None
    assert points[0].x == f"{charts.LINE_LEFT:.2f}%"
    assert points[4] is not None
    assert points[4].x == f"{charts.LINE_RIGHT:.2f}%"
    # 1–5 joined, the gap left open, 12–3 joined.
    assert len(layout.segments[0]) == 2


def test_lines_below_zero_and_empty():
    layout = charts.lines([[-3, 4]], 2)
    assert layout.ticks[0].value < 0
    empty = charts.lines([], 0)
    assert [t.value for t in empty.ticks] == [0, 1]
    assert empty.slots == ()


def test_long_spans_label_a_few_periods_and_the_last():
    layout = charts.lines([list(range(20))], 20)
    labelled = [i for i, slot in enumerate(layout.slots) if slot.labelled]
    assert len(labelled) <= charts.LINE_LABELS
    assert labelled[0] == 0
    assert labelled[-1] == 19


def test_round_steps():
    assert charts.nice_step(112) == 50
    assert charts.nice_step(8) == 2
    assert charts.nice_step(0) == 1


def test_further_threshold_lines_stay_inside():
    layout = charts.unit_bars([5, 2], threshold=4, marks=[20])
    assert layout.marks == (f"{charts.UNIT_LABEL + 1 + charts.UNIT_SPAN:.2f}%",)
    assert layout.bars[0].width == f"{charts.UNIT_SPAN / 4:.2f}%"


def test_ranked_bars_highest_first_with_average_and_threshold():
    indicator = Indicator(pk=7, code="X", name="Số cuộc đối thoại")
    units = [
        (Unit(1, "1", "Xã A", "a"), Decimal(12)),
        (Unit(2, "2", "Xã B", "b"), None),
        (Unit(3, "3", "Xã C", "c"), Decimal(100)),
    ]
    chart = drawn.ranked(indicator, "quý IV/2026", units, Decimal(50))
    assert [r.unit.name for r in chart.rows] == ["Xã C", "Xã A", "Xã B"]
    assert chart.average == Decimal(56)
    assert chart.met == 1
    assert "Xã C 100" in chart.description
    assert "Xã B —" in chart.description
    assert chart.key == "units-7"


def test_trend_sentence_names_every_period():
    indicator = Indicator(pk=7, code="X", name="Số cuộc đối thoại")
    trend = drawn.trend(
        indicator,
        ["quý III/2026", "quý IV/2026"],
        [Decimal(1500), Decimal("2.5")],
        [None, Decimal(1)],
    )
    assert "quý III/2026: 1.500" in trend.description
    assert "quý IV/2026: 2,5" in trend.description
    assert [label.text for label in trend.labels] == ["III/2026", "IV/2026"]
    assert not trend.empty
