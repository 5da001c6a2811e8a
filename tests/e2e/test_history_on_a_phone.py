"""A document's and a model's change log on a 390 px phone: the page does not
scroll sideways, however long the changed values are."""

import datetime as dt

import pytest

from danvan.accounts.models import Membership, User
from danvan.common.audit import acting_as
from danvan.documents import services as documents
from danvan.initiatives import services as initiatives
from danvan.initiatives.models import Field
from danvan.units.models import Area
from danvan.units.services import load_official_areas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-demo-1"
# An unbroken value (a link pasted into a summary) is the widest a log can get.
LONG = "https://laocai.dcs.vn/" + "van-ban-huong-dan-cong-tac-dan-van" * 6


@pytest.fixture
def editor(transactional_db):
    load_official_areas()  # flushed by an earlier end-to-end test, if any
    commune = Area.objects.resolve("04591", dt.date(2025, 7, 1))  # xã Trạm Tấu
    user = User.objects.create_user(
        "can.bo.xa", password=PASSWORD, first_name="Thị Dua", last_name="Giàng"
    )
    Membership.objects.create(user=user, area=commune, role=Membership.Role.EDITOR)
    return user


def sign_in(page, live_server) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("can.bo.xa")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")


def fits(page, url, shot) -> None:
    page.goto(url)
    page.locator("#change-log").wait_for()
    page.screenshot(path=shot, full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    inner = page.evaluate("window.innerWidth")
    assert width <= inner, f"the page scrolls sideways: {width} px > {inner} px"


def test_document_history_fits_a_phone(page, live_server, editor, tmp_path):
    commune = editor.memberships.get().area
    document = documents.register_document(
        actor=editor,
        area=commune,
        symbol_text="12-KH/ĐU",
        issued_on=dt.date(2025, 8, 4),
        title="Kế hoạch thực hiện phong trào thi đua “Dân vận khéo” năm 2025",
    )
    with acting_as(editor):
        document.summary = LONG
        document.save()
    sign_in(page, live_server)
    fits(page, f"{live_server.url}{document.get_absolute_url()}", tmp_path / "doc.png")
    log = page.locator("#change-log").inner_text()
    assert "Giàng Thị Dua" in log
    assert "sửa" in log
    assert "tạo" in log
    assert "None" not in log


def test_model_history_fits_a_phone(page, live_server, editor, tmp_path):
    commune = editor.memberships.get().area
    field, _ = Field.objects.get_or_create(code="kinh-te", defaults={"name": "Kinh tế"})
    initiative = initiatives.create_initiative(
        actor=editor,
        area=commune,
        body=None,
        field=field,
        name="Con đường bê tông nghĩa tình",
        year=2025,
        criteria=[],
        problem="Đường liên thôn lầy lội.",
        goals="Bê tông hóa 3 km đường liên thôn.",
    )
    with acting_as(editor):
        initiative.content = LONG
        initiative.save()
    sign_in(page, live_server)
    fits(page, f"{live_server.url}{initiative.get_absolute_url()}", tmp_path / "mo.png")
    assert "Giàng Thị Dua" in page.locator("#change-log").inner_text()
