"""XLSX: the template, export then import gives the same registrations, a bad
row refuses the whole file with row-by-row messages, cancel saves nothing."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from danvan.initiatives import spreadsheet
from danvan.initiatives.models import ImportBatch, Initiative

pytestmark = pytest.mark.django_db

COMPARED = [
    "name",
    "field_id",
    "kind",
    "year",
    "continuing",
    "area_id",
    "body_id",
    "level",
    "problem",
    "goals",
    "content",
    "place",
    "beneficiaries",
    "lead_forces",
    "partner_forces",
    "money_vnd",
    "working_days",
    "socialized",
    "socialized_vnd",
    "start_date",
    "end_date",
    "timeline",
    "expected_outputs",
    "sustainability",
    "person_in_charge",
    "adopted_from_id",
]


def snapshot(initiative):
    values = {name: getattr(initiative, name) for name in COMPARED}
    values["criteria"] = [(c.name, c.target, c.unit) for c in initiative.criteria.all()]
    return values


def upload(client, content, name="mo-hinh.xlsx"):
    return client.post(
        reverse("initiatives:import"),
        {"file": SimpleUploadedFile(name, content)},
    )


def sheet(rows, headers=None):
    book = Workbook()
    ws = book.active
    ws.append(headers or [str(c.label) for c in spreadsheet.IMPORTED])
    for row in rows:
        ws.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def test_export_then_import_gives_the_same_data(
    client, tree, users, registered, make_initiative, bodies, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    origin = registered(tree["commune"], "Mô hình gốc của xã")
    made = [
        make_initiative(
            tree["commune"],
            "Con đường bê tông nghĩa tình",
            socialized="Xi măng, cát",
            socialized_vnd=12_500_000,
            timeline="Quý I: khảo sát\nQuý II–IV: thi công",
            expected_outputs="3 km đường",
            sustainability="Tổ tự quản duy tu",
            adopted_from=origin,
            continuing=True,
        ),
        make_initiative(
            tree["village"],
            "Tổ hòa giải “3 không”",
            field="quoc-phong-an-ninh",
            kind="individual",
            criteria=[
                {"name": "Vụ việc hòa giải", "unit": "vụ", "target": Decimal("12.5")}
            ],
            money_vnd=0,
            start_date=None,
            end_date=None,
        ),
        make_initiative(
            tree["commune"], "Trường học thân thiện", body=bodies["school"]
        ),
    ]
    client.force_login(users["commune"])
    response = client.get(reverse("initiatives:export"), {"status": "draft"})
    assert response.status_code == 200
    exported = response.content
    before = {i.name: snapshot(i) for i in made}

    Initiative.objects.filter(pk__in=[i.pk for i in made]).delete()
    response = upload(client, exported)
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert batch.status == "pending"
    assert batch.rows == 3
    # The exported ids are now free: the rows are new registrations.
    preview = client.get(reverse("initiatives:import_preview", args=[batch.token]))
    assert preview.context["errors"] == []
    response = client.post(reverse("initiatives:import_confirm", args=[batch.token]))
    assert response.status_code == 302
    after = {
        i.name: snapshot(i)
        for i in Initiative.objects.exclude(pk=origin.pk).prefetch_related("criteria")
    }
    assert after == before
    batch.refresh_from_db()
    assert batch.status == "imported"
    assert not batch.file


def test_a_bad_row_refuses_the_whole_file_with_messages_per_row(
    client, tree, users, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    good = ["", "Mô hình tốt", "Kinh tế", "Tập thể", 2025, "", "04591", "Xã Trạm Tấu"]
    rows = [
        good,
        ["", "", "Không có", "", 2025, "", "04591"],
        ["", "Mô hình xã bên", "Kinh tế", "", 2025, "", "04585", "Xã Hạnh Phúc"],
        ["", "Ngày sai", "kinh tế", "", "năm nay", "", "04591"],
        good,
    ]
    client.force_login(users["commune"])
    upload(client, sheet(rows))
    batch = ImportBatch.objects.get()
    assert batch.status == "refused"
    preview = client.get(reverse("initiatives:import_preview", args=[batch.token]))
    errors = preview.context["errors"]
    text = "\n".join(errors)
    assert "Dòng 3: Tên mô hình là bắt buộc." in text
    assert "Dòng 3: Lĩnh vực “Không có” không có trong danh sách." in text
    assert "Dòng 4: Bạn không được đăng ký mô hình cho Xã Hạnh Phúc." in text
    assert "Dòng 5: Năm đăng ký: “năm nay” không phải là số nguyên." in text
    assert "Dòng 6: Mô hình này xuất hiện hai lần trong tệp." in text
    assert not any(e.startswith("Dòng 2:") for e in errors)
    # Confirming does nothing; nothing was saved.
    response = client.post(reverse("initiatives:import_confirm", args=[batch.token]))
    assert response.status_code == 200
    assert not Initiative.objects.exists()


def test_cancel_saves_nothing_and_drops_the_file(
    client, tree, users, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(users["commune"])
    upload(client, sheet([["", "Mô hình", "Kinh tế", "", 2025, "", "04591"]]))
    batch = ImportBatch.objects.get()
    stored = tmp_path / batch.file.name
    assert stored.exists()
    assert not Initiative.objects.exists()
    response = client.post(reverse("initiatives:import_cancel", args=[batch.token]))
    assert response.status_code == 302
    assert not stored.exists()
    batch.refresh_from_db()
    assert batch.status == "cancelled"
    assert not Initiative.objects.exists()
    # A closed batch cannot be confirmed afterwards.
    response = client.post(reverse("initiatives:import_confirm", args=[batch.token]))
    assert response.status_code == 404


def test_english_headers_and_reused_codes(client, tree, users, settings, tmp_path):
    """Code 04591 was xã Pá Lau before 2025 and is xã Trạm Tấu now."""
    settings.MEDIA_ROOT = tmp_path
    headers = [
        "Name of the model",
        "Field",
        "Year of registration",
        "Area code",
        "Area",
    ]
    rows = [
        ["Mới", "kinh-te", 2025, "04591", "Xã Trạm Tấu"],
        ["Cũ", "kinh-te", 2024, "04591", "Xã Pá Lau"],
    ]
    client.force_login(users["commune"])
    upload(client, sheet(rows, headers))
    batch = ImportBatch.objects.get()
    client.post(reverse("initiatives:import_confirm", args=[batch.token]))
    areas = dict(Initiative.objects.values_list("name", "area_id"))
    assert areas == {"Mới": tree["commune"].pk, "Cũ": tree["pa_lau"].pk}


def test_a_file_that_is_not_a_workbook(client, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(users["commune"])
    upload(client, b"not a workbook")
    batch = ImportBatch.objects.get()
    preview = client.get(reverse("initiatives:import_preview", args=[batch.token]))
    assert preview.context["errors"] == ["Tệp không phải là bảng tính XLSX đọc được."]


def test_template_has_the_import_columns(client, users, tree):
    client.force_login(users["commune"])
    response = client.get(reverse("initiatives:import_template"))
    book = load_workbook(BytesIO(response.content))
    headers = [c.value for c in book.worksheets[0][1]]
    assert headers[1] == "Tên mô hình"
    assert len(headers) == len(spreadsheet.IMPORTED)
    notes = "\n".join(str(r[0].value or "") for r in book.worksheets[1].iter_rows())
    assert "04591  Xã Trạm Tấu" in notes
    assert "Kinh tế" in notes


def test_another_users_upload_is_not_found(client, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(users["commune"])
    upload(client, sheet([["", "Mô hình", "Kinh tế", "", 2025, "", "04591"]]))
    batch = ImportBatch.objects.get()
    client.force_login(users["province"])
    url = reverse("initiatives:import_preview", args=[batch.token])
    assert client.get(url).status_code == 404


def test_import_refuses_an_origin_outside_the_scope(
    client, tree, users, registered, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    theirs = registered(tree["sibling"], "Mô hình của xã bên")
    headers = [str(c.label) for c in spreadsheet.IMPORTED]
    row: list[object] = [""] * len(headers)
    values = {"name": "Bản sao", "field": "Kinh tế", "year": 2025}
    values |= {"area_code": "04591", "adopted_from": theirs.pk}
    for i, column in enumerate(spreadsheet.IMPORTED):
        row[i] = values.get(column.key, "")
    client.force_login(users["commune"])
    upload(client, sheet([row], headers))
    batch = ImportBatch.objects.get()
    assert batch.status == "refused"
    preview = client.get(reverse("initiatives:import_preview", args=[batch.token]))
    assert any(str(theirs.pk) in e for e in preview.context["errors"])
