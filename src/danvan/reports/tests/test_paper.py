"""The paper of a report: DOCX (Party and State layouts) opened again with
python-docx, the annex workbook with openpyxl, and the section HTML as runs."""

from __future__ import annotations

import io
import re

import docx
import openpyxl
import pytest
from docx.document import Document as DocxDocument

from danvan.reports import paper
from danvan.reports.annex import annex_xlsx
from danvan.reports.html import clean_html
from danvan.reports.models import Layout, Report
from danvan.reports.tests.paper_world import approve, bodies_of, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def paper_bodies(tree):
    return bodies_of(tree)


def opened(content: bytes) -> DocxDocument:
    return docx.Document(io.BytesIO(content))


def lines(cell) -> list[str]:
    return [p.text for p in cell.paragraphs]


def run_of(paragraphs, text):
    for paragraph in paragraphs:
        for run in paragraph.runs:
            if text in run.text:
                return run
    raise AssertionError(f"{text!r} not found")


def texts_of(document: DocxDocument) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_a_draft_party_report_has_the_header_with_a_blank_number(paper_bodies):
    report = make_report(paper_bodies["commune"], paper_bodies["province"])
    document = opened(paper.render_docx(report))

    header = document.tables[0]
    left, right = header.cell(0, 0), header.cell(0, 1)
    assert lines(left) == [
        "ĐẢNG BỘ TỈNH LÀO CAI",
        "ĐẢNG ỦY XÃ TRẠM TẤU",
        "*",
        "Số       -BC/ĐU",
    ]
    assert run_of(left.paragraphs, "ĐẢNG ỦY XÃ TRẠM TẤU").bold
    party = run_of(right.paragraphs, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert party.bold
    assert party.underline
    date_line = run_of(right.paragraphs, "ngày")
    assert date_line.italic
    assert re.fullmatch(r"Trạm Tấu, ngày +tháng +năm \d{4}", date_line.text)
    # "DỰ THẢO" at the top of every page.
    assert document.sections[0].header.paragraphs[0].text == "DỰ THẢO"

    texts = texts_of(document)
    title = texts.index("BÁO CÁO")
    assert texts[title + 1] == "Kết quả thực hiện công tác dân vận quý I năm 2026"
    assert run_of(document.paragraphs, "Kết quả thực hiện công tác dân vận quý").bold


def test_sections_are_numbered_from_their_level(paper_bodies):
    report = make_report(paper_bodies["commune"], paper_bodies["province"])
    texts = texts_of(opened(paper.render_docx(report)))
    headings = [t for t in texts if re.match(r"^([IVX]+|\d+)\. ", t)]
    assert headings[:6] == [
        "I. TÌNH HÌNH NHÂN DÂN",
        "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC DÂN VẬN",
        "1. Công tác lãnh đạo, chỉ đạo của cấp ủy",
        "2. Công tác dân vận của chính quyền",
        "3. Phong trào thi đua “Dân vận khéo”",
        "III. HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN",
    ]
    assert "V. ĐỀ XUẤT, KIẾN NGHỊ" in texts
    # A numbered list goes on from its section's heading: "a)" under "2.".
    assert "a) Tổ chức 4 cuộc đối thoại;" in texts
    assert "b) Tiếp 20 lượt công dân." in texts
    heading = next(
        p
        for p in opened(paper.render_docx(report)).paragraphs
        if p.text == "I. TÌNH HÌNH NHÂN DÂN"
    )
    assert heading.runs[0].bold
    assert heading.paragraph_format.keep_with_next


def test_section_html_becomes_runs_lists_and_breaks(paper_bodies):
    report = make_report(paper_bodies["commune"], paper_bodies["province"])
    document = opened(paper.render_docx(report))
    texts = texts_of(document)
    situation = next(p for p in document.paragraphs if p.text.startswith("Tình hình"))
    assert situation.text == (
        "Tình hình Nhân dân trên địa bàn xã cơ bản ổn định; "
        "Nhân dân tin tưởng vào sự lãnh đạo của Đảng."
    )
    styles = [(r.text, bool(r.bold), bool(r.italic)) for r in situation.runs]
    assert ("cơ bản ổn định", True, False) in styles
    assert ("tin tưởng", False, True) in styles
    assert styles[0] == ("Tình hình Nhân dân trên địa bàn xã ", False, False)
    # A link keeps its words; lists are written as offices type them.
    assert "Ban hành 12 văn bản, trong đó:" in texts
    assert "- 3 kế hoạch;" in texts
    assert "- 2 hướng dẫn" in texts
    assert "+ Hướng dẫn số 05-HD/ĐU" in texts
    # A line break starts a line of its own (never a stretched justified one).
    assert texts[texts.index("Dòng một") + 1] == "dòng hai"


def test_the_foot_and_the_annex_follow_the_text(paper_bodies):
    report = make_report(paper_bodies["commune"], paper_bodies["province"])
    document = opened(paper.render_docx(report))
    foot = document.tables[1]
    recipients, signature = foot.cell(0, 0), foot.cell(0, 1)
    assert lines(recipients) == [
        "Nơi nhận:",
        "- Ban Tuyên giáo và Dân vận Tỉnh ủy (b/c),",
        "- Các chi bộ,",
        "- Lưu Văn phòng Đảng ủy.",
    ]
    assert run_of(recipients.paragraphs, "Nơi nhận:").underline
    assert lines(signature)[0] == "T/M BAN THƯỜNG VỤ"

    texts = texts_of(document)
    assert texts.index("PHỤ LỤC") > texts.index("V. ĐỀ XUẤT, KIẾN NGHỊ")
    assert "(Kèm theo Báo cáo của Đảng ủy xã Trạm Tấu)" in texts
    assert "Biểu số 01: Kết quả công tác dân vận" in texts
    assert "Số liệu đến ngày 15/3/2026." in texts
    annex = document.tables[2]
    assert [c.text for c in annex.rows[0].cells] == [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Kết quả",
    ]
    assert [c.text for c in annex.rows[1].cells] == [
        "1",
        "Tiền huy động",
        "đồng",
        "15.000.000",
    ]
    assert annex.rows[2].cells[1].text == "Mô hình đăng ký"
    assert annex.rows[3].cells[3].text == "1,5"
    # Figures are right-aligned; the header row repeats on every page.
    assert annex.rows[1].cells[3].paragraphs[0].alignment == 2
    header_row = annex.rows[0]._tr.trPr
    assert header_row is not None
    assert header_row.xpath("./w:tblHeader")
    # The annex begins a page of its own.
    assert len(document.sections) == 2


def test_an_approved_report_carries_its_number_and_date(paper_bodies):
    report = approve(make_report(paper_bodies["commune"], paper_bodies["province"]))
    assert re.fullmatch(r"\d{2}-BC/ĐU", report.reference)
    document = opened(paper.render_docx(report))
    left, right = document.tables[0].cell(0, 0), document.tables[0].cell(0, 1)
    assert lines(left)[-1] == f"Số {report.reference}"
    assert lines(right)[-1] == "Trạm Tấu, ngày 05 tháng 4 năm 2026"
    assert document.sections[0].header.paragraphs[0].text == ""
    assert lines(document.tables[1].cell(0, 1))[-2:] == ["", "Nguyễn Văn Minh"]
    assert lines(document.tables[1].cell(0, 1))[:2] == [
        "T/M BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ",
    ]
    assert (
        f"(Kèm theo Báo cáo số {report.reference} ngày 05/04/2026 "
        "của Đảng ủy xã Trạm Tấu)"
    ) in texts_of(document)
    # The file kept on the register entry is the one served.
    kept = paper.stored_docx(report)
    assert kept is not None
    with kept.file.open("rb") as handle:
        assert paper.paper_docx(report) == handle.read()


def test_a_report_returned_after_approval_is_a_draft_again(paper_bodies):
    report = approve(make_report(paper_bodies["commune"], paper_bodies["province"]))
    report.status = Report.Status.RETURNED
    report.save()
    document = opened(paper.render_docx(report))
    assert lines(document.tables[0].cell(0, 0))[-1] == "Số       -BC/ĐU"
    assert document.sections[0].header.paragraphs[0].text == "DỰ THẢO"
    assert paper.stored_docx(report) is None
    assert paper.file_name(report, "docx").startswith("Báo cáo dự thảo ")


def test_a_board_writes_its_committee_above_and_its_head_signs(paper_bodies):
    report = make_report(paper_bodies["board"], paper_bodies["province"])
    document = opened(paper.render_docx(report))
    assert lines(document.tables[0].cell(0, 0)) == [
        "TỈNH ỦY LÀO CAI",
        "BAN TUYÊN GIÁO VÀ DÂN VẬN",
        "*",
        "Số       -BC/BTGDVTU",
    ]
    foot = document.tables[1]
    # Not "T/M BAN THƯỜNG VỤ" (the type's default): the head of the board.
    assert lines(foot.cell(0, 1))[0] == "TRƯỞNG BAN"
    assert lines(foot.cell(0, 0))[-1] == "- Lưu Văn phòng Ban."


def test_a_state_body_writes_the_state_layout(paper_bodies):
    report = make_report(paper_bodies["ubnd"], paper_bodies["ubnd"])
    assert paper.layout_of(report) == Layout.STATE
    document = opened(paper.render_docx(report))
    left, right = document.tables[0].cell(0, 0), document.tables[0].cell(0, 1)
    assert lines(left) == [
        "ỦY BAN NHÂN DÂN",
        "XÃ TRẠM TẤU",
        "",  # the short line under the issuer
        "Số:       /BC-UBND",
    ]
    assert run_of(left.paragraphs, "XÃ TRẠM TẤU").bold
    assert lines(right)[:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert run_of(right.paragraphs, "Độc lập").bold
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in "\n".join(lines(right))
    foot = document.tables[1]
    assert lines(foot.cell(0, 0))[-1] == "- Lưu: VT."
    received = run_of(foot.cell(0, 0).paragraphs, "Nơi nhận:")
    assert received.bold
    assert received.italic
    # The Party default capacity becomes "TM." the issuing body.
    assert lines(foot.cell(0, 1))[0] == "TM. ỦY BAN NHÂN DÂN"


def test_the_type_may_choose_the_state_layout_for_a_party_body(paper_bodies):
    report = make_report(
        paper_bodies["commune"], paper_bodies["province"], layout=Layout.STATE
    )
    document = opened(paper.render_docx(report))
    assert lines(document.tables[0].cell(0, 0))[-1] == "Số:       /BC-ĐU"


def test_pasted_word_text_and_empty_sections_come_out_right(paper_bodies):
    pasted = clean_html(
        '<p class="MsoNormal" style="margin:0"><span style="font-family:Arial">'
        "Đoàn&nbsp;viên   <b>tham gia</b></span><o:p></o:p></p>"
        "<!--[if gte mso 9]><xml>junk</xml><![endif]-->"
        '<p class="MsoListParagraph"><i>Ghi chú</i></p>'
    )
    report = make_report(
        paper_bodies["commune"],
        paper_bodies["province"],
        texts={"situation": pasted},
        annex=[],
    )
    document = opened(paper.render_docx(report))
    texts = texts_of(document)
    assert "Đoàn\u00a0viên tham gia" in texts
    assert "Ghi chú" in texts
    assert "junk" not in "\n".join(texts)
    # An empty section keeps its heading; no annex, no annex page.
    assert "V. ĐỀ XUẤT, KIẾN NGHỊ" in texts
    assert "PHỤ LỤC" not in texts
    assert len(document.sections) == 1


def test_blocks_of_html():
    paras = paper.blocks(
        "text before<p> a  <strong>b</strong> c </p><ol><li>x<ol><li>y</li>"
        "<li>z</li></ol></li><li>w</li></ol><p> </p>"
    )
    assert [p.plain for p in paras] == [
        "text before",
        "a b c",
        "1. x",
        "a) y",
        "b) z",
        "2. w",
    ]
    assert [(r.text, r.bold) for r in paras[1].runs] == [
        ("a ", False),
        ("b", True),
        (" c", False),
    ]
    assert paper.blocks("") == []
    assert [p.plain for p in paper.blocks("<ol><li>x</li></ol>", level=2)] == ["a) x"]
    assert [p.plain for p in paper.blocks("<ol><li>x</li></ol>", level=3)] == ["1) x"]
    assert [p.plain for p in paper.blocks("<p>a <br> b<br></p>")] == ["a", "b"]
    # A paragraph inside an item keeps the item's marker; an empty item none.
    assert [
        p.plain for p in paper.blocks("<ul><li><p>a</p></li><li></li></ul><p>b</p>")
    ] == ["- a", "b"]
    assert paper.roman(14) == "XIV"
    assert [paper.letter(n) for n in (1, 5, 23, 24)] == ["a", "đ", "y", "aa"]


def test_a_wide_annex_gets_a_landscape_page(paper_bodies):
    wide = [
        {
            "title": "Số liệu theo xã",
            "columns": [f"Cột {n}" for n in range(9)],
            "rows": [[n] * 9 for n in range(3)],
        },
        "not a table",
        {"title": "rỗng"},
    ]
    report = make_report(paper_bodies["commune"], paper_bodies["province"], annex=wide)
    document = opened(paper.render_docx(report))
    annex_section = document.sections[1]
    width, height = annex_section.page_width, annex_section.page_height
    assert width is not None
    assert height is not None
    assert width > height
    assert len(document.tables) == 3  # header, foot, the one good table


def test_annex_workbook(paper_bodies):
    report = make_report(paper_bodies["commune"], paper_bodies["province"])
    book = openpyxl.load_workbook(io.BytesIO(annex_xlsx(report)))
    assert book.sheetnames == ["Biểu 01"]
    sheet = book["Biểu 01"]
    assert sheet["A1"].value == "Biểu số 01: Kết quả công tác dân vận"
    assert sheet["A2"].value.startswith("Kèm theo Báo cáo của Đảng ủy xã Trạm Tấu")
    assert [c.value for c in sheet[4]] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả"]
    assert [c.value for c in sheet[5]] == [1, "Tiền huy động", "đồng", 15000000]
    assert sheet["B6"].value == "Mô hình đăng ký"
    # Text that looks like a formula stays text.
    assert sheet["B7"].value == "=SUM(A1:A2)"
    assert sheet["B7"].quotePrefix
    assert sheet["D7"].value == 1.5
    assert sheet["A9"].value == "Số liệu đến ngày 15/3/2026."
    assert sheet.freeze_panes == "A5"


def test_annex_workbook_without_tables(paper_bodies):
    report = make_report(paper_bodies["commune"], paper_bodies["province"], annex=[])
    sheet = openpyxl.load_workbook(io.BytesIO(annex_xlsx(report))).active
    assert sheet["A3"].value == "Báo cáo không có bảng phụ lục."
