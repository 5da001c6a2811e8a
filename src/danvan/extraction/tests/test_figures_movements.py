import pytest

from danvan.extraction.figures import find_figures
from danvan.extraction.movements import find_movements
from danvan.extraction.numbers import find_full_dates
from danvan.extraction.refs import find_refs


def figures(text):
    spans = [(a, b) for a, b, _ in find_full_dates(text)]
    spans += [(r.start, r.end) for r in find_refs(text)]
    return [(f.kind, f.value) for f in find_figures(text, spans)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("đề ra 31 chỉ tiêu chủ yếu", [("count", 31)]),
        ("tổng số 2.943 mô hình", [("count", 2943)]),
        ("01 cuộc với Hội viên Hội Nông dân", [("count", 1)]),
        ("100% xã, phường, thị trấn", [("percent", 100)]),
        ("đạt 95,5% kế hoạch", [("percent", 95.5)]),
        ("9/9 huyện, thị, thành phố", [("ratio", [9, 9])]),
        ("với tổng số tiền 178 triệu đồng", [("money", 178_000_000)]),
        ("gần 1,1 tỷ đồng", [("money", 1_100_000_000)]),
        ("100 triệu đồng/hộ", [("money", 100_000_000)]),
        ("hơn 180 hộ", [("count", 180)]),
        ("ít nhất 01 mô hình", [("count", 1)]),
        ("1.200 ngày công", [("count", 1200)]),
        ("phấn đấu 100% thôn có mô hình", [("percent", 100)]),
        ("750.000 đồng", [("money", 750_000)]),
        ("2,5 triệu lượt người", [("count", 2_500_000)]),
    ],
)
def test_figures(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "4 tháng đầu năm 2020",
        "5 năm thực hiện",
        "90 năm ngày truyền thống (15-10-1930 - 15-10-2020)",
        "Kế hoạch số 106-KH/HU ngày 03/01/2020",
        "Chỉ thị số 05 của Bộ Chính trị",
        "Đại hội lần thứ 11",
        "nhiệm kỳ 2020 - 2025",
        "dịch COVID-19",
        "gia đình “5 không, 3 sạch”",
        "“Bữa cơm 0 đồng”",
        "Quý I/2021",
        "Sáng ngày 03/10, hội nghị",
        "Nghị quyết Trung ương 4 khóa XII",
        "đợt 1",
        "Tổ công tác 1902 năm 2020",
        "1. Công tác lãnh đạo",
        "hiến 12.000 m2 đất",
    ],
)
def test_not_figures(text):
    assert figures(text) == []


def movements(text):
    return [m.text for m in find_movements(text)]


def test_quoted_movements_in_canonical_form():
    text = (
        'mô hình "Dân vận khéo (DVK)” và phong trào "DVK”; Quỹ “Đền ơn đáp nghĩa”; '
        "cuộc vận động “Ngày vì người nghèo”; mô hình “xanh, sạch, đẹp, sáng”."
    )
    assert movements(text) == [
        "Dân vận khéo",
        "Đền ơn đáp nghĩa",
        "Ngày vì người nghèo",
        "xanh, sạch, đẹp, sáng",
    ]


def test_theme_years():
    assert set(movements("thực hiện chủ đề năm “Dân vận khéo” 2020")) == {
        "Dân vận khéo",
        "Năm Dân vận khéo 2020",
    }
    assert movements("kết quả năm dân vận chính quyền 2018 chưa rõ") == [
        "Năm dân vận chính quyền 2018"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "những biểu hiện “tự diễn biến”, “tự chuyển hóa”",
        "quan điểm “dân là gốc”",
        "phương châm “dân biết, dân bàn, dân làm, dân kiểm tra”",
        "hoạt động của các “đạo lạ”",
        "Kế hoạch “Nâng cao chất lượng công tác dân vận giai đoạn 2021-2025”",
        "Chỉ thị số 49 về “Tăng cường và đổi mới công tác dân vận của Đảng”",
        "theo phương châm “bám dân, sát cơ sở”",
    ],
)
def test_political_terms_mottos_and_document_subjects_are_not_movements(text):
    assert movements(text) == []


def test_money_with_dong_is_not_confused_with_comrades():
    assert figures("5 đồng chí dự hội nghị") == [("count", 5)]
