import datetime as dt
from io import BytesIO

from openpyxl import load_workbook

from danvan.common.xlsx import workbook_bytes, xlsx_response


def test_workbook_keeps_headers_values_and_dates():
    data = workbook_bytes(
        "Văn bản",
        ["Số", "Ngày"],
        [["106-KH/HU", dt.date(2020, 1, 3)], ["42/NQ-CP", None]],
    )
    sheet = load_workbook(BytesIO(data)).active
    assert [c.value for c in sheet[1]] == ["Số", "Ngày"]
    assert sheet["A2"].value == "106-KH/HU"
    assert sheet["B2"].value.date() == dt.date(2020, 1, 3)
    assert sheet["B3"].value in ("", None)


def test_response_is_an_attachment():
    response = xlsx_response("van-ban.xlsx", "Văn bản", ["Số"], [["1"]])
    assert response["Content-Disposition"] == 'attachment; filename="van-ban.xlsx"'
    assert response.content.startswith(b"PK")
