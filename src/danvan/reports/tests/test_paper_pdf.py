"""The PDF of a report, made by LibreOffice and opened again with pypdf."""

from __future__ import annotations

import fcntl
import io
import re
from typing import Any

import pytest
from django.utils import translation
from pypdf import PdfReader

from danvan.reports import office, paper
from danvan.reports.models import Layout
from danvan.reports.tests.paper_world import approve, bodies_of, make_report

pytestmark = pytest.mark.django_db
needs_office = pytest.mark.skipif(
    not office.available(), reason="LibreOffice is not installed (make office)"
)


@pytest.fixture
def paper_bodies(tree):
    return bodies_of(tree)


def pages(content: bytes) -> list[str]:
    assert content.startswith(b"%PDF-")
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def fonts(content: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        resources: Any = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


@needs_office
def test_the_pdf_of_an_approved_report_carries_its_number_sections_and_annex(
    paper_bodies,
):
    report = approve(make_report(paper_bodies["commune"], paper_bodies["province"]))
    content = paper.render_pdf(report)
    text = "\n".join(pages(content))
    assert f"Số {report.reference}" in text
    assert re.search(r"Số \d{2}-BC/ĐU", text)
    for words in (
        "ĐẢNG BỘ TỈNH LÀO CAI",
        "ĐẢNG ỦY XÃ TRẠM TẤU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Trạm Tấu, ngày 05 tháng 4 năm 2026",
        "BÁO CÁO",
        "I. TÌNH HÌNH NHÂN DÂN",
        "1. Công tác lãnh đạo, chỉ đạo của cấp ủy",
        "cơ bản ổn định",
        "+ Hướng dẫn số 05-HD/ĐU",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
        "Nơi nhận:",
        "T/M BAN THƯỜNG VỤ",
        "Nguyễn Văn Minh",
        "PHỤ LỤC",
        "Tiền huy động",
        "15.000.000",
    ):
        assert words in text, words
    assert "DỰ THẢO" not in text
    # Laid out in Times New Roman's metric twin, which has the Vietnamese letters.
    used = fonts(content)
    assert used
    assert all("LiberationSerif" in name for name in used), used


@needs_office
def test_a_long_section_flows_over_pages_and_the_draft_is_marked_on_each(
    paper_bodies,
):
    long = "".join(
        f"<p>Đoạn {n}: các cấp ủy, chính quyền tiếp tục quán triệt, triển khai "
        "thực hiện có hiệu quả các chủ trương của Đảng, chính sách, pháp luật "
        "của Nhà nước về công tác dân vận trong tình hình mới.</p>"
        for n in range(1, 121)
    )
    report = make_report(
        paper_bodies["commune"],
        paper_bodies["province"],
        texts={"situation": long},
        annex=[],
    )
    texts = pages(paper.render_pdf(report))
    assert len(texts) >= 5
    assert all("DỰ THẢO" in page for page in texts)
    # Numbered from the second page on, at the top.
    for number, page in enumerate(texts[1:], 2):
        assert re.search(rf"^\s*{number}\s*$", page, re.MULTILINE), page[:80]
    assert not re.search(r"^\s*1\s*$", texts[0], re.MULTILINE)
    joined = "\n".join(texts)
    assert "Đoạn 1:" in joined
    assert "Đoạn 120:" in joined
    assert "Số -BC/ĐU" in re.sub(r"\s+", " ", texts[0])
    # The signature never stands alone: the last paragraph goes with it.
    foot = next(i for i, page in enumerate(texts) if "Nơi nhận:" in page)
    assert "V. ĐỀ XUẤT, KIẾN NGHỊ" in texts[foot]


@needs_office
def test_the_pdf_of_a_state_report(paper_bodies):
    report = make_report(paper_bodies["ubnd"], paper_bodies["ubnd"])
    assert paper.layout_of(report) == Layout.STATE
    text = "\n".join(pages(paper.render_pdf(report)))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert re.search(r"Số:\s+/BC-UBND", text)
    assert "TM. ỦY BAN NHÂN DÂN" in text
    assert "Lưu: VT." in text


def test_without_libreoffice_the_pdf_says_why(settings, tmp_path, paper_bodies):
    settings.DANVAN_SOFFICE = str(tmp_path / "no-soffice")
    report = make_report(paper_bodies["commune"], paper_bodies["province"])
    assert not office.available()
    with translation.override("vi"), pytest.raises(office.OfficeUnavailable) as error:
        paper.render_pdf(report)
    assert "LibreOffice" in error.value.message
    assert "chưa được cài đặt" in error.value.message


def test_a_failing_conversion_is_an_office_error(settings, tmp_path):
    failing = tmp_path / "soffice"
    failing.write_text("#!/bin/sh\nexit 3\n")
    failing.chmod(0o755)
    settings.DANVAN_SOFFICE = str(failing)
    with pytest.raises(office.OfficeError) as error:
        office.to_pdf(b"not a docx")
    assert "3" in error.value.message
    assert not isinstance(error.value, office.OfficeUnavailable)


def test_a_busy_office_says_so(settings, tmp_path):
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    settings.DANVAN_SOFFICE = str(program)
    settings.DANVAN_OFFICE_SLOTS = 1
    settings.DANVAN_OFFICE_WAIT = 0.2
    settings.DANVAN_OFFICE_LOCKS = str(tmp_path / "locks")
    with office._slot_path(0).open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        try:
            with translation.override("vi"), pytest.raises(office.OfficeError) as error:
                office.to_pdf(b"busy")
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)
    assert "đang bận" in error.value.message
    # Free again: the (fake) program runs, and writes no PDF.
    with pytest.raises(office.OfficeError) as error:
        office.to_pdf(b"free")
    assert "0" in error.value.message
