"""Control characters: cleaned when a meeting is recorded through the form or
the API; stored ones (old rows) break neither the papers nor the XLSX."""

from io import BytesIO

import docx
import pytest
from django.http import FileResponse
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from danvan.meetings.models import Conclusion, GeneratedDocument, Meeting, Task

pytestmark = pytest.mark.django_db


def test_form_stores_text_without_control_characters(client, users, bodies, people):
    client.force_login(users["commune"])
    response = client.post(
        reverse("meetings:create"),
        {
            "convening_body": bodies["commune"].pk,
            "kind": "giao_ban",
            "title": "Giao ban\u0001 dân vận\u0085tháng 10",
            "held_on": "2026-10-10",
            "place": "Hội trường\u0001",
            "agenda": "Một\r\nHai\u0001\r\nBa",
        },
    )

    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.title, meeting.place) == ("Giao ban dân vận tháng 10", "Hội trường")
    assert meeting.agenda == "Một\nHai\nBa"


def test_api_stores_conclusions_without_control_characters(users, concluded):
    client = APIClient()
    client.force_authenticate(users["commune"])
    response = client.post(
        f"/api/v1/meetings/{concluded.pk}/conclusions/",
        {"text": "Kết luận\u0001 mới\u202e"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert concluded.conclusions.filter(text="Kết luận mới").exists()


@pytest.fixture
def soiled(concluded):
    """The meeting with control characters stored before input was cleaned."""
    Meeting.objects.filter(pk=concluded.pk).update(
        title="Giao ban\u0001 tháng 9",
        place="Hội trường\x0b",
        agenda="Đánh giá\u0001 kết quả\nTháng 9\x1f",
        guests="Công an\x7f xã",
    )
    Conclusion.objects.filter(meeting=concluded).update(text="Tiếp tục\u0001 vận động")
    Task.objects.filter(meeting=concluded).update(title='=HYPERLINK("http://x")\x08')
    return concluded


@pytest.mark.parametrize("kind", ["minutes", "notice"])
def test_papers_of_a_meeting_with_stored_controls_are_generated(
    client, users, terms, soiled, kind
):
    client.force_login(users["commune"])
    response = client.post(
        reverse("meetings:paper_generate", args=[soiled.pk, kind]),
        {f"{kind}-issued_on": "2026-10-05", f"{kind}-signer_name": "Lò\u0001 Văn A"},
    )

    assert response.status_code == 302
    paper = GeneratedDocument.objects.get(meeting=soiled, kind=kind)
    download = client.get(reverse("meetings:download", args=[paper.pk]))
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    text = "\n".join(p.text for p in docx.Document(BytesIO(content)).paragraphs)
    assert "Tiếp tục vận động" in text
    assert "\u0001" not in text
    assert paper.signer_name == "Lò Văn A"


def test_api_generates_a_paper_of_a_meeting_with_stored_controls(users, terms, soiled):
    client = APIClient()
    client.force_authenticate(users["commune"])
    url = f"/api/v1/meetings/{soiled.pk}/papers/minutes/"
    response = client.post(url, {"recipients": ["Lưu\u0001 VP"]}, format="json")
    assert response.status_code == 201, response.json()
    download = client.get(url)
    assert download.status_code == 200
    assert isinstance(download, FileResponse)
    docx.Document(BytesIO(b"".join(download.streaming_content)))


@pytest.mark.parametrize("name", ["meetings:export", "meetings:task_export"])
def test_xlsx_exports_of_stored_controls_open(client, users, soiled, name):
    client.force_login(users["commune"])
    response = client.get(reverse(name))

    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows())
    values = [cell.value for row in rows for cell in row]
    assert "Giao ban tháng 9" in values or '=HYPERLINK("http://x")' in values
    formulas = [cell for row in rows for cell in row if cell.data_type == "f"]
    assert formulas == []
