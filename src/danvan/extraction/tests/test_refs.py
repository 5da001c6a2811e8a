import pytest

from danvan.extraction.refs import find_refs


def refs(text):
    return [(r.kind, r.number, r.symbol, r.date, r.issuer) for r in find_refs(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kế hoạch số 106-KH/HU ngày 03/01/2020 của Huyện ủy",
            ("Kế hoạch", "106", "KH/HU", "2020-01-03", "Huyện ủy"),
        ),
        ("Hướng dẫn 36-HD/VPTW", ("Hướng dẫn", "36", "HD/VPTW", None, None)),
        ("Quy định số 66-QĐ/TW", ("Quy định", "66", "QĐ/TW", None, None)),
        ("Quy định 11-QĐi/TW", ("Quy định", "11", "QĐi/TW", None, None)),
        (
            "Chương trình hành động số 147-CTHĐ/TU ngày 09/5/2019",
            ("Chương trình hành động", "147", "CTHĐ/TU", "2019-05-09", None),
        ),
        (
            "Quy chế số 02-QC/BTCTU-BDVTU",
            ("Quy chế", "02", "QC/BTCTU-BDVTU", None, None),
        ),
        ("Hướng dẫn số 05-HD/BTGDVTU", ("Hướng dẫn", "05", "HD/BTGDVTU", None, None)),
        (
            "Quyết định số 367-QĐ/TWĐTN-VP",
            ("Quyết định", "367", "QĐ/TWĐTN-VP", None, None),
        ),
        ("Kế hoạch số 70/KH-UBND", ("Kế hoạch", "70", "KH-UBND", None, None)),
        (
            "Quyết định số 1500/QĐ-UBND ngày 15 tháng 9 năm 2025",
            ("Quyết định", "1500", "QĐ-UBND", "2025-09-15", None),
        ),
        (
            "Nghị quyết số 42/NQ-CP của Chính phủ",
            ("Nghị quyết", "42", "NQ-CP", None, "Chính phủ"),
        ),
        ("Nghị định 30/2020/NĐ-CP", ("Nghị định", "30", "2020/NĐ-CP", None, None)),
        ("Công văn số 125/UBND-VP", ("Công văn", "125", "UBND-VP", None, None)),
        ("Hướng dẫn số 20/HD-MTTW-BTT", ("Hướng dẫn", "20", "HD-MTTW-BTT", None, None)),
        ("Luật số 10/2022/QH15", ("Luật", "10", "2022/QH15", None, None)),
        ("Quyết định số 217/QĐ-TW", ("Quyết định", "217", "QĐ-TW", None, None)),
        ("Nghị quyết 42 của Chính phủ", ("Nghị quyết", "42", None, None, "Chính phủ")),
        (
            "Chỉ thị số 49 ngày 20/10/2015 của Ban Bí thư",
            ("Chỉ thị", "49", None, "2015-10-20", "Ban Bí thư"),
        ),
        ("Đề án 61", ("Đề án", "61", None, None, None)),
        ("Thông báo kết luận số 15-TB/TU", ("Thông báo", "15", "TB/TU", None, None)),
        (
            "Chương trình phối hợp số 03-CTr/BDVTU",
            ("Chương trình", "03", "CTr/BDVTU", None, None),
        ),
        (
            "Nghị quyết số 60-NQ/TW, ngày 12/4/2025 của Hội nghị lần thứ 11",
            ("Nghị quyết", "60", "NQ/TW", "2025-04-12", "Hội nghị"),
        ),
        (
            "Kết luận số 215-KL/TW ngày 23/11/2025",
            ("Kết luận", "215", "KL/TW", "2025-11-23", None),
        ),
        ("Kế hoạch 106 - KH/HU", ("Kế hoạch", "106", "KH/HU", None, None)),
        ("Báo cáo số: 25-BC/HU", ("Báo cáo", "25", "BC/HU", None, None)),
        (
            "theo Chỉ thị 05 của Bộ Chính trị",
            ("Chỉ thị", "05", None, None, "Bộ Chính trị"),
        ),
    ],
)
def test_references_in_both_grammars(text, expected):
    assert refs(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Nghị quyết Trung ương 4 khóa XII",
        "Luật An ninh mạng",
        "Kế hoạch công tác năm 2021",
        "Kế hoạch 2021 của huyện",
        "Tổ công tác 1902 năm 2020",
        "các nghị quyết, kế hoạch, chương trình hành động của Tỉnh ủy",
        "quyết định 3 nội dung quan trọng",
        "Quy chế dân chủ 2021",
        "Chương trình, Quy chế phối hợp công tác",
        "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX",
    ],
)
def test_unnumbered_documents_and_lookalikes_are_not_references(text):
    assert refs(text) == []


def test_each_document_once_and_short_forms_join_it():
    text = (
        "Hướng dẫn số 05-HD/BTGDVTU ngày 02/3/2026 (sau đây gọi tắt là Hướng dẫn 05). "
        "Thực hiện Hướng dẫn 05, các xã đã triển khai; Chỉ thị số 05 của Bộ Chính trị."
    )
    found = refs(text)
    assert [(k, n) for k, n, *_ in found] == [("Hướng dẫn", "05"), ("Chỉ thị", "05")]
    assert found[0][3] == "2026-03-02"


def test_nested_references_are_both_listed():
    text = (
        "Kết luận số 07-KL/TW, ngày 20/6/2011 của Ban Bí thư (khóa XI) về tiếp tục thực "
        "hiện Chỉ thị số 62-CT/TW ngày 08/11/1995 của Ban Bí thư Trung ương Đảng"
    )
    assert [(k, n, s, d) for k, n, s, d, _ in refs(text)] == [
        ("Kết luận", "07", "KL/TW", "2011-06-20"),
        ("Chỉ thị", "62", "CT/TW", "1995-11-08"),
    ]


def test_a_bare_symbol_is_read_by_its_code():
    assert refs("thực hiện 106-KH/HU và 30/2020/NĐ-CP") == [
        ("Kế hoạch", "106", "KH/HU", None, None),
        ("Nghị định", "30", "2020/NĐ-CP", None, None),
    ]
