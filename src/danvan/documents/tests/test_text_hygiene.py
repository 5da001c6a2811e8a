"""Control characters and formula-like titles: cleaned when a document is
entered through the form or the API, harmless in the XLSX of the register."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from danvan.documents.models import Document

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-1+2", "@SUM(A1)"]


def form_data(tree, **changes):
    data = {
        "symbol_text": "70/KH-UBND",
        "issued_on": "2025-08-12",
        "title": "Kế hoạch\u0001 tổ chức đối thoại\u0085với Nhân dân",
        "summary": "Dòng một\r\nDòng\u0001 hai\r\n\tthụt lề",
        "issuer_name": "UBND xã\u0001 Trạm Tấu",
        "status": "in_force",
        "area": tree["commune"].pk,
    }
    data.update(changes)
    return data


def test_form_stores_text_without_control_characters(client, tree, users):
    client.force_login(users["commune"])
    response = client.post(reverse("documents:create"), form_data(tree))

    assert response.status_code == 302
    document = Document.objects.get()
    assert document.title == "Kế hoạch tổ chức đối thoại với Nhân dân"
    assert document.summary == "Dòng một\nDòng hai\n\tthụt lề"
    assert document.issuer_name == "UBND xã Trạm Tấu"


def test_api_stores_text_without_control_characters(tree, users):
    client = APIClient()
    client.force_authenticate(users["commune"])
    data = form_data(tree)
    del data["status"]
    response = client.post("/api/v1/documents/", data, format="json")
    assert response.status_code == 201, response.json()
    document = Document.objects.get()
    assert document.title == "Kế hoạch tổ chức đối thoại với Nhân dân"
    assert document.summary == "Dòng một\nDòng hai\n\tthụt lề"

    response = client.patch(
        f"/api/v1/documents/{document.pk}/",
        {"title": "Sửa\u0001 đổi\u202e", "summary": "a\u0085b"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    document.refresh_from_db()
    assert (document.title, document.summary) == ("Sửa đổi", "a\nb")


def test_xlsx_of_old_rows_with_controls_and_formulas_opens_as_text(
    client, users, documents
):
    # Rows stored before the input was cleaned.
    Document.objects.filter(pk=documents["plan"].pk).update(
        title="Kế hoạch\u0001 tuyên truyền\x0b", summary="\x1f"
    )
    client.force_login(users["province"])
    for text in FORMULAS:
        Document.objects.filter(pk=documents["directive"].pk).update(title=text)
        response = client.get(reverse("documents:list"), {"format": "xlsx"})

        assert response.status_code == 200
        sheet = load_workbook(BytesIO(response.content)).active
        titles = {row[0].value: row[4] for row in sheet.iter_rows(min_row=2)}
        assert titles["12-KH/ĐU"].value == "Kế hoạch tuyên truyền"
        cell = titles["09-CT/TU"]
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
