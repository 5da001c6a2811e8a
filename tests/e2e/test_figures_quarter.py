"""A commune enters its quarter's figures the Vietnamese way and submits them;
the province's approver accepts them; the commune then finds them locked."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.models import Membership, User
from danvan.common.actors import system_actor
from danvan.datasets.models import DataValue, Period, Submission
from danvan.datasets.tests.factories import (
    FormIndicatorFactory,
    FormSectionFactory,
    IndicatorFactory,
    ReportFormFactory,
    ValidationRuleFactory,
)
from danvan.units import services as units
from danvan.units.models import Area, Body
from danvan.units.services import load_official_areas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AFTER = dt.date(2025, 7, 1)
PASSWORD = "mat-khau-demo-1"
REGISTERED = "Số mô hình “Dân vận khéo” đăng ký (e2e)"
EFFECTIVE = "Số mô hình “Dân vận khéo” hiệu quả (e2e)"
MONEY = "Số tiền vận động (e2e)"


@pytest.fixture
def quarter(transactional_db):
    """Xã Trạm Tấu's Party committee reports a quarterly form of the province;
    its editor and the province's approver."""
    load_official_areas()  # flushed by an earlier end-to-end test, if any
    province = Area.objects.resolve("15", AFTER)
    commune = Area.objects.resolve("04591", AFTER)
    committee = units.create_body(
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
    form = ReportFormFactory.create(
        code="e2e-bc-quy", name="Báo cáo công tác dân vận quý", owner_body=committee
    )
    section = FormSectionFactory.create(form=form, title="I. Dân vận khéo")
    for code, name, value_type in (
        ("E2E_MH_DK", REGISTERED, "integer"),
        ("E2E_MH_HQ", EFFECTIVE, "integer"),
        ("E2E_TIEN", MONEY, "number"),
    ):
        FormIndicatorFactory.create(
            form=form,
            section=section,
            indicator=IndicatorFactory.create(
                code=code, name=name, value_type=value_type
            ),
        )
    ValidationRuleFactory.create(form=form, left="E2E_MH_HQ", right="E2E_MH_DK")
    today = timezone.localdate()
    period = Period.objects.of("quarter", today.year, (today.month - 1) // 3 + 1)
    for username, area, role in (
        ("can.bo.xa", commune, Membership.Role.EDITOR),
        ("duyet.tinh", province, Membership.Role.APPROVER),
    ):
        user = User.objects.create_user(username, password=PASSWORD)
        Membership.objects.create(user=user, area=area, role=role)
    return {"form": form, "period": period, "body": body}


def sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")


def type_cell(page, label: str, text: str) -> None:
    """Type a value as an officer does; the cell says it is saved."""
    cell = page.get_by_label(label, exact=True)
    cell.fill(text)
    cell.press("Tab")  # "change": the cell is posted at once
    cell.locator(
        "xpath=following-sibling::span[contains(@class,'cell-state')"
        " and contains(@class,'saved')]"
    ).wait_for()


def test_a_commune_submits_its_quarter_and_the_province_accepts(
    browser, live_server, quarter, tmp_path
):
    form, period, body = quarter["form"], quarter["period"], quarter["body"]
    entry = reverse("datasets:entry", args=[form.pk, period.pk, body.pk])

    commune = browser.new_context(
        locale="vi-VN", viewport={"width": 390, "height": 844}
    )
    page = commune.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server, "can.bo.xa")
    page.goto(f"{live_server.url}{entry}")
    type_cell(page, REGISTERED, "2.943")
    type_cell(page, EFFECTIVE, "1.500")
    type_cell(page, MONEY, "15.000.000,5")
    page.screenshot(path=tmp_path / "entry.png")

    submission = Submission.objects.get(form=form, period=period, body=body)
    saved = dict(
        DataValue.objects.filter(submission=submission).values_list(
            "indicator__code", "number"
        )
    )
    assert saved["E2E_MH_DK"] == 2943
    assert saved["E2E_MH_HQ"] == 1500
    assert str(saved["E2E_TIEN"]).startswith("15000000.5")

    page.goto(f"{live_server.url}{submission.get_absolute_url()}")
    assert "2.943" in page.locator("#values").inner_text()
    page.get_by_role("button", name="Gửi lên cấp trên").click()
    page.wait_for_load_state()
    assert "Đã gửi báo cáo lên cấp trên." in page.locator("body").inner_text()
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED

    province = browser.new_context(
        locale="vi-VN", viewport={"width": 390, "height": 844}
    )
    judge = province.new_page()
    judge.set_default_timeout(10_000)
    sign_in(judge, live_server, "duyet.tinh")
    # Waiting for them on the home page.
    judge.get_by_role("link", name=re.compile("chờ bạn duyệt")).click()
    judge.get_by_role("link", name="Báo cáo công tác dân vận quý").click()
    assert "15.000.000,5" in judge.locator("#values").inner_text()
    judge.get_by_role("button", name="Duyệt").click()
    judge.wait_for_load_state()
    assert "Đã duyệt báo cáo; số liệu đã khóa." in judge.locator("body").inner_text()
    submission.refresh_from_db()
    assert submission.status == Submission.Status.ACCEPTED
    province.close()

    # The commune finds its figures locked: shown, no longer typed.
    page.goto(f"{live_server.url}{entry}")
    assert page.locator("input[data-cell]").count() == 0
    assert "2.943" in page.locator("#c-E2E_MH_DK-t").inner_text()
    page.goto(f"{live_server.url}{submission.get_absolute_url()}")
    assert page.get_by_role("button", name="Gửi lên cấp trên").count() == 0
    page.screenshot(path=tmp_path / "locked.png")
    commune.close()
