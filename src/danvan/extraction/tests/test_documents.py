"""Whole documents: news pages, formal reports, HTML, DOCX, PDF, encodings."""

import pytest

from danvan.extraction import (
    ExtractionError,
    convert_bytes,
    extract_bytes,
    extract_text,
)
from danvan.extraction.layout import byline_author, is_chrome, publication_date
from danvan.extraction.tests.samples import (
    CONCLUSION_NOTICE,
    FORMAL_REPORT,
    NEWS,
    PORTAL_HTML,
    STATE_REPORT,
    docx_bytes,
    minimal_pdf,
    to_cp1258,
)


@pytest.mark.parametrize(
    "line",
    [
        "Tin Hoạt động >> Chính trị",
        "Trang chủ » Tin tức » Dân vận",
        "Xem cỡ chữ",
        "Gửi cho bạn bè",
        "Các tin khác",
        "Xem nhiều nhất",
        "Đăng nhập",
        "Lượt xem: 47",
        "• Đang online: 11",
        "Tất cả: 331,618",
        "Thấp nhất 13°C, cao nhất 17°C. Trời nhiều mây.",
        "15oC",
        ",",
        "Hôm nay, Chủ nhật ngày 17/01/2021",
        "Thứ Sáu, 1/7/2022",
        "(GMT+7)",
    ],
)
def test_page_chrome_lines(line):
    assert is_chrome(line)


def test_article_lines_are_not_chrome():
    assert not is_chrome(
        "Huyện ủy tổ chức Hội nghị giao ban công tác dân vận 4 tháng đầu năm."
    )
    assert not is_chrome("Quang cảnh hội nghị")


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("16/05/2020 09:44:27 Xem cỡ chữ Google", "2020-05-16"),
        ("Cập nhật lúc18:24, Thứ Ba, 30/06/2020 (GMT+7)", "2020-06-30"),
        ("Ngày đăng: 2025-09-15", "2025-09-15"),
        ("Đăng lúc: 10/07/2024 15:20", "2024-07-10"),
        ("Hôm nay, Chủ nhật ngày 17/01/2021", None),
        ("Thứ Sáu, 1/7/2022", None),
    ],
)
def test_publication_stamps(line, date):
    found = publication_date(line)
    assert (found.isoformat() if found else None) == date


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Kim Thoa", "Kim Thoa"),
        ("Tin, ảnh: Thanh Tuấn", "Thanh Tuấn"),
        ("Ngô Quyền-Văn phòng Huyện ủy", "Ngô Quyền"),
        ("Kim Thoa. Trung tâm Truyền thông và Văn hóa huyện Trạm Tấu", "Kim Thoa"),
        ("Nguyễn Thu Trang (Trung tâm VH-TT huyện)", "Nguyễn Thu Trang"),
        ("(baoyenbai.com.vn)", None),
        ("Thông tin mới nhất", None),
    ],
)
def test_bylines(line, author):
    assert byline_author(line) == author


def test_news_article():
    facts = extract_text(NEWS)
    assert (
        facts["title"]
        == "Huyện Mù Cang Chải sơ kết 6 tháng đầu năm 2024 công tác dân vận"
    )
    assert facts["published"] == "2024-07-10"
    assert facts["period"] == {"start": "2024-01-01", "end": "2024-06-30"}
    assert facts["meeting"] == {"kind": "sơ kết", "date": "2024-07-08"}
    assert facts["authors"] == ["Nguyễn Thu Trang"]
    assert {(r["kind"], r["number"], r["symbol"]) for r in facts["doc_refs"]} == {
        ("Nghị định", "30", "2020/NĐ-CP"),
        ("Công văn", "125", "UBND-VP"),
    }
    assert {p["name"]: p["position"] for p in facts["people"]} == {
        "Lò Văn Pao": "Bí thư Huyện ủy",
        "Giàng A Thào": "Trưởng Ban Dân vận Huyện ủy",
    }
    assert {(p["name"], p["level"]) for p in facts["places"]} == {
        ("Mù Cang Chải", "huyện"),
        ("Khao Mang", "xã"),
        ("Yên Bái", "tỉnh"),
    }
    assert {(f["kind"], str(f["value"])) for f in facts["figures"]} == {
        ("money", "1100000000"),
        ("count", "3500"),
        ("percent", "100"),
        ("ratio", "[13, 14]"),
        ("count", "180"),
        ("money", "40000000"),
        ("count", "250"),
        ("count", "2"),
    }
    assert facts["movements"] == [
        "Ngày Chủ nhật xanh",
        "Dân vận khéo",
        "Nâng bước em tới trường",
    ]
    for chrome in (
        "Trang chủ",
        "Thứ Tư, 10/07/2024",
        "Tin liên quan",
        "Bản quyền",
        "Lượt xem",
    ):
        assert chrome not in facts["body"]
    assert "đóng góp gần 1,1 tỷ đồng" in facts["body"]


def test_formal_report():
    facts = extract_text(FORMAL_REPORT)
    assert facts["title"] == "Báo cáo kết quả công tác dân vận 9 tháng đầu năm 2025"
    assert facts["published"] is None
    assert facts["authors"] == []
    assert facts["period"] == {"start": "2025-01-01", "end": "2025-09-30"}
    own = facts["doc_refs"][0]
    assert (own["kind"], own["number"], own["symbol"], own["date"]) == (
        "Báo cáo",
        "12",
        "BC/ĐU",
        "2025-09-25",
    )
    assert {(r["kind"], r["number"]) for r in facts["doc_refs"]} == {
        ("Báo cáo", "12"),
        ("Kế hoạch", "05"),
        ("Hướng dẫn", "12"),
        ("Quy định", "11"),
    }
    people = {p["name"]: p["position"] for p in facts["people"]}
    assert people["Lò Văn Minh"].lower() == "phó bí thư"  # the signer
    assert people["Giàng A Páo"] == "Bí thư Đảng ủy, Chủ tịch HĐND xã"
    assert {(p["name"], p["level"]) for p in facts["places"]} == {
        ("Lào Cai", "tỉnh"),
        ("Trạm Tấu", "xã"),
        ("Tà Xùa", "thôn"),
    }
    assert ("count", 1200) in [(f["kind"], f["value"]) for f in facts["figures"]]


def test_a_plan_reviews_no_period():
    plan = FORMAL_REPORT.replace("BÁO CÁO", "KẾ HOẠCH").replace(
        "Số 12-BC/ĐU", "Số 30-KH/ĐU"
    )
    plan = plan.replace(
        "Kết quả công tác dân vận 9 tháng đầu năm 2025", "Công tác dân vận năm 2026"
    )
    facts = extract_text(plan)
    assert facts["title"] == "Kế hoạch công tác dân vận năm 2026"
    assert facts["period"] is None
    assert (facts["doc_refs"][0]["kind"], facts["doc_refs"][0]["symbol"]) == (
        "Kế hoạch",
        "KH/ĐU",
    )


def test_html_page_of_a_portal():
    facts = extract_bytes(PORTAL_HTML.encode("utf-8"), "tin.html")
    assert (
        facts["title"] == "Xã Trạm Tấu đối thoại với Nhân dân về chuyển đổi cây trồng"
    )
    assert facts["published"] == "2025-09-15"
    assert facts["meeting"] == {"kind": "đối thoại", "date": "2025-09-12"}
    assert facts["authors"] == ["Thu Hà"]
    assert [p["name"] for p in facts["people"]] == ["Hoàng Thị Mai", "Sùng A Lử"]
    for chrome in (
        "Trang chủ",
        "Liên hệ",
        "Tin liên quan",
        "Bản quyền",
        "Nguyễn Văn Bình",
    ):
        assert chrome not in facts["body"]


def test_docx_with_its_header_table():
    lines = FORMAL_REPORT.split("\n")
    header = ("\n".join(lines[:4]), "\n".join(lines[4:6]))
    data = docx_bytes(header, lines[7:])
    facts = extract_bytes(data, "bao-cao.docx")
    assert facts["title"] == "Báo cáo kết quả công tác dân vận 9 tháng đầu năm 2025"
    assert facts["doc_refs"][0]["date"] == "2025-09-25"


def test_pdf_text_layer():
    data = minimal_pdf(["Bao cao ket qua cong tac dan van", "Nam 2025 co 21 mo hinh."])
    assert "Bao cao ket qua cong tac dan van" in convert_bytes(data, "x.pdf")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_text_in_common_encodings(encoding):
    text = (
        "Hội nghị giao ban công tác dân vận 9 tháng đầu năm 2018 tại huyện Kim Sơn. "
        "Đồng chí Hoàng Văn Thắng chủ trì; các đại biểu đã thảo luận sôi nổi."
    )
    data = to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    assert convert_bytes(data, "x.txt") == text


def test_decomposed_unicode_and_icelandic_eth_are_normalised():
    text = "Tin hoạt động trong tỉnh hôm nay\nĐồng chí Ðặng Xua\u0302n Hu\u0300ng, Trưởng Ban Dân vận Tỉnh ủy phát biểu."
    facts = extract_text(text)
    assert facts["people"][0]["name"] == "Đặng Xuân Hùng"


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "empty.txt", "rỗng"),
        (b"PK\x03\x04broken zip", "x.docx", "DOCX"),
        (b"%PDF-1.4\n%%EOF", "x.pdf", "PDF"),
        (bytes(range(256)) * 20, "x.bin", "văn bản|bảng mã"),
    ],
)
def test_unreadable_inputs_have_a_reason(data, name, reason):
    with pytest.raises(ExtractionError, match=reason):
        extract_bytes(data, name)


def test_state_report_with_its_signature_block():
    facts = extract_text(STATE_REPORT)
    assert (
        facts["title"]
        == "Báo cáo kết quả thực hiện công tác dân vận chính quyền năm 2025"
    )
    assert facts["period"] == {"start": "2025-01-01", "end": "2025-12-31"}
    assert [(r["kind"], r["number"], r["symbol"]) for r in facts["doc_refs"]] == [
        ("Báo cáo", "87", "BC-UBND"),
        ("Kế hoạch", "12", "KH-UBND"),
        ("Luật", "10", "2022/QH15"),
    ]
    assert facts["doc_refs"][0]["date"] == "2025-12-05"
    assert facts["people"] == [{"name": "Vàng Seo Sử", "position": "Phó chủ tịch"}]
    assert ("ratio", [10, 11]) in [(f["kind"], f["value"]) for f in facts["figures"]]


def test_html_publication_date_only_when_the_page_states_it():
    no_meta = PORTAL_HTML.replace(
        '<meta property="article:published_time" content="2025-09-15T08:30:00+07:00">',
        "",
    )
    assert extract_bytes(no_meta.encode(), "a.html")["published"] == "2025-09-15"
    bare = no_meta.replace(
        '<div class="meta">Ngày đăng: 15/09/2025 08:30 | Lượt xem: 231</div>', ""
    )
    # Only the portal's "Thứ Hai, 22/09/2025" header is left: not a publication date.
    assert extract_bytes(bare.encode(), "a.html")["published"] is None


def test_section_labels_separated_by_bars_are_chrome():
    assert is_chrome("Thời sự | Chính trị | Dân vận")
    facts = extract_text(
        "Thời sự | Chính trị | Dân vận\nVăn Chấn: Hiệu quả từ mô hình “Bữa cơm 0 đồng”\n"
        "Năm 2023, toàn huyện có 153 mô hình “Dân vận khéo” được đăng ký và công nhận."
    )
    assert facts["title"] == "Văn Chấn: Hiệu quả từ mô hình “Bữa cơm 0 đồng”"


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Quang Anh - Minh Thu", ["Quang Anh", "Minh Thu"]),
        ("Tin, ảnh: Hoàng Anh, Thu Hà", ["Hoàng Anh", "Thu Hà"]),
        ("Hoàng Anh và Thu Hà", ["Hoàng Anh", "Thu Hà"]),
        ("Quang Anh - Báo Lào Cai", ["Quang Anh"]),
        ("Theo Báo Lào Cai", []),
    ],
)
def test_bylines_with_several_authors(line, authors):
    from danvan.extraction.layout import byline_authors

    assert byline_authors(line) == authors


def test_a_conclusion_notice_reports_on_its_meeting():
    facts = extract_text(CONCLUSION_NOTICE)
    assert facts["title"].startswith("Thông báo kết luận của Thường trực Đảng ủy")
    assert facts["meeting"] == {"kind": "giao ban", "date": "2025-10-08"}
    assert facts["period"] == {"start": "2025-07-01", "end": "2025-09-30"}
    assert facts["doc_refs"][0]["symbol"] == "TB/ĐU"
    assert {p["name"] for p in facts["people"]} == {"Phạm Văn Hòa", "Đinh Thị Mai"}
    # A formal report that only mentions a meeting reports on none.
    assert extract_text(FORMAL_REPORT)["meeting"] is None
