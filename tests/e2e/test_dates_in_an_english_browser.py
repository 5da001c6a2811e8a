"""In an English browser a date is still typed and shown dd/mm/yyyy: the field
is a text input of ours (never the browser's mm/dd/yyyy picker), and the small
calendar of js/datepicker.js fills it in the same format, under the CSP."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.accounts.models import Membership, User
from danvan.units.models import Area
from danvan.units.services import load_official_areas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def english_page(browser):
    context = browser.new_context(
        locale="en-US", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_date_field_in_an_english_browser(english_page, live_server):
    load_official_areas()
    commune = Area.objects.resolve("04591", dt.date(2025, 7, 1))
    user = User.objects.create_user("can.bo.xa", password="mat-khau-demo-1")
    Membership.objects.create(user=user, area=commune, role=Membership.Role.EDITOR)
    page = english_page
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("can.bo.xa")
    page.get_by_label("Mật khẩu").fill("mat-khau-demo-1")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}{reverse('documents:create')}")
    field = page.locator("input[name=issued_on]")
    assert field.get_attribute("type") == "text"
    assert field.get_attribute("placeholder") == "dd/mm/yyyy"
    field.click()
    calendar = page.locator(".datepicker")
    calendar.wait_for()
    calendar.get_by_role("button", name="5", exact=True).click()
    today = dt.date.today()  # noqa: DTZ011 (the browser's own calendar month)
    assert field.input_value() == f"05/{today.month:02d}/{today.year}"
    assert calendar.count() == 0
    assert [e for e in errors if "Failed to load resource" not in e] == []
