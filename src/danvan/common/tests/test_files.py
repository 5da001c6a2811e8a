"""Stored files: served by scoped views as downloads unless the bytes are a safe
image, never under /media/, stored under random names, uploads limited by size."""

import datetime as dt
import importlib
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import clear_url_caches, reverse

import danvan
from danvan.common.actors import system_actor
from danvan.common.files import (
    content_disposition,
    format_size,
    sniff_image,
    storage_name,
)
from danvan.documents import services as documents
from danvan.documents.models import Attachment
from danvan.ingestion import services as ingestion
from danvan.ingestion.models import Batch, Source

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
HTML = b"<html><body><script>document.title='pwned'</script></body></html>"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>'
    b"document.title='pwned'</script></svg>"
)


@pytest.fixture
def plan(tree):
    return documents.register_document(
        actor=system_actor(),
        area=tree["commune"],
        symbol_text="12-KH/ĐU",
        issued_on=dt.date(2025, 8, 4),
        title="Kế hoạch tuyên truyền phòng, chống di cư tự do",
        issuer_name="Đảng ủy xã Trạm Tấu",
    )


def attach(client, plan, name, content, content_type="image/png"):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    url = reverse("documents:attachment_add", args=[plan.pk])
    return client.post(url, {"file": upload})


def download(client, attachment):
    url = reverse("documents:attachment", args=[attachment.document_id, attachment.pk])
    return client.get(url)


def assert_download(response, content):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == content


# --- what is shown and what is downloaded -------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (PNG, "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"GIF89a\x01\x00", "image/gif"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "image/webp"),
        (HTML, None),
        (SVG, None),
        (b"%PDF-1.7\n", None),
        (b"PK\x03\x04", None),
        (b"", None),
    ],
)
def test_only_safe_images_are_recognised_by_their_bytes(head, expected):
    assert sniff_image(head) == expected


def test_download_names_keep_vietnamese_with_an_ascii_fallback():
    header = content_disposition("Báo cáo quý III/Đợt 1.pdf")
    assert header == (
        "attachment; filename=\"Dot 1.pdf\"; filename*=UTF-8''%C4%90%E1%BB%A3t%201.pdf"
    )
    header = content_disposition('Kế hoạch "12".docx\r\n', inline=True)
    assert header.startswith('inline; filename="Ke hoach _12_.docx";')
    assert "\r" not in header
    assert "\n" not in header
    assert content_disposition("plain.png") == 'attachment; filename="plain.png"'


def test_storage_names_are_random_and_keep_only_the_extension():
    first = storage_name("documents", "Thông báo 01-TB/HU.docx")
    second = storage_name("documents", "Thông báo 01-TB/HU.docx")
    assert first != second
    assert first.startswith("documents/")
    assert first.endswith(".docx")
    assert "thong" not in first.lower()
    assert "HU" not in first
    assert storage_name("sources", "../../etc/passwd").count("..") == 0
    assert storage_name("sources", "noextension").rsplit("/", 1)[-1].isalnum()


def test_limits_are_written_for_people():
    assert format_size(20 * 1024 * 1024) == "20 MB"
    assert format_size(1024) == "1 KB"
    assert format_size(1536 * 1024) == "1,5 MB"


@pytest.mark.parametrize(
    ("name", "content"), [("anh.png", HTML), ("anh.svg", SVG), ("trang.html", HTML)]
)
def test_script_disguised_as_an_image_is_only_downloaded(
    client, users, plan, name, content
):
    client.force_login(users["commune"])
    attach(client, plan, name, content, content_type="image/png")
    assert_download(download(client, Attachment.objects.get()), content)


def test_a_real_png_is_shown_as_an_image(client, users, plan):
    client.force_login(users["commune"])
    attach(client, plan, "Ảnh hội nghị.png", PNG)
    response = download(client, Attachment.objects.get())
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith('inline; filename="Anh hoi')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PNG


def test_html_source_original_is_only_downloaded(client, tree, users):
    page = b"<html><body><p>Xa Tram Tau giao ban.</p><script>alert(1)</script>"
    source, _ = ingestion.ingest_bytes(
        actor=users["commune"], area=tree["commune"], data=page, filename="tin.html"
    )
    client.force_login(users["commune"])
    response = client.get(reverse("ingestion:source_original", args=[source.pk]))
    assert_download(response, page)


# --- scope and names ------------------------------------------------------------------


def test_files_of_another_commune_are_not_found(client, tree, users, plan):
    client.force_login(users["commune"])
    attach(client, plan, "ke-hoach.pdf", b"%PDF-1.4 ke hoach")
    source, _ = ingestion.ingest_bytes(
        actor=users["commune"],
        area=tree["commune"],
        data="Xã Trạm Tấu giao ban quý III.".encode(),
        filename="tin.txt",
    )
    urls = [
        reverse("documents:attachment", args=[plan.pk, Attachment.objects.get().pk]),
        reverse("ingestion:source_original", args=[source.pk]),
    ]
    assert all(client.get(url).status_code == 200 for url in urls)
    client.force_login(users["sibling"])
    assert [client.get(url).status_code for url in urls] == [404, 404]
    client.logout()
    assert all(client.get(url).status_code == 302 for url in urls)  # to sign in


def test_stored_files_are_not_under_media_even_with_debug(
    client, users, plan, settings, media_root
):
    client.force_login(users["commune"])
    attach(client, plan, "Kế hoạch 12-KH.pdf", b"%PDF-1.4 ke hoach")
    stored = Attachment.objects.get().file.name
    assert stored is not None
    assert (media_root / stored).is_file()
    assert "ke-hoach" not in stored.lower()
    assert "12-kh" not in stored.lower()
    settings.DEBUG = True
    try:
        import danvan.urls

        importlib.reload(danvan.urls)
        clear_url_caches()
        for prefix in ("/media/", f"/{settings.MEDIA_URL.strip('/')}/"):
            assert client.get(f"{prefix}{stored}").status_code == 404
    finally:
        settings.DEBUG = False
        importlib.reload(danvan.urls)
        clear_url_caches()


# --- upload limits --------------------------------------------------------------------


@pytest.fixture
def small_limits(settings):
    settings.DANVAN_UPLOAD_LIMITS = {
        **settings.DANVAN_UPLOAD_LIMITS,
        "attachment": 1024,
        "source": 1024,
    }
    settings.DANVAN_UPLOAD_REQUEST_LIMIT = 4 * 1024


def assert_refused(response, message):
    assert response.status_code == 413
    assert message in response.content.decode()
    assert "Chưa có gì được lưu" in response.content.decode()


def test_attachment_past_the_limit_is_refused_from_the_header(
    client, users, plan, small_limits, media_root
):
    client.force_login(users["commune"])
    response = attach(client, plan, "lon.pdf", b"%PDF" + b"x" * 300 * 1024)
    assert_refused(response, "Tệp quá lớn: tối đa 1 KB.")
    assert not Attachment.objects.exists()
    assert not [p for p in media_root.rglob("*") if p.is_file()]


def test_attachment_past_the_limit_is_stopped_while_reading(
    client, users, plan, small_limits, media_root
):
    # Small enough to pass the header check (room is left for other fields).
    client.force_login(users["commune"])
    response = attach(client, plan, "lon.pdf", b"%PDF" + b"x" * 2048)
    assert_refused(response, "Tệp quá lớn: tối đa 1 KB.")
    assert not Attachment.objects.exists()
    assert not [p for p in media_root.rglob("*") if p.is_file()]


def test_attachment_just_under_the_limit_is_kept(client, users, plan, small_limits):
    client.force_login(users["commune"])
    response = attach(client, plan, "vua.pdf", b"%PDF" + b"x" * 1020)
    assert response.status_code == 302
    assert Attachment.objects.get().size == 1024


def test_limited_upload_still_checks_the_csrf_token(users, plan):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["commune"])
    response = attach(client, plan, "anh.png", PNG)
    assert response.status_code == 403
    assert not Attachment.objects.exists()


def test_limit_holds_when_the_csrf_check_reads_the_body(users, plan, small_limits):
    # With CSRF enforced the limit must be in place before the check parses
    # the body, or the file would be read whole past the limit.
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["commune"])
    client.get(plan.get_absolute_url())
    token = client.cookies["csrftoken"].value
    url = reverse("documents:attachment_add", args=[plan.pk])

    def post(content):
        upload = SimpleUploadedFile("bien-ban.pdf", content)
        return client.post(url, {"csrfmiddlewaretoken": token, "file": upload})

    assert post(b"%PDF" + b"x" * 2048).status_code == 413
    assert not Attachment.objects.exists()
    assert post(b"%PDF" + b"x" * 1000).status_code == 302
    assert Attachment.objects.count() == 1


def test_sources_each_under_the_limit_but_too_many_together_are_refused(
    client, tree, users, small_limits, media_root
):
    client.force_login(users["commune"])
    files = [
        SimpleUploadedFile(f"tin-{i}.txt", b"x" * 1000, content_type="text/plain")
        for i in range(6)
    ]
    response = client.post(
        reverse("ingestion:ingest"), {"area": tree["commune"].pk, "files": files}
    )
    assert_refused(response, "Dung lượng tải lên quá lớn: tối đa 4 KB mỗi lần gửi.")
    assert not Source.objects.exists()
    assert not Batch.objects.exists()
    assert not [p for p in media_root.rglob("*") if p.is_file()]


def test_one_source_past_the_limit_stops_the_whole_upload(
    client, tree, users, small_limits, media_root
):
    client.force_login(users["commune"])
    files = [
        SimpleUploadedFile("nho.txt", b"x" * 500, content_type="text/plain"),
        SimpleUploadedFile("lon.txt", b"x" * 2000, content_type="text/plain"),
    ]
    response = client.post(
        reverse("ingestion:ingest"), {"area": tree["commune"].pk, "files": files}
    )
    assert_refused(response, "Tệp quá lớn: tối đa 1 KB.")
    assert not Source.objects.exists()
    assert not Batch.objects.exists()
    assert not [p for p in media_root.rglob("*") if p.is_file()]


def test_files_stored_under_guessable_names_are_moved(users, plan, media_root):
    content = b"%PDF-1.4 ke hoach"
    attachment = documents.attach_bytes(
        actor=system_actor(), document=plan, name="ke-hoach.pdf", content=content
    )
    random_name = attachment.file.name
    # As stored before random names: under the hash.
    old = f"documents/{attachment.sha256[:2]}/{attachment.sha256}.pdf"
    (media_root / old).parent.mkdir(parents=True)
    (media_root / random_name).rename(media_root / old)
    Attachment.objects.filter(pk=attachment.pk).update(file=old)

    out = StringIO()
    call_command("rename_stored_files", "--dry-run", stdout=out)
    assert "1 file(s) would be moved." in out.getvalue()
    assert (media_root / old).is_file()

    call_command("rename_stored_files", stdout=StringIO())
    attachment.refresh_from_db()
    assert attachment.file.name is not None
    assert attachment.file.name.startswith("documents/")
    assert attachment.sha256 not in attachment.file.name
    assert (media_root / attachment.file.name).read_bytes() == content
    assert not (media_root / old).exists()
    out = StringIO()
    call_command("rename_stored_files", stdout=out)
    assert "0 file(s) moved." in out.getvalue()


def test_no_template_links_to_a_stored_file_directly():
    # A file's .url would point under MEDIA_URL, past the scoped views.
    package = Path(danvan.__file__).parent
    direct = re.compile(r"\.(file|original)\.url|MEDIA_URL|/media/")
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("templates/**/*.html")
        if direct.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
