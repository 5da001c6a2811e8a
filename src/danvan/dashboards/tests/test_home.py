"""The home page's dashboard: key figures against the period before and the
same period a year before, reports due and late below, targets by verdict,
tasks overdue; what it costs; and that it is never another unit's."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import caches
from django.test import RequestFactory
from django.utils import timezone

from danvan.common.access import scope_for
from danvan.common.actors import system_actor
from danvan.dashboards import figures as dash
from danvan.dashboards import home
from danvan.datasets.models import DataValue
from danvan.datasets.tests.test_aggregate import Figures
from danvan.plans import services
from danvan.plans.tests.factories import PlanFactory, PlanTaskFactory, TargetFactory

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
    # Figures of the period under way say how many have sent them.
    assert "đơn vị đã gửi số liệu kỳ này" in html


@pytest.fixture
def plan(tree, bodies):
    """This year's plan of xã Trạm Tấu: three targets, one exceeded, one not
    achieved, one not judged; a task overdue."""
    year = timezone.localdate().year
    plan = PlanFactory.create(
        area=tree["commune"],
        body=bodies["commune"],
        starts_year=year,
        issued_on=dt.date(year, 1, 5),
    )
    exceeded, failed, _open = (TargetFactory.create(plan=plan) for _i in range(3))
    for target, achieved in ((exceeded, 12), (failed, 3)):
        services.record_progress(
            actor=system_actor(),
            target=target,
            period_type="year",
            period_year=year,
            achieved=Decimal(achieved),
        )
    PlanTaskFactory.create(
        plan=plan,
        owner_body=bodies["commune"],
        due_on=timezone.localdate() - dt.timedelta(days=3),
    )
    return plan


def test_targets_by_verdict_and_tasks_overdue(client, users, plan):
    html = page(client, users["commune"])
    dashboard = html.split('id="dash-title"', 1)[1]
    assert "đạt 1/3 chỉ tiêu" in dashboard
    assert "vượt" in dashboard
    assert "không đạt" in dashboard
    assert "chưa đánh giá" in dashboard
    # Each figure leads to the list behind it.
    assert f'href="/plans/?year={plan.starts_year}&amp;area=' in dashboard
    follow = dashboard.split("Cần theo dõi", 1)[1]
    row = follow.split("Nhiệm vụ kế hoạch quá hạn", 1)[1].split("</li>", 1)[0]
    assert '<span class="badge">1</span>' in row


def test_the_sibling_sees_none_of_the_communes_targets(client, users, plan):
    html = page(client, users["sibling"])
    assert "Bảng điều hành của Xã Hạnh Phúc" in html
    assert "đạt 1/3 chỉ tiêu" not in html
    assert "Kế hoạch năm nay chưa có chỉ tiêu." in html


def test_reports_from_below_are_counted(client, users, figures, quarterly):
    html = page(client, users["province"])
    dashboard = html.split('id="dash-title"', 1)[1]
    assert "Báo cáo, biểu mẫu của cấp dưới" in dashboard
    assert "/figures/forms/" in dashboard or "completeness" in dashboard
    assert "đã gửi" in dashboard


def test_without_any_form_the_dashboard_says_so(client, users):
    html = page(client, users["commune"])
    assert "Đơn vị chưa dùng biểu mẫu báo cáo nào." in html


def test_a_user_without_a_unit_has_no_dashboard(client, db):
    from danvan.accounts.models import User

    lone = User.objects.create_user(username="lone", password="secret-pass-1")
    html = page(client, lone)
    assert 'id="dash-title"' not in html


def test_queries_are_pinned_and_kept(
    client, users, figures, plan, django_assert_max_num_queries
):
    client.force_login(users["province"])
    # The dashboard computed anew: a few grouped queries, whatever the size.
    caches["kept"].clear()
    request: Any = RequestFactory().get("/")
    request.user = users["province"]
    scope_for(request.user)  # the scopes are the home's own: read already
    # (per form: its two periods of completeness, each reading the lineage;
    # at most three forms)
    with django_assert_max_num_queries(32):
        assert 'id="dash-title"' in home.panel(request)
    assert client.get("/").status_code == 200
    # Kept: the dashboard reads no row (the home's own items are kept too).
    with django_assert_max_num_queries(12) as captured:
        assert client.get("/").status_code == 200
    assert not any("datasets_datavalue" in q["sql"] for q in captured.captured_queries)


def test_a_new_value_shows_at_once(client, users, figures, bodies):
    html = page(client, users["commune"])
    assert ">4.321<" not in html
    start = dash.bounds(dash.current_period("quarter", timezone.localdate()))[0]
    value = DataValue.objects.get(
        submission__body=bodies["commune"], indicator=figures.sum, period_start=start
    )
    value.number = Decimal(4321)
    value.save()
    html = page(client, users["commune"])
    assert ">4.321<" in html


def test_a_village_sees_no_form_nobody_there_reports(client, users, figures):
    html = page(client, users["village"])
    assert "Bảng điều hành của" in html
    assert "Báo cáo, biểu mẫu của cấp dưới" not in html
