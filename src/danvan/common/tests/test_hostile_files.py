"""Hostile files are refused before a parser opens them, with the limit in the message."""

import io
import zipfile

import pytest

from danvan.common.safefiles import (
    ParseLimits,
    ParseRefusedError,
    RowCounter,
    check_zip,
    configured_limits,
)
from danvan.common.tests import hostile
from danvan.extraction.convert import UnreadableInputError, to_text
from danvan.extraction.tests.samples import to_cp1258

MB = 1024 * 1024


def test_docx_zip_bomb_is_refused_from_its_directory():
    bomb = hostile.docx_bomb(unpacked=60 * MB)

    with pytest.raises(UnreadableInputError) as refused:
        to_text(bomb, "bao-cao.docx")

    assert str(refused.value) == (
        "Tệp DOCX bị từ chối: nội dung giải nén vượt 50 MB (có thể là tệp nén độc hại)."
    )


def test_xlsx_zip_bomb_is_refused():
    with pytest.raises(ParseRefusedError) as refused:
        check_zip(
            hostile.xlsx_bomb(unpacked=60 * MB), kind="XLSX", limits=ParseLimits()
        )

    assert "Tệp XLSX bị từ chối: nội dung giải nén vượt 50 MB" in refused.value.message


def test_a_highly_compressed_part_is_refused_below_the_size_limit():
    bomb = hostile.docx_bomb(unpacked=20 * MB)

    with pytest.raises(ParseRefusedError) as refused:
        check_zip(bomb, kind="DOCX", limits=ParseLimits())

    assert "bị nén hơn 200 lần" in refused.value.message


def test_a_part_that_lies_about_its_size_is_refused_as_damaged():
    with pytest.raises(ParseRefusedError) as refused:
        check_zip(hostile.lying_zip(), kind="DOCX", limits=ParseLimits())

    assert refused.value.message == "Tệp DOCX bị hỏng hoặc không phải tệp DOCX."


def test_parts_together_may_not_pass_the_size_limit():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.xml", b"a" * 3 * MB)
        archive.writestr("b.xml", b"b" * 3 * MB)
    limits = ParseLimits(max_unpacked_bytes=5 * MB, max_ratio=10_000)

    with pytest.raises(ParseRefusedError) as refused:
        check_zip(out.getvalue(), kind="DOCX", limits=limits)

    assert "vượt 5 MB" in refused.value.message


@pytest.mark.parametrize(
    "names",
    [["../../etc/passwd"], ["/word/document.xml"], ["C:/word.xml"]],
)
def test_misnamed_parts_are_refused(names):
    with pytest.raises(ParseRefusedError) as refused:
        check_zip(hostile.zip_with(names), kind="DOCX", limits=ParseLimits())

    assert "bất thường hoặc đặt tên sai" in refused.value.message


def test_too_many_parts_are_refused():
    names = [f"word/media/p{i}.xml" for i in range(30)]

    with pytest.raises(ParseRefusedError) as refused:
        check_zip(
            hostile.zip_with(names), kind="DOCX", limits=ParseLimits(max_entries=20)
        )

    assert refused.value.message == "Tệp DOCX bị từ chối: có hơn 20 thành phần."


def test_a_real_docx_passes_and_its_stream_is_rewound():
    from danvan.ingestion.tests.files import docx_bytes

    stream = io.BytesIO(docx_bytes("Báo cáo công tác dân vận"))
    stream.seek(100)

    check_zip(stream, kind="DOCX", limits=ParseLimits())

    assert stream.tell() == 0
    assert "Báo cáo công tác dân vận" in to_text(stream.getvalue(), "a.docx")


def test_a_long_text_is_refused_with_its_limit(settings):
    settings.DANVAN_PARSE_LIMITS = {"max_text_chars": 1000}

    with pytest.raises(UnreadableInputError) as refused:
        to_text(("Dân vận khéo. " * 100).encode(), "dai.txt")

    assert str(refused.value) == "Văn bản bị từ chối: dài hơn 1.000 ký tự."


def test_huge_bytes_are_refused_before_decoding(settings):
    settings.DANVAN_PARSE_LIMITS = {"max_text_chars": 1000}

    with pytest.raises(UnreadableInputError, match=r"dài hơn 1\.000 ký tự"):
        to_text(b"\xff" * 5000, "rac.txt")


def test_a_large_html_page_is_refused_before_parsing(settings):
    settings.DANVAN_PARSE_LIMITS = {"max_html_bytes": 2048}
    page = "<html><body>" + "<p>Dân vận</p>" * 500 + "</body></html>"

    with pytest.raises(UnreadableInputError) as refused:
        to_text(page.encode(), "trang.html")

    assert str(refused.value) == "Tệp HTML bị từ chối: lớn hơn 2 KB."


def test_a_pdf_with_too_many_pages_is_refused(settings):
    settings.DANVAN_PARSE_LIMITS = {"max_pdf_pages": 3}

    with pytest.raises(UnreadableInputError) as refused:
        to_text(hostile.pdf_pages(4), "dai.pdf")

    assert str(refused.value) == "Tệp PDF bị từ chối: có hơn 3 trang."


def test_windows_1258_text_still_reads():
    text = "Ủy ban Mặt trận Tổ quốc xã Trạm Tấu tổ chức hội nghị dân vận khéo."

    assert to_text(to_cp1258(text), "cu.txt") == text


def test_row_counter_skips_blank_rows_but_stops_at_too_many():
    counter = RowCounter(ParseLimits(max_xlsx_rows=2, max_xlsx_blank_rows=3))
    for _ in range(3):
        counter.add(blank=True)
    counter.add(blank=False)
    counter.add(blank=False)

    with pytest.raises(ParseRefusedError, match="có hơn 2 dòng dữ liệu"):
        counter.add(blank=False)
    with pytest.raises(ParseRefusedError, match="có hơn 3 dòng trống"):
        counter.add(blank=True)


def test_limits_come_from_the_settings(settings):
    settings.DANVAN_PARSE_LIMITS = {"max_pdf_pages": 7}
    assert configured_limits().max_pdf_pages == 7
    assert configured_limits().max_text_chars == ParseLimits().max_text_chars

    settings.DANVAN_PARSE_LIMITS = {"max_pages": 7}
    with pytest.raises(ValueError, match="max_pages"):
        configured_limits()


def test_reading_stops_at_the_time_limit():
    counter = RowCounter(ParseLimits(max_seconds=0))

    with pytest.raises(ParseRefusedError) as refused:
        counter.add(blank=False)

    assert refused.value.message == "Tệp XLSX bị từ chối: đọc quá 0 giây."
