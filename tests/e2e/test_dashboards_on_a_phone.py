"""The home dashboard and the area dashboard on a 390 px phone: nothing
scrolls sideways, each key figure and each chart's table in sight."""

from __future__ import annotations

import pytest
from django.utils import timezone

from conftest import build_tree
from danvan.accounts.models import Membership, User
from danvan.common.actors import system_actor
from danvan.dashboards import figures as dash
from danvan.datasets.tests.test_aggregate import Figures
from danvan.units import services as units
from danvan.units.models import Body
from danvan.units.services import load_official_areas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-demo-1"
WIDTH = 390


@pytest.fixture
def figures(transactional_db) -> Figures:
    load_official_areas()  # flushed by an earlier end-to-end test, if any
    tree = build_tree()

    def body(name, area, kind=Body.Kind.PARTY_COMMITTEE):
        return units.create_body(actor=system_actor(), name=name, kind=kind, area=area)

    bodies = {
        "province": body("Tỉnh ủy Lào Cai", tree["province"]),
        "commune": body("Đảng ủy xã Trạm Tấu", tree["commune"]),
        "sibling": body("Đảng ủy xã Hạnh Phúc", tree["sibling"]),
    }
    f = Figures(tree, bodies)
    now = dash.current_period("quarter", timezone.localdate())
    for quarter, (mine, theirs) in zip(
        (now, dash.previous(now), dash.year_before(now)),
        ((12, 100), (8, 90), (6, 70)),
        strict=True,
    ):
        _type, year, number = quarter
        assert number is not None
        f.report(bodies["commune"], year, number, sum=mine)
        f.report(bodies["sibling"], year, number, sum=theirs)
    user = User.objects.create_user("bang.tinh", password=PASSWORD)
    Membership.objects.create(
        user=user, area=tree["province"], role=Membership.Role.APPROVER
    )
    return f


def sign_in(page, live_server) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("bang.tinh")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")


def in_sight(locator) -> bool:
    box = locator.bounding_box()
    return (
        locator.is_visible()
        and box is not None
        and box["x"] >= 0
        and box["x"] + box["width"] <= WIDTH
    )


def no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"the page scrolls sideways: {width} px"


def test_dashboards_fit_a_phone(page, live_server, figures, tmp_path):
    assert page.viewport_size["width"] == WIDTH
    sign_in(page, live_server)
    page.screenshot(path=tmp_path / "home.png", full_page=True)
    no_sideways_scroll(page)
    card = page.locator(".dash-cards li").first
    assert in_sight(card.locator(".dash-name"))
    assert in_sight(card.locator(".dash-value"))
    assert card.locator(".dash-value").inner_text() == "112"

    # The figure's name opens its chart on the area dashboard.
    card.locator(".dash-name").click()
    page.wait_for_url("**/dashboard/**")
    page.screenshot(path=tmp_path / "dashboard.png", full_page=True)
    no_sideways_scroll(page)
    trend = page.locator("section.dash-chart").first
    assert in_sight(trend.locator("svg"))
    trend.locator("summary").click()
    row = trend.locator("table tbody tr").last
    assert in_sight(row.locator("td").first)
    assert in_sight(row.locator("td").last)
    assert row.locator("td").nth(1).inner_text() == "112"
    no_sideways_scroll(page)
    page.screenshot(path=tmp_path / "dashboard-table.png", full_page=True)
