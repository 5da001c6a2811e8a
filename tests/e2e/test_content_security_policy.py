"""The main pages run in Chromium under the Content-Security-Policy without one
violation, htmx still works, and an injected inline script is blocked."""

import datetime as dt

import pytest

from danvan.accounts.models import Membership, User
from danvan.common.actors import system_actor
from danvan.initiatives import services as initiatives
from danvan.initiatives.models import Field, Initiative
from danvan.units.models import Area
from danvan.units.services import load_official_areas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-demo-1"
PAGES = [
    "/",
    "/units/",
    "/documents/",
    "/sources/",
    "/meetings/",
    "/models/",
    "/models/new/",
    "/models/review/",
    "/models/stats/",
    "/api/v1/docs/",
]


@pytest.fixture
def approver(transactional_db):
    load_official_areas()  # flushed by an earlier end-to-end test, if any
    province = Area.objects.resolve("15", dt.date(2025, 7, 1))  # tỉnh Lào Cai
    user = User.objects.create_user("phe.duyet.tinh", password=PASSWORD)
    Membership.objects.create(user=user, area=province, role=Membership.Role.APPROVER)
    return user


@pytest.fixture
def submitted_model(approver):
    """A commune's model waiting for the province approver's review."""
    field, _ = Field.objects.get_or_create(code="kinh-te", defaults={"name": "Kinh tế"})
    commune = Area.objects.resolve("04591", dt.date(2025, 7, 1))
    return initiatives.create_initiative(
        actor=system_actor(),
        area=commune,
        field=field,
        name="Con đường bê tông nghĩa tình",
        year=2025,
        status=Initiative.Status.SUBMITTED,
        problem="Đường liên thôn lầy lội.",
        content="Vận động nhân dân hiến đất, góp ngày công.",
    )


def watch_console(page) -> list[str]:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(str(error)))
    return messages


def sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")


def csp_violations(messages: list[str]) -> list[str]:
    return [text for text in messages if "Content Security Policy" in text]


def test_main_pages_break_no_policy(page, live_server, approver, submitted_model):
    messages = watch_console(page)
    sign_in(page, live_server, approver.username)
    model = submitted_model.get_absolute_url()

    for path in [*PAGES, model, f"{model}evaluate/"]:
        response = page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]

    # Swagger UI started from its separate script file and drew the operations.
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.locator(".opblock").first.wait_for()

    assert csp_violations(messages) == []


def test_htmx_live_search_works_under_the_policy(page, live_server, approver):
    messages = watch_console(page)
    sign_in(page, live_server, approver.username)

    page.goto(f"{live_server.url}/units/")
    page.get_by_role("searchbox").fill("pa lau")
    page.locator("#results").get_by_role("link", name="Xã Pá Lau").wait_for()

    assert csp_violations(messages) == []


def test_an_injected_inline_script_does_not_run(page, live_server, approver):
    messages = watch_console(page)
    sign_in(page, live_server, approver.username)

    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.append(script);
            const img = document.createElement("img");
            img.setAttribute("src", "data:,x");
            img.setAttribute("onerror", "window.injected = true");
            document.body.append(img);
        }"""
    )
    page.wait_for_timeout(300)

    assert page.evaluate("() => window.injected === undefined")
    assert csp_violations(messages), "Chromium reported no blocked script"


def test_admin_change_form_breaks_no_policy(page, live_server, approver):
    User.objects.create_superuser("quan.tri", password=PASSWORD, email="")
    messages = watch_console(page)
    sign_in(page, live_server, "quan.tri")

    response = page.goto(f"{live_server.url}/admin/accounts/user/{approver.pk}/change/")
    page.wait_for_load_state("networkidle")

    assert response.status == 200
    assert page.locator("#user_form").is_visible()
    assert csp_violations(messages) == []


def test_moved_handlers_still_confirm_and_autosubmit(page, live_server, approver):
    sign_in(page, live_server, approver.username)
    page.goto(f"{live_server.url}/models/review/")
    # The handlers of danvan.js are delegated, so markup added later uses them.
    page.evaluate(
        """() => document.querySelector("main").insertAdjacentHTML("beforeend", `
            <form id="ask" method="get" action="/models/" data-confirm="Xoá?">
              <button id="ask-send">Gửi</button></form>
            <form id="pick" method="get" action="/models/">
              <select id="year" name="year" data-autosubmit>
                <option value="2024">2024</option><option value="2025">2025</option>
              </select></form>`)"""
    )
    questions: list[str] = []

    def refuse(dialog) -> None:
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", refuse)
    page.click("#ask-send")
    page.wait_for_timeout(300)
    assert questions == ["Xoá?"]
    assert page.url.endswith("/models/review/")  # refused: nothing sent

    with page.expect_navigation():
        page.select_option("#year", "2025")
    assert page.url.endswith("/models/?year=2025")
