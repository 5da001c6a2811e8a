"""A commune editor uploads a page of script named as a photo to a progress report;
the province approver opens it, and the script neither runs nor acts for them."""

import datetime as dt

import pytest

from danvan.accounts.models import Membership, User
from danvan.common.actors import system_actor
from danvan.initiatives import services
from danvan.initiatives.models import Field, Initiative, ProgressAttachment
from danvan.initiatives.tests.conftest import complete
from danvan.units.models import Area
from danvan.units.services import load_official_areas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AFTER = dt.date(2025, 7, 1)
PASSWORD = "mat-khau-demo-1"
# What the audit's file did: accept a waiting registration through the session
# of whoever opens it, then mark the page.
PAYLOAD = """
document.title = 'pwned';
fetch('/models/').then(r => r.text()).then(page => {
  const token = page.match(/"X-CSRFToken": "([^"]+)"/)[1];
  return fetch('/models/%(pk)s/accept/', {
    method: 'POST',
    headers: {'X-CSRFToken': token,
              'Content-Type': 'application/x-www-form-urlencoded'},
    body: 'note=pwned',
  });
}).then(() => { document.title = 'pwned: accepted'; });
"""


@pytest.fixture
def setting(transactional_db):
    """Xã Trạm Tấu with an editor, the province with an approver, two models."""
    load_official_areas()  # flushed by an earlier end-to-end test, if any
    commune = Area.objects.resolve("04591", AFTER)
    province = Area.objects.resolve("15", AFTER)
    for username, area, role in [
        ("can.bo.xa", commune, Membership.Role.EDITOR),
        ("lanh.dao.tinh", province, Membership.Role.APPROVER),
    ]:
        user = User.objects.create_user(username, password=PASSWORD)
        Membership.objects.create(user=user, area=area, role=role)
    field, _ = Field.objects.get_or_create(
        code="kinh-te", defaults={"name": "Kinh tế", "order": 10}
    )

    def model(name, status):
        return services.create_initiative(
            actor=system_actor(),
            area=commune,
            field=field,
            name=name,
            year=2025,
            status=status,
            **complete(),
        )

    return {
        "running": model("Con đường bê tông nghĩa tình", Initiative.Status.ACCEPTED),
        "waiting": model("Vườn rau dinh dưỡng", Initiative.Status.SUBMITTED),
    }


def sign_in(page, live_server, username) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")


def test_script_disguised_as_a_photo_does_not_run_for_the_approver(
    browser, page, live_server, setting
):
    running, waiting = setting["running"], setting["waiting"]
    script = f"<html><script>{PAYLOAD % {'pk': waiting.pk}}</script></html>"

    # The commune editor reports progress with the "photo".
    sign_in(page, live_server, "can.bo.xa")
    page.goto(f"{live_server.url}/models/{running.pk}/progress/")
    page.locator("input[name=date]").fill("2025-06-30")
    page.locator("input[name=files]").set_input_files(
        [{"name": "anh.png", "mimeType": "image/png", "buffer": script.encode()}]
    )
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}{running.get_absolute_url()}")
    attachment = ProgressAttachment.objects.get()
    assert attachment.original_name == "anh.png"

    # The province approver opens it from the model's page: a download, no page.
    context = browser.new_context(locale="vi-VN")
    approver = context.new_page()
    approver.set_default_timeout(10_000)
    try:
        sign_in(approver, live_server, "lanh.dao.tinh")
        approver.goto(f"{live_server.url}{running.get_absolute_url()}")
        title = approver.title()
        assert approver.locator("img.thumb").count() == 0  # not shown as a photo
        with approver.expect_download() as download:
            approver.get_by_role("link", name="anh.png").click()
        assert download.value.suggested_filename == "anh.png"
        approver.wait_for_timeout(1000)  # time a script would have had to act
        assert approver.title() == title
        assert "pwned" not in approver.title()
        waiting.refresh_from_db()
        assert waiting.status == Initiative.Status.SUBMITTED

        # The same script run by the application's own page would have accepted
        # the model: the test above guards a real attack, not a broken one.
        approver.evaluate(PAYLOAD % {"pk": waiting.pk})
        approver.wait_for_function("document.title === 'pwned: accepted'")
        waiting.refresh_from_db()
        assert waiting.status == Initiative.Status.ACCEPTED
    finally:
        context.close()
