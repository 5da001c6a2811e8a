"""Chart geometry: plain numbers in, SVG positions out, without Django."""

import math
import subprocess
import sys

from danvan.initiatives import charts


def test_the_module_imports_nothing_of_django():
    code = (
        "import sys, danvan.initiatives.charts;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_the_longest_bar_spans_the_chart_and_the_others_scale():
    placed, height = charts.bars([(10, 4), (5, 0), (0, 0)])
    assert height == 3 * charts.ROW
    assert [b.width for b in placed] == ["82.00%", "41.00%", "0.00%"]
    assert placed[0].part_width == "32.80%"  # 4 of 10 inside the longest bar
    assert placed[0].value_x == "83.50%"  # the number just after the bar
    assert [b.y_bar for b in placed] == [18, 58, 98]


def test_an_empty_chart_keeps_one_row_and_divides_by_nothing():
    assert charts.bars([]) == ((), charts.ROW)
    placed, _height = charts.bars([(0, 0)])
    assert placed[0].width == "0.00%"


def test_a_gauge_fills_its_share_of_the_circle():
    circle = 2 * math.pi * charts.GAUGE_R
    arc = charts.gauge(1, 4)
    assert arc.filled
    assert arc.share == "25%"
    filled, rest = (float(x) for x in arc.dash.split())
    assert math.isclose(filled, circle / 4, abs_tol=0.01)
    assert math.isclose(filled + rest, circle, abs_tol=0.02)
    assert charts.gauge(0, 0) == charts.Arc(
        filled=False, dash=f"0.00 {circle:.2f}", share="—"
    )
    assert not charts.gauge(0, 9).filled


def test_unit_bars_scale_with_the_threshold_line():
    layout = charts.unit_bars([5, 2], threshold=10)
    # Nobody reaches N: the threshold line sets the scale, at the far end.
    assert layout.threshold_x == f"{charts.UNIT_LABEL + 1 + charts.UNIT_SPAN:.2f}%"
    assert layout.bars[0].width == f"{charts.UNIT_SPAN / 2:.2f}%"
    assert layout.height == 2 * charts.UNIT_ROW + 4
    layout = charts.unit_bars([20], threshold=10)
    assert layout.bars[0].width == f"{charts.UNIT_SPAN:.2f}%"
    assert layout.threshold_x == f"{charts.UNIT_LABEL + 1 + charts.UNIT_SPAN / 2:.2f}%"


def test_long_names_are_cut_with_an_ellipsis():
    assert charts.short_name("Xã Trạm Tấu") == "Xã Trạm Tấu"
    cut = charts.short_name("Phường Nghĩa Lộ thuộc tỉnh Lào Cai mới")
    assert len(cut) == charts.SHORT_NAME
    assert cut.endswith("…")
