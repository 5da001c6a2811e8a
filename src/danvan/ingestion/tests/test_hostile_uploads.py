"""Hostile uploads: each is refused with its reason in the batch, nothing half-written."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.common.tests import hostile
from danvan.extraction.tests.samples import to_cp1258
from danvan.ingestion import services
from danvan.ingestion.models import Batch, Source
from danvan.ingestion.tests.files import ARTICLE

pytestmark = pytest.mark.django_db

URL = reverse("ingestion:ingest")
MB = 1024 * 1024


def upload(client, area, *files, capture):
    with capture(execute=True):
        response = client.post(URL, {"area": area.pk, "files": list(files)})
    assert response.status_code == 302
    return Batch.objects.get()


def test_a_zip_bomb_fails_alone_in_its_batch(
    client, tree, users, django_capture_on_commit_callbacks
):
    client.force_login(users["commune"])
    batch = upload(
        client,
        tree["commune"],
        SimpleUploadedFile("bom.docx", hostile.docx_bomb(unpacked=60 * MB)),
        SimpleUploadedFile("tin.txt", ARTICLE.encode()),
        capture=django_capture_on_commit_callbacks,
    )

    assert (batch.created_count, batch.failed_count) == (1, 1)
    assert batch.failures == [
        {
            "file": "bom.docx",
            "reason": "Tệp DOCX bị từ chối: nội dung giải nén vượt 50 MB "
            "(có thể là tệp nén độc hại).",
        }
    ]
    assert list(Source.objects.values_list("original_name", flat=True)) == ["tin.txt"]
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "nội dung giải nén vượt 50 MB" in page


def test_a_huge_text_file_fails_with_the_limit(
    client, tree, users, settings, django_capture_on_commit_callbacks
):
    settings.DANVAN_PARSE_LIMITS = {"max_text_chars": 2000}
    client.force_login(users["commune"])
    batch = upload(
        client,
        tree["commune"],
        SimpleUploadedFile("dai.txt", ("Dân vận khéo. " * 1000).encode()),
        capture=django_capture_on_commit_callbacks,
    )

    assert batch.failures == [
        {"file": "dai.txt", "reason": "Văn bản bị từ chối: dài hơn 2.000 ký tự."}
    ]
    assert not Source.objects.exists()


def test_a_pdf_with_too_many_pages_fails(
    client, tree, users, settings, django_capture_on_commit_callbacks
):
    settings.DANVAN_PARSE_LIMITS = {"max_pdf_pages": 5}
    client.force_login(users["commune"])
    batch = upload(
        client,
        tree["commune"],
        SimpleUploadedFile("dai.pdf", hostile.pdf_pages(6)),
        capture=django_capture_on_commit_callbacks,
    )

    assert batch.failures[0]["reason"] == "Tệp PDF bị từ chối: có hơn 5 trang."
    assert not Source.objects.exists()


def test_a_pasted_text_over_the_limit_is_refused_on_the_form(
    client, tree, users, settings
):
    settings.DANVAN_PARSE_LIMITS = {"max_text_chars": 2000}
    client.force_login(users["commune"])

    response = client.post(
        URL, {"area": tree["commune"].pk, "text": "Dân vận khéo. " * 1000}
    )

    assert response.status_code == 200
    assert "Văn bản bị từ chối: dài hơn 2.000 ký tự." in response.content.decode()
    assert not Source.objects.exists()


def test_nul_characters_never_reach_the_database(tree, users):
    source, created = services.ingest_text(
        actor=users["commune"],
        area=tree["commune"],
        text="Giao ban\x00 công tác dân vận\n\nNội dung\x00 hội nghị.",
        title="Giao\x00 ban",
    )

    source.refresh_from_db()
    assert created
    assert source.title == "Giao ban"
    assert "\x00" not in source.text
    assert "Nội dung hội nghị." in source.text


def test_a_file_name_with_nul_is_kept_without_it(tree, users):
    batch = services.start_batch(
        actor=users["commune"],
        area=tree["commune"],
        files=[("tin\x00.txt", io.BytesIO(ARTICLE.encode()))],
    )
    services.run_batch(batch.pk)

    batch.refresh_from_db()
    assert batch.created_count == 1
    assert Source.objects.get().original_name == "tin.txt"


def test_a_windows_1258_file_reads_through_the_upload(
    client, tree, users, django_capture_on_commit_callbacks
):
    text = "Ủy ban Mặt trận Tổ quốc xã Trạm Tấu tổ chức hội nghị dân vận khéo."
    client.force_login(users["commune"])
    batch = upload(
        client,
        tree["commune"],
        SimpleUploadedFile("cu.txt", to_cp1258(text)),
        capture=django_capture_on_commit_callbacks,
    )

    assert batch.created_count == 1
    assert Source.objects.get().text == text


def test_the_review_page_shows_a_long_text_in_part(client, tree, users, settings):
    settings.DANVAN_PARSE_LIMITS = {"max_review_chars": 300}
    text = ARTICLE + "\n" + "Đoạn cuối rất dài. " * 100 + "\nHẾT VĂN BẢN"
    source, _ = services.ingest_text(
        actor=users["commune"], area=tree["commune"], text=text
    )
    client.force_login(users["commune"])

    page = client.get(source.get_absolute_url()).content.decode()

    assert "chỉ hiển thị và đánh dấu 300 ký tự đầu" in page
    assert "Xã Trạm Tấu giao ban" in page
    assert "HẾT VĂN BẢN" not in page.split('class="source-text"')[1].split("</div>")[0]


def test_a_long_body_is_kept_as_read_not_sent_through_the_page(
    client, users, sources, settings
):
    from danvan.ingestion.tests.test_review import form_data

    settings.DANVAN_PARSE_LIMITS = {"max_review_chars": 300}
    source = sources["mine"]
    body = "Thân bài của văn bản. " * 100
    source.facts = {**source.facts, "body": body}
    source.save(update_fields=["facts"])
    client.force_login(users["commune"])

    page = client.get(source.get_absolute_url()).content.decode()
    assert "Phần nội dung quá dài để sửa ở đây" in page
    assert 'name="body"' not in page

    client.post(source.get_absolute_url(), form_data(source, body="bị bỏ qua"))
    source.refresh_from_db()
    assert source.confirmed_facts["body"] == body
