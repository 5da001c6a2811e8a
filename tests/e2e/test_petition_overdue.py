"""A commune officer records a citizen's complaint; it is routed to the
commune's People's Committee; once the clock (``DANVAN_TODAY``) passes its
deadline, the committee's officer sees it overdue on the home page."""

import datetime as dt
import importlib

import pytest
from django.apps import apps

from danvan.accounts.models import Membership, User
from danvan.common.actors import system_actor
from danvan.petitions.models import Petition
from danvan.units import services as units
from danvan.units.models import Area, Body
from danvan.units.services import load_official_areas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AFTER = dt.date(2025, 7, 1)
RECEIVED = dt.date(2026, 10, 5)
PASSWORD = "mat-khau-demo-1"


@pytest.fixture
def people(transactional_db):
    load_official_areas()  # flushed by an earlier end-to-end test, if any
    # The legal deadlines seeded by the migration, flushed likewise.
    seeded = importlib.import_module("danvan.petitions.migrations.0003_rule_sets")
    seeded.seed(apps, None)
    commune = Area.objects.resolve("04591", AFTER)
    committee = units.create_body(
        actor=system_actor(),
        name="Ủy ban nhân dân xã Trạm Tấu",
        kind=Body.Kind.PEOPLES_COMMITTEE,
        area=commune,
        abbreviation="UBND",
    )
    officer = User.objects.create_user("can.bo.xa", password=PASSWORD)
    Membership.objects.create(user=officer, area=commune, role=Membership.Role.EDITOR)
    handler = User.objects.create_user("tiep.dan", password=PASSWORD)
    Membership.objects.create(user=handler, body=committee, role=Membership.Role.EDITOR)
    return {"committee": committee, "officer": officer, "handler": handler}


def sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")


def pick(page, name: str, typed: str, label: str) -> None:
    """Choose a unit in a picker by typing part of its name, no accents."""
    page.locator(f"input[name={name}_q]").fill(typed)
    found = page.locator(f"select[name={name}] option", has_text=label)
    found.first.wait_for(state="attached")
    value = found.first.get_attribute("value")
    assert value
    page.locator(f"select[name={name}]").select_option(value)


def test_a_recorded_petition_shows_overdue_to_its_handler(
    browser, live_server, people, settings, tmp_path
):
    settings.DANVAN_TODAY = RECEIVED
    page = browser.new_context(locale="vi-VN").new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server, "can.bo.xa")

    page.goto(f"{live_server.url}/petitions/new/")
    pick(page, "received_by", "uy ban nhan dan", "Ủy ban nhân dân xã Trạm Tấu")
    page.locator("select[name=channel]").select_option("in_person")
    page.locator("select[name=kind]").select_option("complaint")
    page.locator("input[name=subject]").fill(
        "Khiếu nại việc thu hồi đất nương làm đường"
    )
    page.locator("textarea[name=content]").fill(
        "Gia đình chưa nhận được tiền bồi thường."
    )
    pick(page, "area", "tram tau", "Xã Trạm Tấu")
    page.locator("input[name=p-0-name]").fill("Lù Văn Sáng")
    page.locator("input[name=p-0-id_number]").fill("015080001234")
    page.screenshot(path=tmp_path / "intake.png", full_page=True)
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url("**/petitions/*/")

    # Routed by the fallback rule to the commune's People's Committee.
    petition = Petition.objects.get(subject__startswith="Khiếu nại việc thu hồi")
    assert petition.handling_body == people["committee"]
    assert "Ủy ban nhân dân xã Trạm Tấu" in page.locator("dl.facts").inner_text()
    assert petition.next_due_on is not None
    assert petition.next_due_on > RECEIVED
    page.context.close()

    # The handler's home page on the day of the deadline: nothing overdue yet.
    settings.DANVAN_TODAY = petition.next_due_on
    handler = browser.new_context(locale="vi-VN").new_page()
    handler.set_default_timeout(10_000)
    sign_in(handler, live_server, "tiep.dan")
    assert "Đơn thư quá hạn" not in handler.content()

    # The day after: overdue, urgent, linked to the list of overdue petitions.
    settings.DANVAN_TODAY = petition.next_due_on + dt.timedelta(days=1)
    handler.goto(f"{live_server.url}/")
    overdue = handler.locator("li.urgent", has_text="Đơn thư quá hạn")
    overdue.wait_for()
    assert overdue.locator(".badge").inner_text() == "1"
    handler.screenshot(path=tmp_path / "home.png", full_page=True)
    overdue.get_by_role("link").click()
    handler.wait_for_url("**/petitions/?due=overdue")
    assert "Khiếu nại việc thu hồi đất nương" in handler.locator("#rows").inner_text()
    assert "Lù Văn Sáng" in handler.locator("#rows").inner_text()
    handler.context.close()
