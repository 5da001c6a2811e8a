"""Minutes and conclusion notices as DOCX, opened again with python-docx."""

import datetime as dt
import re

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.shared import Length, Pt

from danvan.common.actors import system_actor
from danvan.meetings import services
from danvan.meetings.models import GeneratedDocument

pytestmark = pytest.mark.django_db
D = dt.date


def opened(generated: GeneratedDocument) -> DocxDocument:
    with generated.file.open("rb") as handle:
        return docx.Document(handle)


def mm(length: Length | None) -> int:
    assert length is not None
    millimetres: float = length.mm
    return round(millimetres)


def cell_lines(cell) -> list[str]:
    return [p.text for p in cell.paragraphs]


def run_of(cell, text):
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            if text in run.text:
                return run
    raise AssertionError(f"{text!r} not in {cell_lines(cell)}")


def test_notice_has_the_party_header_number_and_date_line(
    settings, tmp_path, concluded, terms, users
):
    settings.MEDIA_ROOT = tmp_path
    notice = services.generate_notice(actor=users["commune"], meeting=concluded)
    assert notice.file.name is not None
    assert notice.file.name.endswith(".docx")
    assert (tmp_path / notice.file.name).exists()
    document = opened(notice)

    header = document.tables[0]
    left, right = header.cell(0, 0), header.cell(0, 1)
    assert cell_lines(left) == [
        "ĐẢNG BỘ TỈNH LÀO CAI",
        "ĐẢNG ỦY XÃ TRẠM TẤU",
        "*",
        "Số 01-TB/ĐU",
    ]
    assert run_of(left, "ĐẢNG ỦY XÃ TRẠM TẤU").bold
    assert not run_of(left, "ĐẢNG BỘ TỈNH LÀO CAI").bold
    party = run_of(right, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert party.bold
    assert party.underline
    date_line = run_of(right, "ngày")
    assert date_line.text == "Trạm Tấu, ngày 05 tháng 10 năm 2026"
    assert date_line.italic
    assert re.fullmatch(r"Số \d{2,}-TB/ĐU", cell_lines(left)[-1])

    texts = [p.text for p in document.paragraphs]
    assert "THÔNG BÁO" in texts
    subject = texts[texts.index("THÔNG BÁO") + 1]
    assert subject == (
        "Kết luận của đồng chí Nguyễn Văn Minh, Phó Bí thư Thường trực Đảng ủy xã "
        "tại Hội nghị giao ban công tác dân vận tháng 9/2026"
    )
    title = next(p for p in document.paragraphs if p.text == "THÔNG BÁO")
    assert title.alignment == 1  # centred
    assert title.runs[0].bold
    body = "\n".join(texts)
    assert "1. Tiếp tục tuyên truyền, vận động phòng, chống tảo hôn." in body
    assert "2. Chuẩn bị tổ chức đối thoại" in body
    assert (
        "- Giao Ủy ban MTTQ Việt Nam xã Trạm Tấu chủ trì thực hiện; "
        "hoàn thành trước ngày 31/10/2026." in body
    )
    assert "tháng 9/2026 (từ ngày 01/09/2026 đến ngày 30/09/2026)." in body
    # The task of the August meeting still open is carried forward.
    assert "Rà soát, nắm tình hình tôn giáo ở thôn Mới" in body

    foot = document.tables[1]
    recipients, signature = foot.cell(0, 0), foot.cell(0, 1)
    lines = cell_lines(recipients)
    assert lines[0] == "Nơi nhận:"
    assert run_of(recipients, "Nơi nhận:").underline
    assert "- Các đồng chí dự hội nghị," in lines
    assert "- Ủy ban MTTQ Việt Nam xã Trạm Tấu," in lines
    assert lines[-1] == "- Lưu Văn phòng Đảng ủy."
    signed = [line for line in cell_lines(signature) if line]
    assert signed == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn Minh"]


def test_paper_is_times_new_roman_14_on_a4(settings, tmp_path, concluded, terms):
    settings.MEDIA_ROOT = tmp_path
    document = opened(services.generate_notice(actor=system_actor(), meeting=concluded))
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman"
    assert normal.size == Pt(14)
    section = document.sections[0]
    # Stored in twips: compare in whole millimetres.
    size = [mm(v) for v in (section.page_width, section.page_height)]
    assert size == [210, 297]
    margins = [
        mm(m)
        for m in (
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ]
    assert margins == [20, 20, 30, 15]
    # The header and foot tables have no borders (no table style).
    for table in document.tables:
        assert table.style is None or table.style.name == "Normal Table"


def test_minutes_are_numbered_bb_with_the_meeting_record(
    settings, tmp_path, concluded, terms
):
    settings.MEDIA_ROOT = tmp_path
    minutes = services.generate_minutes(actor=system_actor(), meeting=concluded)
    assert minutes.reference == "01-BB/ĐU"
    document = opened(minutes)
    left = document.tables[0].cell(0, 0)
    assert cell_lines(left)[-1] == "Số 01-BB/ĐU"
    date_run = run_of(document.tables[0].cell(0, 1), "ngày")
    assert date_run.text == "Trạm Tấu, ngày 05 tháng 10 năm 2026"
    assert date_run.italic
    texts = [p.text for p in document.paragraphs]
    assert "BIÊN BẢN" in texts
    assert "Hội nghị giao ban công tác dân vận tháng 9/2026" in texts
    body = "\n".join(texts)
    assert "I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN" in body
    assert "- Địa điểm: Hội trường Đảng ủy xã." in body
    assert "+ Giàng A Sử, Chủ tịch Ủy ban MTTQ Việt Nam xã;" in body
    assert "+ Đại diện Công an xã;" in body
    assert "NHIỆM VỤ CHUYỂN TIẾP TỪ HỘI NGHỊ TRƯỚC" in body
    assert "KẾT LUẬN CỦA CHỦ TRÌ HỘI NGHỊ" in body
    signature = [line for line in cell_lines(document.tables[1].cell(0, 1)) if line]
    assert signature == ["CHỦ TRÌ HỘI NGHỊ", "Nguyễn Văn Minh"]
    # Minutes: the secretary signs on the left; the recipients follow the table.
    assert cell_lines(document.tables[1].cell(0, 0))[0] == "THƯ KÝ"
    assert texts[-2:] == ["Nơi nhận:", "- Lưu Văn phòng Đảng ủy."]


def test_a_board_writes_its_committee_above_and_signs_for_the_head(
    settings, tmp_path, make_meeting, bodies, people, terms
):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(
        convening_body=bodies["board"],
        title="Giao ban công tác dân vận quý III/2026",
        held_on=D(2026, 10, 9),
        chair=people["deputy"],
        period_type="quarter",
        period_number=3,
    )
    notice = services.generate_notice(actor=system_actor(), meeting=meeting)
    document = opened(notice)
    assert cell_lines(document.tables[0].cell(0, 0)) == [
        "TỈNH ỦY LÀO CAI",
        "BAN TUYÊN GIÁO VÀ DÂN VẬN",
        "*",
        "Số 01-TB/BTGDVTU",
    ]
    assert run_of(document.tables[0].cell(0, 1), "ngày").text == (
        "Lào Cai, ngày 09 tháng 10 năm 2026"
    )
    signature = [line for line in cell_lines(document.tables[1].cell(0, 1)) if line]
    assert signature == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Lò Thị Hoa"]
    recipients = cell_lines(document.tables[1].cell(0, 0))
    assert recipients[1] == "- Thường trực Tỉnh ủy Lào Cai (b/c),"
    assert recipients[-1] == "- Lưu Văn phòng Ban."


def test_a_former_district_committee_writes_its_former_province(
    settings, tmp_path, make_meeting, bodies, terms
):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(
        convening_body=bodies["district"],
        title="Hội nghị giao ban khối dân vận 6 tháng đầu năm 2021",
        held_on=D(2021, 7, 12),
        chair=None,
        chair_name="đồng chí Nguyễn Văn Minh, Phó Bí thư Huyện ủy",
        period_type="6m",
        period_year=2021,
    )
    document = opened(services.generate_notice(actor=system_actor(), meeting=meeting))
    assert cell_lines(document.tables[0].cell(0, 0))[:2] == [
        "ĐẢNG BỘ TỈNH YÊN BÁI",
        "HUYỆN ỦY TRẠM TẤU",
    ]
    assert run_of(document.tables[0].cell(0, 1), "ngày").text == (
        "Trạm Tấu, ngày 12 tháng 7 năm 2021"
    )
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index("THÔNG BÁO") + 1] == (
        "Kết luận của đồng chí Nguyễn Văn Minh, Phó Bí thư Huyện ủy "
        "tại Hội nghị giao ban khối dân vận 6 tháng đầu năm 2021"
    )
    signature = [line for line in cell_lines(document.tables[1].cell(0, 1)) if line]
    assert signature == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn Minh"]
    assert cell_lines(document.tables[1].cell(0, 0))[-1] == "- Lưu Văn phòng Huyện ủy."


def test_signature_and_recipients_can_be_set(settings, tmp_path, concluded, terms):
    settings.MEDIA_ROOT = tmp_path
    notice = services.generate_notice(
        actor=system_actor(),
        meeting=concluded,
        issued_on=D(2026, 10, 7),
        signer_capacity="T/L BAN THƯỜNG VỤ",
        signer_title="CHÁNH VĂN PHÒNG",
        signer_name="Sùng A Páo",
        recipients=["- Các chi bộ trực thuộc,", "- Lưu Văn phòng Đảng ủy."],
    )
    document = opened(notice)
    assert run_of(document.tables[0].cell(0, 1), "ngày").text == (
        "Trạm Tấu, ngày 07 tháng 10 năm 2026"
    )
    assert [line for line in cell_lines(document.tables[1].cell(0, 1)) if line] == [
        "T/L BAN THƯỜNG VỤ",
        "CHÁNH VĂN PHÒNG",
        "Sùng A Páo",
    ]
    assert cell_lines(document.tables[1].cell(0, 0))[1:] == [
        "- Các chi bộ trực thuộc,",
        "- Lưu Văn phòng Đảng ủy.",
    ]
