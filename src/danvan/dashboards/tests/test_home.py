"""The home page's dashboard: key figures against the period before and the
same period a year before, reports due and late below, targets by verdict,
tasks overdue; what it costs; and that it is never another unit's."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from danvan.dashboards import figures as dash
from danvan.datasets.tests.test_aggregate import Figures

pytestmark = pytest.mark.django_db


def quarters() -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    """This quarter, the one before, the same one a year before."""
    now = dash.current_period("quarter", timezone.localdate())
    before = dash.previous(now)
    last = dash.year_before(now)
    return (now[1], now[2]), (before[1], before[2]), (last[1], last[2])  # type: ignore[return-value]


@pytest.fixture
def figures(tree, bodies) -> Figures:
    f = Figures(tree, bodies)
    now, before, last = quarters()
    f.report(bodies["commune"], *now, sum=12, last=50)
    f.report(bodies["sibling"], *now, sum=100, last=7)
    f.report(bodies["commune"], *before, sum=8, last=40)
    f.report(bodies["commune"], *last, sum=6, last=30)
    return f


def page(client: Any, user: Any) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    html: str = response.content.decode()
    return html


def test_the_commune_sees_its_own_figures_against_before(client, users, figures):
    html = page(client, users["commune"])
    assert "Bảng điều hành của Xã Trạm Tấu" in html
    assert "Xã Trạm Tấu" in html
    # 12 this quarter, 8 the quarter before (+4, +50%), 6 a year before (+6, +100%).
    assert ">12<" in html
    assert "+4 (+50%)" in html
    assert "+6 (+100%)" in html
    # Never the sibling's 100.
    assert ">100<" not in html
    assert ">112<" not in html


def test_the_province_sees_the_sum_of_its_communes(client, users, figures):
    html = page(client, users["province"])
    assert ">112<" in html  # 12 + 100
