"""A province officer narrows the documents list to a commune by typing part of
its name, without accents, in the area picker, and choosing it from what it found."""

import datetime as dt

import pytest

from danvan.accounts.models import Membership, User
from danvan.common.actors import system_actor
from danvan.documents import services as documents
from danvan.units.models import Area
from danvan.units.services import load_official_areas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AFTER = dt.date(2025, 7, 1)


@pytest.fixture
def officer(transactional_db):
    load_official_areas()  # flushed by an earlier end-to-end test, if any
    province = Area.objects.resolve("15", AFTER)
    user = User.objects.create_user("can.bo.tinh", password="mat-khau-demo-1")
    Membership.objects.create(user=user, area=province, role=Membership.Role.APPROVER)
    for code, symbol, title in [
        ("04591", "12-KH/ĐU", "Kế hoạch dân vận xã Trạm Tấu"),
        ("04585", "07-KH/ĐU", "Kế hoạch dân vận xã Hạnh Phúc"),
    ]:
        documents.register_document(
            actor=system_actor(),
            area=Area.objects.resolve(code, AFTER),
            symbol_text=symbol,
            issued_on=dt.date(2025, 9, 2),
            title=title,
            issuer_name="Đảng ủy xã",
        )
    return user


def test_typing_in_the_area_picker_finds_and_chooses_a_commune(
    page, live_server, officer, tmp_path
):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("can.bo.tinh")
    page.get_by_label("Mật khẩu").fill("mat-khau-demo-1")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/documents/")
    rows = page.locator("#rows")
    assert "Kế hoạch dân vận xã Trạm Tấu" in rows.inner_text()
    # The list holds only the empty choice until something is searched.
    area = page.locator("select[name=area]")
    assert area.locator("option").count() == 1

    page.locator("input[name=area_q]").fill("hanh phuc")
    found = area.locator("option", has_text="Xã Hạnh Phúc")
    found.wait_for(state="attached")
    page.screenshot(path=tmp_path / "picker.png")
    value = found.get_attribute("value")
    assert value
    area.select_option(value)

    # Choosing filters the list (htmx), as any other filter does.
    page.wait_for_url(f"**/documents/?*area={value}*")
    rows.get_by_text("Kế hoạch dân vận xã Hạnh Phúc").wait_for()
    assert "Kế hoạch dân vận xã Trạm Tấu" not in rows.inner_text()
