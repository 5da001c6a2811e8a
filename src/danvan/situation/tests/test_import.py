"""The XLSX import: preview then confirm, all or nothing, a bad row named."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from danvan.situation.models import Entry
from danvan.situation.spreadsheet import headers
from danvan.situation.tests.factories import EntryFactory

pytestmark = pytest.mark.django_db

GOOD: list[list[Any]] = [
    [
        dt.date(2026, 8, 3),
        "quý III/2026",
        "Đất đai, bồi thường, giải phóng mặt bằng",
        "Trung Tâm",
        "Đảng ủy xã Trạm Tấu",
        "Phức tạp",
        "Tranh chấp đất nương",
        "Chi bộ thôn",
        "Hòa giải",
    ],
    [
        "15/09/2026",
        "quarter:2026:3",
        "religion",
        "",
        "dang uy xa tram tau",
        "ổn định",
        "Sinh hoạt tôn giáo bình thường",
        "",
        "",
    ],
]


def workbook(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(headers())
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("tinh-hinh.xlsx", data)


def test_preview_then_confirm(users: Any, bodies: Any, tree: Any) -> None:
    client = Client()
    client.force_login(users["commune"])
    url = reverse("situation:import")
    response = client.post(url, {"file": upload(workbook(GOOD))})
    text = response.content.decode()
    assert "Tranh chấp đất nương" in text
    assert not Entry.objects.exists()  # a preview saves nothing
    token = response.context["token"]
    response = client.post(url, {"token": token})
    assert response.status_code == 302
    first, second = Entry.objects.order_by("observed_on")
    assert first.area == tree["village"]
    assert first.assessment == "complex"
    assert second.area == tree["commune"]
    assert second.topic.code == "religion"


def test_a_bad_row_is_named_and_nothing_saved(users: Any, bodies: Any) -> None:
    bad = [*GOOD, [dt.date(2026, 8, 3), "quý IX/2026", "Không có", "", "", "", ""]]
    client = Client()
    client.force_login(users["commune"])
    response = client.post(reverse("situation:import"), {"file": upload(workbook(bad))})
    text = response.content.decode()
    assert "Dòng 4" in text
    assert "không rõ kỳ" in text
    assert "không có chủ đề" in text
    assert "chưa có tóm tắt" in text
    assert "token" not in response.context
    assert not Entry.objects.exists()


def test_a_row_the_service_refuses(users: Any, bodies: Any) -> None:
    future = [[dt.date(2026, 9, 30), "quý IV/2026", *GOOD[0][2:]]]
    client = Client()
    client.force_login(users["commune"])
    response = client.post(
        reverse("situation:import"), {"file": upload(workbook([*GOOD, *future]))}
    )
    assert "Dòng 4" in response.content.decode()
    assert not Entry.objects.exists()


def test_another_communes_body_is_refused(users: Any, bodies: Any) -> None:
    row = [*GOOD[1][:4], "Đảng ủy xã Hạnh Phúc", *GOOD[1][5:]]
    client = Client()
    client.force_login(users["commune"])
    response = client.post(
        reverse("situation:import"), {"file": upload(workbook([row]))}
    )
    assert "Dòng 2" in response.content.decode()
    assert not Entry.objects.exists()


def test_not_a_workbook(users: Any, bodies: Any) -> None:
    client = Client()
    client.force_login(users["commune"])
    response = client.post(
        reverse("situation:import"), {"file": upload(b"not a zip at all")}
    )
    assert "XLSX" in response.content.decode()


def test_a_changed_token_is_refused(users: Any, bodies: Any) -> None:
    client = Client()
    client.force_login(users["commune"])
    response = client.post(reverse("situation:import"), {"token": "x:y"})
    assert "tải tệp lên lại" in response.content.decode()
    assert not Entry.objects.exists()


def test_export_then_import_round_trip(users: Any, bodies: Any, tree: Any) -> None:
    EntryFactory.create(body=bodies["commune"], area=tree["village"])
    client = Client()
    client.force_login(users["commune"])
    exported = client.get(reverse("situation:export")).content
    response = client.post(reverse("situation:import"), {"file": upload(exported)})
    client.post(reverse("situation:import"), {"token": response.context["token"]})
    assert Entry.objects.filter(area=tree["village"]).count() == 2


def test_command(tmp_path: Path, users: Any, bodies: Any) -> None:
    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook(GOOD))
    call_command("situation_import", str(good), user="commune")
    assert Entry.objects.count() == 2
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook([*GOOD, [None, "", "", "", "", "", "Ổn định"]]))
    with pytest.raises(CommandError, match="Dòng 4"):
        call_command("situation_import", str(bad), user="commune")
    assert Entry.objects.count() == 2
    with pytest.raises(CommandError):
        call_command("situation_import", str(good), user="nobody")
