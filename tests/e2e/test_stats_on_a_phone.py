"""The statistics page on a 390 px phone: no sideways scroll, and each figure's
name and number, each unit's name and count, in sight."""

import datetime as dt

import pytest

from danvan.accounts.models import Membership, User
from danvan.units.models import Area
from danvan.units.services import load_official_areas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-demo-1"
WIDTH = 390


@pytest.fixture
def approver(transactional_db):
    load_official_areas()  # flushed by an earlier end-to-end test, if any
    province = Area.objects.resolve("15", dt.date(2025, 7, 1))  # tỉnh Lào Cai
    user = User.objects.create_user("thong.ke.tinh", password=PASSWORD)
    Membership.objects.create(user=user, area=province, role=Membership.Role.APPROVER)
    return user


def sign_in(page, live_server) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("thong.ke.tinh")
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


def test_stats_page_fits_a_phone(page, live_server, approver, tmp_path):
    assert page.viewport_size["width"] == WIDTH
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/models/stats/?year=2026")
    page.screenshot(path=tmp_path / "stats.png", full_page=True)

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"the page scrolls sideways: {width} px"

    row = page.locator("table.stats-table tbody tr").filter(has_text="Mô hình đăng ký")
    assert in_sight(row.locator("td.col-2").first)  # the figure's name
    assert in_sight(row.locator("td.col-3").first)  # its number

    page.locator("summary").filter(has_text="Bảng").first.click()
    unit = page.locator("table.stats-units tbody tr").first
    assert in_sight(unit.locator("td").nth(0))  # the commune's name
    assert in_sight(unit.locator("td").nth(1))  # its effective models
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def test_the_area_search_offers_units_of_the_year(page, live_server, approver):
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/models/stats/?year=2024")
    page.locator("input[name=area_q]").fill("tram tau")
    area = page.locator("#stats-area")
    area.locator("option", has_text="Huyện Trạm Tấu — Tỉnh Yên Bái").wait_for(
        state="attached"
    )
    assert "Xã Trạm Tấu — Huyện Trạm Tấu (đến 30/06/2025)" in area.inner_text()
    assert "Xã Trạm Tấu — Tỉnh Lào Cai" not in area.inner_text()  # from 1/7/2025
