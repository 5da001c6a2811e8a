"""Downloading the paper: the DOCX (rendered live, or as issued), the PDF and
the annex workbook; only for readers of the report; pinned query counts."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from danvan.reports import office
from danvan.reports.models import ReportSection
from danvan.reports.paper import DOCX_TYPE
from danvan.reports.tests.paper_world import approve, bodies_of, make_report

pytestmark = pytest.mark.django_db
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def paper_bodies(tree):
    return bodies_of(tree)


@pytest.fixture
def report(paper_bodies):
    return make_report(paper_bodies["commune"], paper_bodies["province"])


def content_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return bytes(response.content)


def test_a_draft_docx_is_rendered_live_and_marked(
    client, users, report, django_assert_max_num_queries
):
    client.force_login(users["commune"])
    url = reverse("reports:docx", args=[report.pk])
    client.get(url)  # the reader's scope is kept after the first page
    with django_assert_max_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert response["Content-Disposition"].startswith("attachment;")
    assert "d%E1%BB%B1%20th%E1%BA%A3o" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    document = docx.Document(io.BytesIO(content_of(response)))
    assert document.sections[0].header.paragraphs[0].text == "DỰ THẢO"
    assert "I. TÌNH HÌNH NHÂN DÂN" in [p.text for p in document.paragraphs]


def test_an_approved_report_serves_the_file_it_was_issued_with(
    client, users, report, django_assert_max_num_queries
):
    approve(report)
    # A change after approval (by the database, not the locked editor) does
    # not change the paper that was numbered and signed.
    ReportSection.objects.filter(report=report, key="situation").update(
        text="<p>Viết lại sau khi duyệt.</p>"
    )
    client.force_login(users["commune"])
    url = reverse("reports:docx", args=[report.pk])
    client.get(url)
    with django_assert_max_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200
    attachment = report.document.attachments.get()
    served = content_of(response)
    with attachment.file.open("rb") as handle:
        assert served == handle.read()
    texts = [p.text for p in docx.Document(io.BytesIO(served)).paragraphs]
    assert "Viết lại sau khi duyệt." not in texts
    assert "01-BC-%C4%90U" in response["Content-Disposition"]


def test_the_annex_workbook_downloads(
    client, users, report, django_assert_max_num_queries
):
    client.force_login(users["commune"])
    url = reverse("reports:annex_xlsx", args=[report.pk])
    client.get(url)
    with django_assert_max_num_queries(3):
        response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    book = openpyxl.load_workbook(io.BytesIO(content_of(response)))
    assert book.active["A1"].value == "Biểu số 01: Kết quả công tác dân vận"


def test_another_unit_sees_none_of_the_files(client, users, report):
    client.force_login(users["sibling"])
    for name in ("docx", "pdf", "annex_xlsx"):
        assert (
            client.get(reverse(f"reports:{name}", args=[report.pk])).status_code == 404
        )
    client.force_login(users["province"])
    response = client.get(reverse("reports:annex_xlsx", args=[report.pk]))
    assert response.status_code == 200


def test_the_files_are_read_only(client, users, report):
    client.force_login(users["commune"])
    response = client.post(reverse("reports:docx", args=[report.pk]))
    assert response.status_code == 405


@pytest.mark.skipif(not office.available(), reason="LibreOffice is not installed")
def test_the_pdf_downloads(client, users, report):
    approve(report)
    client.force_login(users["commune"])
    response = client.get(reverse("reports:pdf", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(content_of(response))).pages
    )
    assert f"Số {report.reference}" in text
    assert "PHỤ LỤC" in text


def test_without_libreoffice_the_pdf_link_returns_with_the_reason(
    client, settings, tmp_path, users, report
):
    settings.DANVAN_SOFFICE = str(tmp_path / "missing")
    client.force_login(users["commune"])
    with translation.override("vi"):
        response = client.get(
            reverse("reports:pdf", args=[report.pk]), HTTP_ACCEPT_LANGUAGE="vi"
        )
    assert response.status_code == 302
    assert response["Location"] == report.get_absolute_url()
    message = [str(m) for m in get_messages(response.wsgi_request)]
    assert len(message) == 1
    assert "LibreOffice" in message[0]
