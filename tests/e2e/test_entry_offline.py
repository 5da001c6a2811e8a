"""A commune officer enters a quarter's figures on a weak connection: each cell
is saved as it is typed, and a cell typed while the connection is down is kept
in the browser and sent once it is back, even after the page was closed."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.accounts.models import Membership, User
from danvan.common.actors import system_actor
from danvan.datasets.models import DataValue
from danvan.datasets.tests.factories import (
    FormIndicatorFactory,
    IndicatorFactory,
    PeriodFactory,
    ReportFormFactory,
)
from danvan.units import services as units
from danvan.units.models import Area, Body
from danvan.units.services import load_official_areas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AFTER = dt.date(2025, 7, 1)


@pytest.fixture
def entry_url(transactional_db):
    load_official_areas()  # flushed by an earlier end-to-end test, if any
    province = Area.objects.resolve("15", AFTER)
    commune = Area.objects.resolve("04591", AFTER)
    owner = units.create_body(
        actor=system_actor(),
        name="Tỉnh ủy Lào Cai",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=province,
    )
    body = units.create_body(
        actor=system_actor(),
        name="Đảng ủy xã Trạm Tấu",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=commune,
    )
    form = ReportFormFactory.create(owner_body=owner, name="Báo cáo dân vận quý")
    for order, code in enumerate(("E2E_MH", "E2E_DOI_THOAI"), start=1):
        FormIndicatorFactory.create(
            form=form, order=order, indicator=IndicatorFactory.create(code=code)
        )
    user = User.objects.create_user("can.bo.xa", password="mat-khau-demo-1")
    Membership.objects.create(user=user, area=commune, role=Membership.Role.EDITOR)
    period = PeriodFactory.create()
    return reverse("datasets:entry", args=[form.pk, period.pk, body.pk])


def numbers() -> dict[str, object]:
    return dict(DataValue.objects.values_list("indicator__code", "number"))


def test_cells_typed_offline_are_kept_and_sent_when_back(
    page, live_server, entry_url, tmp_path
):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("can.bo.xa")
    page.get_by_label("Mật khẩu").fill("mat-khau-demo-1")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}{entry_url}")
    first = page.locator('[name="v.E2E_MH."]')
    first.press_sequentially("2.943")  # saved 0,8 s after the last key
    page.locator(".cell-state.saved").first.wait_for()
    assert numbers() == {"E2E_MH": 2943}

    # The connection drops: the cell typed is kept on the device.
    page.context.set_offline(True)
    second = page.locator('[name="v.E2E_DOI_THOAI."]')
    second.press_sequentially("12")
    page.locator('[name="v.E2E_DOI_THOAI."] + .cell-state.pending').wait_for()
    kept = page.evaluate("Object.keys(localStorage).map(k => localStorage[k])")
    assert any('"v.E2E_DOI_THOAI.":"12"' in value for value in kept), kept
    assert "E2E_DOI_THOAI" not in numbers()
    page.screenshot(path=tmp_path / "offline.png")

    # The page is closed; opened again once online, the kept cell is sent.
    page.goto("about:blank")
    page.context.set_offline(False)
    page.goto(f"{live_server.url}{entry_url}")
    page.locator('[name="v.E2E_DOI_THOAI."] + .cell-state.saved').wait_for(
        timeout=15_000
    )
    # Polled from here: the page's Content-Security-Policy refuses the eval
    # that Playwright's wait_for_function uses to poll a predicate.
    for _ in range(150):
        if page.evaluate("localStorage.length") == 0:
            break
        page.wait_for_timeout(100)
    assert numbers() == {"E2E_MH": 2943, "E2E_DOI_THOAI": 12}
    assert page.locator('[name="v.E2E_DOI_THOAI."]').input_value() == "12"
    assert page.evaluate("localStorage.length") == 0
