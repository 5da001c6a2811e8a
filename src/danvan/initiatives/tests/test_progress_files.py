"""Files of progress reports and imports: a script disguised as a photo is only
downloaded, another commune cannot fetch it, and oversized uploads leave nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.initiatives.models import ImportBatch, ProgressAttachment, ProgressUpdate

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
HTML = b"<html><script>fetch('/models/1/status/', {method: 'POST'})</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def report(client, initiative, *files):
    url = reverse("initiatives:progress", args=[initiative.pk])
    data = {
        "date": "2025-06-30",
        "money_vnd": "0",
        "working_days": "0",
        "people_reached": "0",
        "files": list(files),
    }
    return client.post(url, data)


def image(name, content):
    return SimpleUploadedFile(name, content, content_type="image/png")


def stored_files(media_root):
    return [p for p in media_root.rglob("*") if p.is_file()]


def test_script_sent_as_a_photo_is_downloaded_never_shown(
    client, tree, users, registered
):
    initiative = registered(tree["commune"])
    client.force_login(users["commune"])
    response = report(
        client, initiative, image("anh.png", HTML), image("so-do.svg", SVG)
    )
    assert response.status_code == 302
    attachments = list(ProgressAttachment.objects.order_by("pk"))
    # The browser's "image/png" is not believed: the bytes are not an image.
    assert [a.is_image for a in attachments] == [False, False]
    client.force_login(users["province"])  # the approver opens the files
    for attachment, content in zip(attachments, (HTML, SVG), strict=True):
        response = client.get(reverse("initiatives:attachment", args=[attachment.pk]))
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert b"".join(response.streaming_content) == content
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "<img" not in page  # no thumbnail for what is not an image


def test_real_photo_is_shown_inline_and_only_in_scope(client, tree, users, registered):
    initiative = registered(tree["commune"])
    client.force_login(users["commune"])
    report(client, initiative, image("Ảnh công trình.png", PNG))
    attachment = ProgressAttachment.objects.get()
    assert attachment.is_image
    url = reverse("initiatives:attachment", args=[attachment.pk])
    response = client.get(url)
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    assert "%E1%BA%A2nh%20c%C3%B4ng" in response["Content-Disposition"]
    assert attachment.file.name is not None
    assert "anh" not in attachment.file.name.lower()  # stored under a random name
    client.force_login(users["sibling"])
    assert client.get(url).status_code == 404
    client.force_login(users["village"])  # below the commune: not its model
    assert client.get(url).status_code == 404


@pytest.fixture
def small_limits(settings):
    settings.DANVAN_UPLOAD_LIMITS = {
        **settings.DANVAN_UPLOAD_LIMITS,
        "progress": 1024,
        "import": 1024,
    }
    settings.DANVAN_UPLOAD_REQUEST_LIMIT = 8 * 1024


def test_one_photo_past_the_limit_refuses_the_whole_report(
    client, tree, users, registered, small_limits, media_root
):
    initiative = registered(tree["commune"])
    client.force_login(users["commune"])
    response = report(
        client, initiative, image("nho.png", PNG), image("lon.png", PNG * 40)
    )
    assert response.status_code == 413
    assert "Tệp quá lớn: tối đa 1 KB." in response.content.decode()
    assert not ProgressUpdate.objects.exists()
    assert not stored_files(media_root)


def test_photos_just_under_the_limit_are_kept(
    client, tree, users, registered, small_limits
):
    initiative = registered(tree["commune"])
    client.force_login(users["commune"])
    under = PNG + b"\x00" * (1024 - len(PNG))
    response = report(client, initiative, image("a.png", under), image("b.png", PNG))
    assert response.status_code == 302
    assert ProgressAttachment.objects.count() == 2


def test_import_past_the_limit_is_refused(client, users, small_limits, media_root):
    client.force_login(users["commune"])
    upload = SimpleUploadedFile("dang-ky.xlsx", b"PK\x03\x04" + b"\x00" * 300 * 1024)
    response = client.post(reverse("initiatives:import"), {"file": upload})
    assert response.status_code == 413
    assert "Tệp quá lớn: tối đa 1 KB." in response.content.decode()
    assert not ImportBatch.objects.exists()
    assert not stored_files(media_root)


def test_forms_say_the_limit(client, tree, users, registered):
    initiative = registered(tree["commune"])
    client.force_login(users["commune"])
    page = client.get(reverse("initiatives:progress", args=[initiative.pk]))
    assert "Tối đa 20 MB mỗi tệp." in page.content.decode()
    page = client.get(reverse("initiatives:import"))
    assert "Tối đa 5 MB mỗi tệp." in page.content.decode()
