"""Control characters and formulas: cleaned when a model is registered through
the form, the API or an XLSX import; the XLSX export writes text, never a
formula, and does not fail on rows stored before input was cleaned."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from danvan.initiatives import spreadsheet
from danvan.initiatives.models import Field, ImportBatch, Initiative
from danvan.initiatives.tests.test_api import registration
from danvan.initiatives.tests.test_registration import form_data

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-1+2", "@SUM(A1)"]


def test_form_stores_text_without_control_characters(client, tree, users, fields):
    client.force_login(users["commune"])
    data = form_data(
        tree,
        fields,
        name="Mô hình\u0001 “Con đường\u0085bê tông”",
        problem="Đường lầy lội\r\nĐi lại\u0001 khó khăn",
        **{"criteria-0-name": "Chiều\u0001 dài"},
    )
    response = client.post(reverse("initiatives:create"), data)

    assert response.status_code == 302
    initiative = Initiative.objects.get()
    assert initiative.name == "Mô hình “Con đường bê tông”"
    assert initiative.problem == "Đường lầy lội\nĐi lại khó khăn"
    criterion = initiative.criteria.first()
    assert criterion is not None
    assert criterion.name == "Chiều dài"


def test_api_stores_text_without_control_characters(client, tree, users, fields):
    client.force_login(users["commune"])
    data = registration(
        tree,
        fields,
        name="Con đường\u0001 bê tông\u202e",
        goals="Một\r\nHai\u0085",
        criteria=[{"name": "Chiều\u0001 dài", "unit": "km\x7f", "target": "3"}],
    )
    response = client.post(
        "/api/v1/initiatives/", data, content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    initiative = Initiative.objects.get()
    assert (initiative.name, initiative.goals) == ("Con đường bê tông", "Một\nHai")
    criterion = initiative.criteria.get()
    assert (criterion.name, criterion.unit) == ("Chiều dài", "km")

    response = client.patch(
        f"/api/v1/initiatives/{initiative.pk}/",
        {"place": "Thôn\u0001 Trung Tâm"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    initiative.refresh_from_db()
    assert initiative.place == "Thôn Trung Tâm"


def test_export_writes_formulas_as_text_and_survives_stored_controls(
    client, tree, users, make_initiative
):
    made = [make_initiative(tree["commune"], f"Mô hình {i}") for i in range(5)]
    for initiative, name in zip(made, FORMULAS, strict=False):
        Initiative.objects.filter(pk=initiative.pk).update(name=name)
    Initiative.objects.filter(pk=made[-1].pk).update(
        name="Mô hình\u0001 cũ\x0b", content="Nội dung\x1f"
    )
    client.force_login(users["commune"])
    response = client.get(reverse("initiatives:export"), {"status": "draft"})

    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    names = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert names[made[-1].pk].value == "Mô hình cũ"
    for initiative, text in zip(made, FORMULAS, strict=False):
        cell = names[initiative.pk]
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)


def _workbook(values):
    book = Workbook()
    ws = book.active
    ws.append([str(c.label) for c in spreadsheet.IMPORTED])
    ws.append([values.get(c.key) for c in spreadsheet.IMPORTED])
    keys = [c.key for c in spreadsheet.IMPORTED]
    # A text cell that looks like a formula, as a spreadsheet stores it.
    ws.cell(row=2, column=keys.index("place") + 1).data_type = "s"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def test_import_stores_cells_cleaned_and_never_a_formula(
    client, tree, users, fields, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    content = _workbook(
        {
            "name": "Mô hình\u0085 “Dân vận\u202e khéo”\x7f",
            "field": fields["kinh-te"].name,
            "year": 2025,
            "area_code": tree["commune"].code,
            "problem": "Dòng một\nDòng\u0085hai",
            "goals": "=1+1",
            "place": '=HYPERLINK("http://x","y")',
            "criteria": "Số hộ\u200f | 200 | hộ\nChiều dài | 3 | km",
        }
    )
    client.force_login(users["commune"])
    response = client.post(
        reverse("initiatives:import"),
        {"file": SimpleUploadedFile("mo-hinh.xlsx", content)},
    )
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    response = client.post(reverse("initiatives:import_confirm", args=[batch.token]))
    assert response.status_code == 302

    initiative = Initiative.objects.get()
    assert initiative.name == "Mô hình “Dân vận khéo”"
    assert initiative.problem == "Dòng một\nDòng\nhai"
    # A live formula is read as its value (none was computed), never as code.
    assert initiative.goals == ""
    assert initiative.place == '=HYPERLINK("http://x","y")'
    assert [c.name for c in initiative.criteria.all()] == ["Số hộ", "Chiều dài"]


def test_accepting_with_a_note_stores_it_cleaned(client, users, tree, make_initiative):
    initiative = make_initiative(tree["commune"], status=Initiative.Status.SUBMITTED)
    client.force_login(users["province"])
    response = client.post(
        reverse("initiatives:accept", args=[initiative.pk]),
        {"note": "Đồng ý\u0001\r\nGhi chú"},
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.ACCEPTED
    assert initiative.review_note == "Đồng ý\nGhi chú"


def test_template_lists_stored_names_as_text(client, users, fields):
    Field.objects.filter(pk=fields["kinh-te"].pk).update(
        name='=HYPERLINK("http://x")\u0001'
    )
    client.force_login(users["commune"])
    response = client.get(reverse("initiatives:import_template"))

    assert response.status_code == 200
    notes = load_workbook(BytesIO(response.content)).worksheets[1]
    cell = next(r[0] for r in notes.iter_rows() if "HYPERLINK" in str(r[0].value))
    assert (cell.value, cell.data_type) == ('  =HYPERLINK("http://x")', "s")
    assert cell.quotePrefix
