"""The quarter's report, round the cycle in a real browser (issue 12's "Done
when"): a commune officer opens the quarter's draft, edits a section in the
page's editor and submits it; the commune's approver approves it (numbered
…-BC/ĐU) and sends it; the province finds it among its communes' reports,
opens its own draft, which counts it and lays its text beside the section
(a paragraph taken over), and approves its own; the DOCX and the PDF of both
open and carry the approved number, the sections and the annex."""

import datetime as dt
import io
import re

import pytest
from django.utils import timezone

from danvan.accounts.models import Membership, User
from danvan.common.actors import system_actor
from danvan.documents import services as documents
from danvan.reports.models import Report
from danvan.reports.services.types import create_report_type
from danvan.units import services as units
from danvan.units.models import Area, Body
from danvan.units.services import load_official_areas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AFTER = dt.date(2025, 7, 1)
PASSWORD = "mat-khau-demo-1"
EDITED = "Nhân dân phấn khởi, tin tưởng vào sự lãnh đạo của Đảng ủy xã."
COMMUNE_TYPE = "Báo cáo công tác dân vận quý của cấp xã (e2e)"
PROVINCE_TYPE = "Báo cáo công tác dân vận quý của tỉnh (e2e)"


def _committee(name: str, area: Area, code: str) -> Body:
    body = units.create_body(
        actor=system_actor(),
        name=name,
        kind=Body.Kind.PARTY_COMMITTEE,
        area=area,
        abbreviation=code,
    )
    # A term: its reports are numbered in its register.
    documents.add_term(
        actor=system_actor(), body=body, name="Nhiệm kỳ 2025-2030", starts_on=AFTER
    )
    return body


@pytest.fixture
def cycle(transactional_db):
    """Tỉnh Lào Cai's Party committee and two communes' with their terms; the
    communes' quarterly report type and the province's; the commune's
    officer and approver, the province's approver."""
    load_official_areas()  # flushed by an earlier end-to-end test, if any
    province = Area.objects.resolve("15", AFTER)
    commune = Area.objects.resolve("04591", AFTER)
    sibling = Area.objects.resolve("04585", AFTER)
    owner = _committee("Tỉnh ủy Lào Cai", province, "TU")
    body = _committee("Đảng ủy xã Trạm Tấu", commune, "ĐU")
    _committee("Đảng ủy xã Hạnh Phúc", sibling, "ĐU")
    for code, name, level in (
        ("e2e-bc-xa-quy", COMMUNE_TYPE, "commune"),
        ("e2e-bc-tinh-quy", PROVINCE_TYPE, "province"),
    ):
        create_report_type(
            actor=system_actor(),
            code=code,
            name=name,
            owner_body=owner,
            area=province,
            period_type="quarter",
            reporter_level=level,
            reporter_kinds=[Body.Kind.PARTY_COMMITTEE],
            recipients="Ban Dân vận Tỉnh ủy\nLưu Văn phòng",
        )
    for username, area, role in (
        ("can.bo.xa", commune, Membership.Role.EDITOR),
        ("duyet.xa", commune, Membership.Role.APPROVER),
        ("duyet.tinh", province, Membership.Role.APPROVER),
    ):
        user = User.objects.create_user(username, password=PASSWORD)
        Membership.objects.create(user=user, area=area, role=role)
    today = timezone.localdate()
    return {"body": body, "owner": owner, "quarter": (today.month - 1) // 3 + 1}


def sign_in(browser, live_server, username: str):
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    # The steps ask "are you sure?" (data-confirm): the officer says yes.
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def open_draft(page, live_server, type_name: str) -> Report:
    """The new report page: the type and the quarter under way."""
    page.goto(f"{live_server.url}/reports/new/")
    page.get_by_label("Loại báo cáo").select_option(label=type_name)
    page.get_by_role("button", name="Mở dự thảo").click()
    page.wait_for_url(re.compile(r"/reports/\d+/$"))
    pk = int(page.url.rstrip("/").rsplit("/", 1)[1])
    return Report.objects.get(pk=pk)


def step(page, name: str, done: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    page.get_by_text(done).wait_for()


def approve(page) -> None:
    """The approve form loads in place of its link; its defaults kept."""
    page.get_by_role("link", name="Duyệt", exact=True).click()
    page.get_by_role("button", name="Duyệt và cấp số").click()
    page.get_by_text("Báo cáo đã được duyệt, số").wait_for()


def paper(page, live_server, report: Report) -> tuple[str, str]:
    """The text of the report's DOCX and PDF, downloaded as the reader."""
    import docx
    from pypdf import PdfReader

    base = f"{live_server.url}/reports/{report.pk}"
    response = page.context.request.get(f"{base}/report.docx")
    assert response.ok
    document = docx.Document(io.BytesIO(response.body()))
    words = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            words.extend(cell.text for cell in row.cells)
    response = page.context.request.get(f"{base}/report.pdf", timeout=120_000)
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(response.body()))
    printed = "\n".join(p.extract_text() for p in pdf.pages)
    return "\n".join(words), printed


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_a_commune_report_goes_round_to_the_province(
    browser, live_server, cycle, tmp_path
):
    # The commune's officer opens the quarter's draft and edits a section.
    officer = sign_in(browser, live_server, "can.bo.xa")
    report = open_draft(officer, live_server, COMMUNE_TYPE)
    assert report.body == cycle["body"]
    section = officer.locator("#section-situation")
    assert "chưa có" in section.inner_text()  # the system's sentence
    editor = section.locator(".section-editor")
    editor.click()
    officer.keyboard.press("Control+A")
    officer.keyboard.type(EDITED)
    officer.keyboard.press("Enter")
    section.get_by_role("button", name="Danh sách gạch đầu dòng").click()
    officer.keyboard.type("Tổ chức 4 hội nghị đối thoại")
    section.locator(".section-state.saved").wait_for()
    officer.screenshot(path=tmp_path / "editor.png")
    saved = report.sections.get(key="situation")
    assert EDITED in saved.text
    assert "<li>Tổ chức 4 hội nghị đối thoại</li>" in saved.text
    assert saved.version >= 2
    step(officer, "Trình duyệt", "Đã trình duyệt báo cáo.")
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    officer.context.close()

    # The commune's approver approves it (numbered) and sends it up.
    approver = sign_in(browser, live_server, "duyet.xa")
    approver.goto(f"{live_server.url}/reports/?tab=approve")
    approver.get_by_role("link", name=COMMUNE_TYPE).click()
    assert EDITED in approver.locator("#section-situation").inner_text()
    approve(approver)
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED
    assert re.fullmatch(r"\d+-BC/ĐU", report.reference)
    assert report.reference in approver.locator("#report-reference").inner_text()
    step(approver, "Gửi cấp trên", "Đã gửi báo cáo lên cấp trên.")
    report.refresh_from_db()
    assert report.status == Report.Status.SENT
    words, printed = paper(approver, live_server, report)
    for text in (words, squeeze(printed)):
        assert report.reference in text
        assert "Tổ chức 4 hội nghị đối thoại" in text
        assert "I. TÌNH HÌNH NHÂN DÂN" in text.upper()
    approver.context.close()

    # The province finds it among its communes' reports.
    province = sign_in(browser, live_server, "duyet.tinh")
    province.goto(f"{live_server.url}/reports/?tab=below")
    row = province.locator(f"#report-{report.pk}")
    assert "Đảng ủy xã Trạm Tấu" in row.inner_text()
    assert report.reference in row.inner_text()
    # Its own draft counts it, and lays its text beside the section.
    own = open_draft(province, live_server, PROVINCE_TYPE)
    assert own.body == cycle["owner"]
    results = province.locator("#section-results")
    assert "1/2" in results.inner_text()
    situation = province.locator("#section-situation")
    situation.locator("details.section-below > summary").click()
    below = situation.locator(".below-panel")
    below.get_by_text(EDITED).wait_for()
    assert "Đảng ủy xã Hạnh Phúc" in below.inner_text()  # not sent yet
    below.get_by_role("button", name="Lấy đoạn này").first.click()
    situation.locator(".section-state.saved").wait_for()
    assert EDITED in own.sections.get(key="situation").text
    province.screenshot(path=tmp_path / "province.png")
    # The province approves its own report; its paper has the annex.
    step(province, "Trình duyệt", "Đã trình duyệt báo cáo.")
    approve(province)
    own.refresh_from_db()
    assert re.fullmatch(r"\d+-BC/TU", own.reference)
    # A comment on a figure: clicking it names it in the section's form.
    results = province.locator("#section-results")
    results.locator('a[data-figure="subunits.sent"]').first.click()
    form = results.locator("form[data-comment-form]")
    assert "1/2" in form.locator(".comment-figure").inner_text()
    form.get_by_label("Nhận xét").fill("Đôn đốc xã Hạnh Phúc gửi báo cáo.")
    form.get_by_role("button", name="Thêm nhận xét").click()
    province.get_by_text("Đã thêm nhận xét.").wait_for()
    comment = own.comments.get()
    assert (comment.figure, comment.figure_label) == ("subunits.sent", "1/2")
    words, printed = paper(province, live_server, own)
    for text in (words, squeeze(printed)):
        assert own.reference in text
        assert EDITED in text
        assert "PHỤ LỤC" in text.upper()
        assert "Đảng ủy xã Trạm Tấu" in text
        assert report.reference in text  # the annex names the commune's number
    province.context.close()


WORD = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
    "<style>p.MsoNormal{margin:0}</style></head><body>"
    "<!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]-->"
    '<p class="MsoNormal" style="margin:0;font-family:Times New Roman">'
    '<span style="font-size:14pt">Đoạn dán từ Word </span><b>in đậm</b>'
    "<o:p></o:p></p>"
    '<p class="MsoListParagraph"><a href="https://example.com/x">liên kết ngoài</a>'
    '<img src="data:image/png;base64,AAAA"></p></body></html>'
)


def test_two_editors_see_each_others_text_and_word_is_cleaned(
    browser, live_server, cycle
):
    """Two officers edit the same section: the later save is refused and
    shows the other's text beside; the officer keeps theirs knowingly.
    Text pasted from Word keeps its words, bold and nothing else. The
    system's draft is taken back in one click."""
    from danvan.datasets.models import Period
    from danvan.reports.models import ReportType
    from danvan.reports.services.reports import open_report

    User.objects.create_user("can.bo.xa.2", password=PASSWORD)
    Membership.objects.create(
        user=User.objects.get(username="can.bo.xa.2"),
        area=cycle["body"].area,
        role=Membership.Role.EDITOR,
    )
    today = timezone.localdate()
    report = open_report(
        actor=system_actor(),
        report_type=ReportType.objects.get(code="e2e-bc-xa-quy"),
        period=Period.objects.of("quarter", today.year, cycle["quarter"]),
        body=cycle["body"],
    )
    url = f"{live_server.url}{report.get_absolute_url()}"
    first = sign_in(browser, live_server, "can.bo.xa")
    second = sign_in(browser, live_server, "can.bo.xa.2")
    first.goto(url)
    second.goto(url)

    def write(page, text: str, key: str = "situation") -> None:
        editor = page.locator(f"#section-{key} .section-editor")
        editor.click()
        page.keyboard.press("Control+A")
        page.keyboard.type(text)

    write(first, "Bản của người thứ nhất.")
    first.locator("#section-situation .section-state.saved").wait_for()
    write(second, "Bản của người thứ hai.")
    conflict = second.locator("#section-situation .section-conflict")
    conflict.wait_for()
    assert "Bản của người thứ nhất." in conflict.locator(".their-text").inner_text()
    # Nothing was overwritten; the second's text is still in their editor.
    situation = report.sections.get(key="situation")
    assert "Bản của người thứ nhất." in situation.text
    assert (
        "Bản của người thứ hai."
        in second.locator("#section-situation .section-editor").inner_text()
    )
    conflict.get_by_role("button", name="Giữ nội dung của tôi").click()
    second.locator("#section-situation .section-state.saved").wait_for()
    situation.refresh_from_db()
    assert "Bản của người thứ hai." in situation.text
    assert situation.versions.count() == 3

    # Pasted from Word: cleaned in the page, then by the server.
    editor = second.locator("#section-democracy .section-editor")
    editor.click()
    second.keyboard.press("Control+A")
    editor.evaluate(
        """(box, html) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "Đoạn dán từ Word in đậm");
            box.dispatchEvent(new ClipboardEvent("paste", {
                clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        WORD,
    )
    second.locator("#section-democracy .section-state.saved").wait_for()
    pasted = report.sections.get(key="democracy").text
    assert "Đoạn dán từ Word" in pasted
    assert "<strong>in đậm</strong>" in pasted
    assert "liên kết ngoài" in pasted
    for junk in ("style", "class", "Mso", "o:p", "href", "<img", "<span", "xml"):
        assert junk not in pasted

    # The connection drops: the text is kept in the browser, and sent when
    # the connection is back.
    second.context.set_offline(True)
    write(second, "Viết khi mất mạng.", key="proposals")
    state = second.locator("#section-proposals .section-state.pending")
    state.wait_for()
    assert "Viết khi mất mạng." not in report.sections.get(key="proposals").text
    second.context.set_offline(False)
    second.locator("#section-proposals .section-state.saved").wait_for()
    assert "Viết khi mất mạng." in report.sections.get(key="proposals").text

    # The system's draft taken back.
    results = second.locator("#section-results")
    drafted = report.sections.get(key="results").drafted
    write(second, "Tạm viết khác.", key="results")
    results.locator(".section-state.saved").wait_for()
    assert report.sections.get(key="results").text == "<p>Tạm viết khác.</p>"
    results.locator("details.section-drafted > summary").click()
    results.get_by_role("button", name="Lấy lại dự thảo của hệ thống").click()
    results.locator(".section-state.saved").wait_for()
    assert report.sections.get(key="results").text == drafted
    first.context.close()
    second.context.close()
