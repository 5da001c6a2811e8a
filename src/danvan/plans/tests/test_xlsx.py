"""A plan's targets as XLSX, out and in: a round trip, a bad file refused
whole with every bad row listed, the pages and the commands."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from danvan.common.actors import system_actor
from danvan.plans import spreadsheet
from danvan.plans.exceptions import ImportRefusedError
from danvan.plans.models import Target
from danvan.plans.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db

HEADER = [
    "STT",
    "Nhóm",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Giá trị cơ sở",
    "Giá trị chỉ tiêu",
    "Chiều",
    "Năm đạt",
    "Cơ quan chủ trì",
    "Góp phần thực hiện chỉ tiêu số",
]


def _book(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def _targets(plan):
    return [
        (t.code, t.name, t.unit, t.baseline, t.target_value, t.direction, t.due_year)
        for t in plan.targets.select_related("group").order_by("group__order", "order")
    ]


def test_round_trip(plans, tree, bodies):
    source = plans["commune"]
    spreadsheet_bytes = spreadsheet.export_bytes(source)
    sheet = load_workbook(io.BytesIO(spreadsheet_bytes)).active
    first = [c.value for c in sheet[2]]
    assert first[0] == "1.1"
    assert first[6] == "càng cao càng tốt"
    assert first[9] == "1.1"  # serves the province's first target
    copy = PlanFactory.create(
        area=tree["commune"], body=bodies["commune"], parent=plans["province"]
    )
    count = spreadsheet.import_targets(
        actor=system_actor(), plan=copy, stream=io.BytesIO(spreadsheet_bytes)
    )
    assert count == 2
    assert _targets(copy) == _targets(source)
    assert [t.serves for t in copy.targets.order_by("order")] == plans["top"]
    # Read again, the same file changes nothing and adds nothing.
    spreadsheet.import_targets(
        actor=system_actor(), plan=copy, stream=io.BytesIO(spreadsheet_bytes)
    )
    assert _targets(copy) == _targets(source)


def test_numbers_typed_the_vietnamese_way_and_new_groups(plans):
    plan = plans["commune"]
    stream = _book(
        [
            [
                "1.1",
                "Kinh tế - xã hội",
                "Mô hình sửa lại",
                "mô hình",
                "1",
                "2,5",
                "",
                "",
                "",
                "",
            ],
            [
                "5.1",
                "Chuyển đổi số",
                "Xã có cổng thông tin",
                "xã",
                None,
                "15.000",
                "tối thiểu",
                2025,
                "Đảng ủy xã Trạm Tấu",
                "",
            ],
        ]
    )
    assert (
        spreadsheet.import_targets(actor=system_actor(), plan=plan, stream=stream) == 2
    )
    changed = plan.targets.get(group__order=1, order=1)
    assert (changed.name, changed.target_value) == ("Mô hình sửa lại", Decimal("2.5"))
    new = plan.targets.get(group__name="Chuyển đổi số")
    assert new.target_value == Decimal(15000)
    assert new.direction == "at_least"
    assert new.responsible_body is not None
    assert new.responsible_body.name == "Đảng ủy xã Trạm Tấu"


def test_a_bad_file_is_refused_whole_listing_every_bad_row(plans):
    plan = plans["commune"]
    before = list(Target.objects.values_list("pk", "name", "target_value"))
    stream = _book(
        [
            ["1.1", "Kinh tế - xã hội", "Đổi tên hợp lệ", "", "", "3", "", "", "", ""],
            ["1.x", "Kinh tế - xã hội", "Số sai", "", "", "3", "", "", "", ""],
            ["1.7", "Kinh tế - xã hội", "", "", "", "ba", "", "", "", ""],
            [
                "1.8",
                "Kinh tế - xã hội",
                "Chiều lạ",
                "",
                "",
                "3",
                "ngang",
                "1990",
                "",
                "",
            ],
            [
                "1.9",
                "Kinh tế - xã hội",
                "Cơ quan lạ",
                "",
                "",
                "3",
                "",
                "",
                "Ban không có",
                "9.9",
            ],
            ["1.1", "Kinh tế - xã hội", "Trùng số", "", "", "3", "", "", "", ""],
        ]
    )
    with pytest.raises(ImportRefusedError) as refused:
        spreadsheet.import_targets(actor=system_actor(), plan=plan, stream=stream)
    errors = refused.value.errors
    assert [e.split(":")[0] for e in errors] == [
        f"Row {n}" if errors[0].startswith("Row") else f"Dòng {n}"
        for n in (3, 4, 5, 6, 7)
    ]
    assert "1.x" in errors[0]
    assert "ba" in errors[1]
    assert "ngang" in errors[2]
    assert "1990" in errors[2]
    assert "Ban không có" in errors[3]
    assert "9.9" in errors[3]
    assert list(Target.objects.values_list("pk", "name", "target_value")) == before


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"not a workbook", "XLSX"), (None, "")],
)
def test_an_unreadable_file_or_sheet_is_refused(plans, content, words):
    if content is None:
        book = Workbook()
        book.active.append(["Tên", "Khác"])
        out = io.BytesIO()
        book.save(out)
        content = out.getvalue()
    with pytest.raises(ImportRefusedError) as refused:
        spreadsheet.import_targets(
            actor=system_actor(), plan=plans["commune"], stream=io.BytesIO(content)
        )
    assert len(refused.value.errors) == 1
    assert words in refused.value.errors[0]


def test_the_pages_download_and_import(client, users, plans):
    plan = plans["commune"]
    client.force_login(users["commune"])
    response = client.get(reverse("plans:targets_export", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxml")
    bad = _book([["1.1", "Kinh tế - xã hội", "", "", "", "", "", "", "", ""]])
    bad.name = "bad.xlsx"
    url = reverse("plans:targets_import", args=[plan.pk])
    page = client.post(url, {"file": bad})
    assert page.status_code == 200
    assert "Row 2" in page.content.decode() or "Dòng 2" in page.content.decode()
    good = io.BytesIO(response.content)
    good.name = "good.xlsx"
    assert client.post(url, {"file": good}).status_code == 302


def test_the_commands(plans, tmp_path):
    plan = plans["commune"]
    path = tmp_path / "chi-tieu.xlsx"
    call_command("plan_targets_export", plan.pk, str(path))
    assert path.stat().st_size > 0
    out = io.StringIO()
    call_command("plan_targets_import", plan.pk, str(path), stdout=out)
    assert "2 targets" in out.getvalue()
    path.write_bytes(b"junk")
    with pytest.raises(CommandError):
        call_command("plan_targets_import", plan.pk, str(path))
    with pytest.raises(CommandError):
        call_command("plan_targets_export", 999999, str(path))
