"""A village viewer reads the commune's plan and the province directive it
implements, with no edit button; a commune editor finds the registration the
province returned on the home page and opens it."""

import datetime as dt
from decimal import Decimal

import pytest

from conftest import build_tree, build_users
from danvan.documents.models import Document, DocumentRelation
from danvan.initiatives import services as initiatives
from danvan.initiatives.models import Field
from danvan.units.services import load_official_areas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

D = dt.date


@pytest.fixture
def people(transactional_db):
    load_official_areas()  # flushed by an earlier end-to-end test, if any
    tree = build_tree()
    return tree, build_users(tree)


def sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("secret-pass-1")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")


def test_village_viewer_reads_the_communes_plan_without_edit_buttons(
    page, live_server, people, tmp_path
):
    tree, _users = people
    directive = Document.objects.create(
        area=tree["province"],
        area_path=tree["province"].path,
        kind=Document.Kind.DIRECTIVE,
        title="Chỉ thị về công tác dân vận năm 2026",
        issued_on=D(2026, 3, 2),
    )
    plan = Document.objects.create(
        area=tree["commune"],
        area_path=tree["commune"].path,
        kind=Document.Kind.PLAN,
        title="Kế hoạch của xã Trạm Tấu thực hiện Chỉ thị",
        issued_on=D(2026, 3, 20),
    )
    village_plan = Document.objects.create(
        area=tree["village"],
        area_path=tree["village"].path,
        kind=Document.Kind.PLAN,
        title="Kế hoạch của chi bộ thôn Trung Tâm",
        issued_on=D(2026, 4, 1),
    )
    implements = DocumentRelation.Kind.IMPLEMENTS
    DocumentRelation.objects.create(source=plan, target=directive, kind=implements)
    DocumentRelation.objects.create(source=village_plan, target=plan, kind=implements)

    sign_in(page, live_server, "village")
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    main = page.locator("main")
    assert plan.title in main.inner_text()
    page.screenshot(path=tmp_path / "plan.png")
    assert main.get_by_role("link", name="Sửa").count() == 0
    assert main.locator('a[href*="/edit/"], form[method="post"]').count() == 0

    # Up the tree: the province directive the commune's plan implements.
    main.locator(f'a[href="{directive.get_absolute_url()}"]').first.click()
    page.wait_for_url(f"{live_server.url}{directive.get_absolute_url()}")
    assert directive.title in page.locator("main").inner_text()
    assert page.locator("main").get_by_role("link", name="Sửa").count() == 0


def test_commune_editor_opens_the_returned_registration_from_home(
    page, live_server, people
):
    tree, users = people
    field, _ = Field.objects.get_or_create(
        code="kinh-te", defaults={"name": "Kinh tế", "order": 1}
    )
    model = initiatives.create_initiative(
        actor=users["commune"],
        area=tree["commune"],
        field=field,
        name="Con đường bê tông nghĩa tình",
        year=2026,
        criteria=[{"name": "Chiều dài đường", "unit": "km", "target": Decimal(3)}],
        problem="Đường liên thôn lầy lội.",
        goals="Bê tông hóa 3 km đường liên thôn.",
        content="Vận động nhân dân hiến đất, góp ngày công.",
        place="Xã Trạm Tấu",
        lead_forces="Ban Dân vận Đảng ủy xã",
        start_date=D(2026, 2, 1),
    )
    initiatives.submit_initiative(actor=users["commune"], initiative=model)
    initiatives.return_initiative(
        actor=users["province"], initiative=model, note="Bổ sung tiêu chí đo đếm."
    )

    sign_in(page, live_server, "commune")
    waiting = page.get_by_role("link", name="bị trả lại để bổ sung")
    waiting.click()
    page.wait_for_url(f"{live_server.url}{model.get_absolute_url()}")
    assert model.name in page.locator("h1").inner_text()
    assert "Bổ sung tiêu chí đo đếm." in page.locator("main").inner_text()
