"""Hostile sheets are refused early with a message; blank rows do not count; nothing saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.common.tests import hostile
from danvan.initiatives.models import ImportBatch, Initiative

pytestmark = pytest.mark.django_db

HEADERS = ["Name of the model", "Field", "Year of registration", "Area code"]
MB = 1024 * 1024


def upload(client, content):
    """Upload a sheet, then return its batch and the messages of its preview."""
    response = client.post(
        reverse("initiatives:import"),
        {"file": SimpleUploadedFile("mo-hinh.xlsx", content)},
    )
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    preview = client.get(reverse("initiatives:import_preview", args=[batch.token]))
    return batch, preview.context["errors"]


@pytest.fixture
def importer(client, users):
    client.force_login(users["commune"])
    return client


def test_a_zip_bomb_workbook_is_refused(importer):
    batch, errors = upload(importer, hostile.xlsx_bomb(unpacked=60 * MB))

    assert errors == [
        "Tệp XLSX bị từ chối: nội dung giải nén vượt 50 MB (có thể là tệp nén độc hại)."
    ]
    assert batch.status == ImportBatch.Status.REFUSED
    response = importer.post(reverse("initiatives:import_confirm", args=[batch.token]))
    assert response.status_code == 200
    assert not Initiative.objects.exists()


def test_100000_blank_rows_stop_the_reading_with_a_message(importer, tree):
    content = hostile.sheet_with_gap(
        HEADERS, 100_000, [["Mô hình sau dòng trống", "kinh-te", 2025, "04591"]]
    )

    batch, errors = upload(importer, content)

    assert errors == [
        "Bảng tính bị từ chối: có hơn 10.000 dòng trống. "
        "Hãy xoá các dòng trống rồi tải lên lại."
    ]
    assert batch.status == ImportBatch.Status.REFUSED
    assert not Initiative.objects.exists()


def test_written_blank_rows_count_as_blank(importer, settings):
    settings.DANVAN_PARSE_LIMITS = {"max_xlsx_blank_rows": 500}

    _batch, errors = upload(importer, hostile.styled_blank_rows(HEADERS, 600))

    assert errors == [
        "Bảng tính bị từ chối: có hơn 500 dòng trống. "
        "Hãy xoá các dòng trống rồi tải lên lại."
    ]


def test_blank_rows_do_not_count_towards_the_row_limit(importer, tree, settings):
    settings.DANVAN_PARSE_LIMITS = {"max_xlsx_rows": 2}
    rows = [
        ["Mô hình một", "kinh-te", 2025, "04591"],
        ["Mô hình hai", "kinh-te", 2025, "04591"],
    ]

    batch, errors = upload(importer, hostile.sheet_with_gap(HEADERS, 50, rows))

    assert errors == []
    importer.post(reverse("initiatives:import_confirm", args=[batch.token]))
    assert set(Initiative.objects.values_list("name", flat=True)) == {
        "Mô hình một",
        "Mô hình hai",
    }


def test_rows_over_the_limit_are_refused_while_reading(importer, tree, settings):
    settings.DANVAN_PARSE_LIMITS = {"max_xlsx_rows": 2}
    rows = [[f"Mô hình {i}", "kinh-te", 2025, "04591"] for i in range(3)]

    batch, errors = upload(importer, hostile.sheet_with_gap(HEADERS, 0, rows))

    assert errors == [
        "Bảng tính bị từ chối: có hơn 2 dòng dữ liệu. Hãy chia thành nhiều tệp."
    ]
    assert batch.status == ImportBatch.Status.REFUSED
    importer.post(reverse("initiatives:import_confirm", args=[batch.token]))
    assert not Initiative.objects.exists()


def test_columns_past_the_limit_are_not_read(importer, tree, settings):
    settings.DANVAN_PARSE_LIMITS = {"max_xlsx_columns": 4}
    # A cell far to the right neither widens the rows nor breaks the reading.
    row = ["Mô hình rộng", "kinh-te", 2025, "04591", *[None] * 200, "xa"]

    batch, errors = upload(importer, hostile.sheet_with_gap(HEADERS, 0, [row]))

    assert errors == []
    importer.post(reverse("initiatives:import_confirm", args=[batch.token]))
    assert Initiative.objects.get().name == "Mô hình rộng"
