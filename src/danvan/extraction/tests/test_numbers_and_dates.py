import datetime as dt

import pytest

from danvan.extraction.numbers import parse_amount, parse_date, parse_number
from danvan.extraction.timeline import find_meeting, find_period


@pytest.mark.parametrize(
    ("text", "value"),
    [("2.943", 2943), ("1,2", 1.2), ("331,618", 331618), ("12.000", 12000), ("05", 5)],
)
def test_numbers_use_dot_for_thousands_and_comma_for_decimals(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("number", "unit", "value"),
    [
        ("1,2", "tỷ", 1_200_000_000),
        ("350", "triệu", 350_000_000),
        ("500", "nghìn", 500_000),
        ("1,1", "tỷ", 1_100_000_000),
        ("750.000", None, 750_000),
    ],
)
def test_amounts_in_dong(number, unit, value):
    assert parse_amount(number, unit) == value


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("ngày 03/01/2020", dt.date(2020, 1, 3)),
        ("5-3-2019", dt.date(2019, 3, 5)),
        ("20.10.2015", dt.date(2015, 10, 20)),
        ("ngày 15 tháng 9 năm 2025", dt.date(2025, 9, 15)),
        ("12-12-2013", dt.date(2013, 12, 12)),
    ],
)
def test_full_dates(text, date):
    assert parse_date(text) == date


def test_year_less_dates_take_the_year_from_context():
    assert parse_date("Chiều 30-6", year=2020) == dt.date(2020, 6, 30)
    assert parse_date("Sáng ngày 03/10", year=2018) == dt.date(2018, 10, 3)
    assert parse_date("Sáng ngày 03/10") is None
    assert parse_date("ngày 31/02/2020") is None  # not a real day


@pytest.mark.parametrize(
    ("title", "body", "period"),
    [
        ("Giao ban 4 tháng đầu năm 2020", "", ("2020-01-01", "2020-04-30")),
        ("Báo cáo quý I năm 2021", "", ("2021-01-01", "2021-03-31")),
        ("Kết quả Quý III/2024", "", ("2024-07-01", "2024-09-30")),
        (
            "Hội nghị",
            "Đánh giá 6 tháng đầu năm, nhiệm vụ 6 tháng cuối năm 2020.",
            ("2020-01-01", "2020-06-30"),
        ),
        ("Tổng kết công tác dân vận năm 2023", "", ("2023-01-01", "2023-12-31")),
    ],
)
def test_reviewed_periods(title, body, period):
    found = find_period(title, body, None, is_plan=False)
    assert found is not None
    assert (found["start"], found["end"]) == period


def test_forward_looking_periods_and_plans_review_nothing():
    body = "Nhiệm vụ trọng tâm 3 tháng cuối năm 2024 và phương hướng quý IV năm 2024."
    assert find_period("Phương hướng công tác", body, None, is_plan=False) is None
    assert find_period("Kế hoạch 6 tháng đầu năm 2025", "", None, is_plan=True) is None


def test_year_without_month_comes_from_the_publication_date():
    found = find_period(
        "Sơ kết 6 tháng đầu năm", "", dt.date(2022, 7, 2), is_plan=False
    )
    assert found == {"start": "2022-01-01", "end": "2022-06-30"}


@pytest.mark.parametrize(
    ("lead", "kind"),
    [
        (
            "Sáng ngày 03/10, Thường trực Huyện ủy tổ chức Hội nghị giao ban công tác dân vận.",
            "giao ban",
        ),
        (
            "Chiều 30-6, Ban Dân vận tổ chức hội nghị đánh giá công tác dân vận 6 tháng đầu năm.",
            "sơ kết",
        ),
        (
            "Ngày 12/1, Huyện ủy tổ chức Hội nghị tổng kết công tác dân vận năm 2023.",
            "tổng kết",
        ),
        (
            "Ngày 5/4, Ban Dân vận tổ chức lớp tập huấn nghiệp vụ cho cán bộ cơ sở.",
            "tập huấn",
        ),
        ("Sáng 12/9, Đảng ủy xã tổ chức Hội nghị đối thoại với Nhân dân.", "đối thoại"),
        ("Ngày 2/3, Huyện ủy tổ chức Hội nghị học tập chuyên đề năm 2024.", "khác"),
    ],
)
def test_meeting_kind_from_the_lead(lead, kind):
    meeting = find_meeting("Tin hoạt động", lead, dt.date(2024, 5, 1), None)
    assert meeting is not None
    assert meeting["kind"] == kind


def test_meeting_date_with_the_year_from_context():
    lead = "Chiều 30-6, Ban Dân vận Tỉnh ủy tổ chức hội nghị đánh giá công tác 6 tháng đầu năm."
    meeting = find_meeting("x", lead, dt.date(2020, 6, 30), None)
    assert meeting is not None
    assert meeting["date"] == "2020-06-30"
    lead = "Sáng ngày 03/10, Thường trực Huyện ủy tổ chức Hội nghị giao ban."
    period = {"start": "2018-01-01", "end": "2018-09-30"}
    meeting = find_meeting("x", lead, None, period)
    assert meeting is not None
    assert meeting["date"] == "2018-10-03"


def test_a_mentioned_meeting_is_not_the_reported_one():
    body = (
        "Trong quý, Ban Dân vận tham mưu nhiều văn bản quan trọng cho cấp ủy về công "
        "tác dân tộc, tôn giáo và dân chủ ở cơ sở. "
        * 5
        + "Quý tới sẽ tổ chức Hội nghị tập huấn."
    )
    assert find_meeting("Kết quả công tác dân vận quý I", body, None, None) is None


def test_a_sentence_opening_with_the_year_gives_the_period():
    body = "Năm 2023, toàn huyện có 153 mô hình được đăng ký. Kế hoạch năm 2024 sẽ tiếp tục."
    assert find_period("Văn Chấn: hiệu quả mô hình", body, None, is_plan=False) == {
        "start": "2023-01-01",
        "end": "2023-12-31",
    }
    assert (
        find_period(
            "Tin ngắn",
            "Hội nghị đã diễn ra trong năm 2023 và năm 2024.",
            None,
            is_plan=False,
        )
        is None
    )
