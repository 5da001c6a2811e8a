"""A commune officer signs in, finds a unit without accents, reads its history,
and cannot open the neighbouring commune."""

import datetime as dt

import pytest

from danvan.accounts.models import Membership, User
from danvan.units.models import Area
from danvan.units.services import load_official_areas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AFTER = dt.date(2025, 7, 1)


@pytest.fixture
def officer(transactional_db):
    load_official_areas()  # flushed by an earlier end-to-end test, if any
    commune = Area.objects.resolve("04591", AFTER)
    user = User.objects.create_user("can.bo.xa", password="mat-khau-demo-1")
    Membership.objects.create(user=user, area=commune, role=Membership.Role.EDITOR)
    return user


def sign_in(page, live_server) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("can.bo.xa")
    page.get_by_label("Mật khẩu").fill("mat-khau-demo-1")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")


def test_commune_officer_journey(page, live_server, officer, tmp_path):
    sign_in(page, live_server)
    assert page.get_by_role("link", name="Xã Trạm Tấu").is_visible()

    # Search without diacritics, as typed on a phone without a Vietnamese keyboard.
    page.get_by_role("link", name="Đơn vị").first.click()
    page.get_by_role("searchbox").fill("pa lau")
    result = page.locator("#results").get_by_role("link", name="Xã Pá Lau")
    result.wait_for()
    page.screenshot(path=tmp_path / "search.png")
    result.click()

    # Its history: merged into the new xã Trạm Tấu on 1 July 2025.
    history = page.locator("#history")
    assert "Xã Trạm Tấu" in history.inner_text()
    assert "01/07/2025" in history.inner_text()
    history.get_by_role("link", name="Xã Trạm Tấu").first.click()
    assert page.locator("h1").inner_text() == "Xã Trạm Tấu"

    # The sibling commune, xã Hạnh Phúc, is out of reach.
    sibling = Area.objects.resolve("04585", AFTER)
    response = page.goto(f"{live_server.url}{sibling.get_absolute_url()}")
    assert response.status == 404
    assert "Hạnh Phúc" not in page.content()
