"""The area dashboard: trend lines and sub-units compared, their tables,
text alternatives and XLSX; another unit asked for is ignored; its cost."""

from __future__ import annotations

import re
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from danvan.dashboards import figures as dash
from danvan.dashboards.tests.test_home import quarters
from danvan.datasets.tests.factories import (
    DataValueFactory,
    FormIndicatorFactory,
    IndicatorFactory,
    PeriodFactory,
    ReportFormFactory,
    SubmissionFactory,
)
from danvan.datasets.tests.test_aggregate import Figures

pytestmark = pytest.mark.django_db
URL = "/dashboard/"


@pytest.fixture
def figures(tree, bodies) -> Figures:
    f = Figures(tree, bodies)
    now, before, last = quarters()
    f.report(bodies["commune"], *now, sum=12)
    f.report(bodies["sibling"], *now, sum=100)
    f.report(bodies["commune"], *before, sum=8)
    f.report(bodies["commune"], *last, sum=6)
    return f


def get(client: Any, user: Any, **query: Any) -> str:
    client.force_login(user)
    response = client.get(URL, query)
    assert response.status_code == 200
    html: str = response.content.decode()
    return html


def test_url_names():
    assert reverse("dashboards:area") == URL
    assert reverse("dashboards:chart_xlsx") == URL + "chart.xlsx"


def test_the_province_sees_its_communes_ranked_against_the_average(
    client, users, figures
):
    html = get(client, users["province"], indicator=figures.sum.pk)
    # A trend line: the chart, its text alternative and its table.
    assert 'role="img"' in html
    assert "<title id=" in html
    assert "<desc id=" in html
    now = dash.label(dash.current_period("quarter", timezone.localdate()))
    assert f"{now}: 112" in html  # the sentence for screen readers
    # The communes ranked, highest first, the average line (56) drawn.
    ranked = html.split(f'id="units-{figures.sum.pk}-title"', 1)[1]
    assert ranked.index("Xã Hạnh Phúc") < ranked.index("Xã Trạm Tấu")
    assert "trung bình 56" in ranked
    assert 'class="mark-average"' in ranked
    assert f"chart=units-{figures.sum.pk}" in ranked


def test_a_threshold_line_counts_who_reaches_it(client, users, figures):
    html = get(client, users["province"], indicator=figures.sum.pk, threshold="50")
    assert 'class="mark-target"' in html
    # Xã Hạnh Phúc's 100 reaches 50, xã Trạm Tấu's 12 does not.
    assert re.search(r"50: 1/\d+ ", html)


def test_the_commune_sees_its_trend_and_last_year(client, users, figures):
    html = get(client, users["commune"], indicator=figures.sum.pk)
    trend = html.split(f'id="trend-{figures.sum.pk}-title"', 1)[1]
    table = trend.split("<table", 1)[1].split("</table>", 1)[0]
    # The quarter under way: 12, and 6 the same quarter a year before.
    now = dash.label(dash.current_period("quarter", timezone.localdate()))
    row = table.split(f"<td>{now}</td>", 1)[1].split("</tr>", 1)[0]
    assert ">12<" in row
    assert ">6<" in row
    assert "100" not in html.split("<main", 1)[-1].split("</main>", 1)[0].replace(
        "100%", ""
    )


@pytest.mark.parametrize("name", ["area", "body"])
def test_another_units_area_or_body_is_ignored(client, users, figures, tree, name):
    other = tree["sibling"] if name == "area" else figures.bodies["sibling"]
    html = get(client, users["commune"], indicator=figures.sum.pk, **{name: other.pk})
    assert "Xã Hạnh Phúc" not in html
    assert "Đảng ủy xã Hạnh Phúc" not in html
    assert "Xã Trạm Tấu" in html


def test_a_body_shows_its_own_figures(client, users, figures):
    html = get(
        client,
        users["province"],
        indicator=figures.sum.pk,
        body=figures.bodies["sibling"].pk,
    )
    assert "Đảng ủy xã Hạnh Phúc" in html
    now = dash.label(dash.current_period("quarter", timezone.localdate()))
    assert f"{now}: 100" in html


def test_wrong_parameters_fall_back_to_their_defaults(client, users, figures):
    html = get(
        client,
        users["province"],
        **{"from": "nonsense", "to": "quarter:1800:9", "threshold": "-x"},
    )
    assert 'role="img"' in html


def test_a_span_of_periods(client, users, figures):
    now = dash.current_period("quarter", timezone.localdate())
    start = dash.previous(dash.previous(now))
    html = get(
        client,
        users["province"],
        indicator=figures.sum.pk,
        **{"from": dash.spec(start), "to": dash.spec(now)},
    )
    trend = html.split(f'id="trend-{figures.sum.pk}-title"', 1)[1].split(
        "</section>", 1
    )[0]
    assert trend.count("<tr><td>") == 3


def workbook(client: Any, user: Any, **query: Any) -> list[tuple[Any, ...]]:
    client.force_login(user)
    response = client.get(URL + "chart.xlsx", query)
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    return list(book.active.iter_rows(values_only=True))


def test_xlsx_of_each_chart(client, users, figures):
    key = figures.sum.pk
    rows = workbook(client, users["province"], chart=f"units-{key}", indicator=key)
    assert rows[0][:2] == ("Thứ hạng", "Đơn vị")
    assert rows[1][1:] == ("Xã Hạnh Phúc", 100)
    assert rows[2][1:] == ("Xã Trạm Tấu", 12)
    rows = workbook(client, users["commune"], chart=f"trend-{key}", indicator=key)
    now = dash.label(dash.current_period("quarter", timezone.localdate()))
    assert rows[-1] == (now, 12, 6)


def test_xlsx_of_an_unknown_chart_is_404(client, users, figures):
    client.force_login(users["province"])
    assert client.get(URL + "chart.xlsx", {"chart": "nothing"}).status_code == 404
    other = {"chart": "trend-999999", "indicator": figures.sum.pk}
    assert client.get(URL + "chart.xlsx", other).status_code == 404


def test_anonymous_is_sent_to_log_in(client):
    assert client.get(URL).status_code == 302
    assert client.get(URL + "chart.xlsx").status_code == 302


def test_queries_are_pinned(client, users, figures, django_assert_max_num_queries):
    client.force_login(users["province"])
    caches["kept"].clear()
    with django_assert_max_num_queries(17):
        assert client.get(URL).status_code == 200
    # Kept: the page below the menu reads nothing.
    with django_assert_max_num_queries(3):
        assert client.get(URL).status_code == 200


def test_a_new_value_shows_at_once(client, users, figures, bodies):
    html = get(client, users["province"], indicator=figures.sum.pk)
    assert ">4.321<" not in html
    now = dash.current_period("quarter", timezone.localdate())
    _type, year, number = dash.previous(dash.previous(now))
    figures.report(bodies["commune"], year, number, sum=4321)
    html = get(client, users["province"], indicator=figures.sum.pk)
    assert ">4.321<" in html


def test_an_indicator_of_a_monthly_form_is_shown_by_month(client, users, bodies):
    form = ReportFormFactory.create(owner_body=bodies["province"], period_type="month")
    indicator = IndicatorFactory.create(code="T_THANG", name="Số buổi tiếp dân")
    FormIndicatorFactory.create(form=form, indicator=indicator)
    today = timezone.localdate()
    period = PeriodFactory.create(type="month", year=today.year, number=today.month)
    submission = SubmissionFactory.create(
        form=form, period=period, body=bodies["commune"]
    )
    DataValueFactory.create(
        submission=submission, indicator=indicator, number=Decimal(2345)
    )
    html = get(client, users["province"], indicator=indicator.pk)
    assert f"tháng {today.month}/{today.year}: 2.345" in html
    assert "· tháng" in html  # the period type named under the title
