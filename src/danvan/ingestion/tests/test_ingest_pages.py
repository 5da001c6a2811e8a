"""The "bring in texts" page: paste, upload several files, follow the batch."""

import re
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.ingestion import services
from danvan.ingestion.models import Batch, Source
from danvan.ingestion.tests.files import ARTICLE, CORRUPT_DOCX, docx_bytes, pdf_bytes

pytestmark = pytest.mark.django_db

URL = reverse("ingestion:ingest")


def test_editor_pastes_a_text_and_lands_on_its_review(client, tree, users):
    client.force_login(users["commune"])
    page = client.get(URL).content.decode()
    assert "Nhập văn bản" in page
    assert f'<option value="{tree["commune"].pk}" selected>' in page
    response = client.post(
        URL, {"area": tree["commune"].pk, "title": "", "text": ARTICLE}, follow=True
    )
    source = Source.objects.get()
    assert response.redirect_chain[-1][0] == source.get_absolute_url()
    assert source.area == tree["commune"]
    assert source.created_by == users["commune"]
    assert "Đã nhập văn bản." in response.content.decode()

    again = client.post(URL, {"area": tree["commune"].pk, "text": ARTICLE}, follow=True)
    assert "Văn bản này đã được nhập trước đó." in again.content.decode()
    assert Source.objects.count() == 1


def test_upload_of_several_files_runs_a_batch_with_a_summary(
    client, tree, users, django_capture_on_commit_callbacks
):
    client.force_login(users["commune"])
    files = [
        SimpleUploadedFile("tin.txt", ARTICLE.encode()),
        SimpleUploadedFile("bao-cao.docx", docx_bytes("BÁO CÁO", "Công tác dân vận")),
        SimpleUploadedFile("so-ket.pdf", pdf_bytes("So ket cong tac dan van 2025")),
        SimpleUploadedFile("hong.docx", CORRUPT_DOCX),
        SimpleUploadedFile("tin-lai.txt", ARTICLE.encode()),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"area": tree["commune"].pk, "files": files})
    batch = Batch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == batch.get_absolute_url()
    assert (batch.total, batch.created_by) == (5, users["commune"])

    page = client.get(batch.get_absolute_url()).content.decode()
    batch.refresh_from_db()
    assert (batch.created_count, batch.skipped_count, batch.failed_count) == (3, 1, 1)
    assert "Đã xong" in page
    assert "hong.docx" in page
    assert "tệp DOCX bị hỏng" in page
    assert "tin-lai.txt" in page  # the duplicate, with a link to the text it repeats
    assert Source.objects.get(original_name="tin.txt").get_absolute_url() in page
    assert 'hx-trigger="every 1s"' not in page  # no more polling once done


def test_progress_fragment_polls_until_the_batch_is_done(client, tree, users):
    client.force_login(users["commune"])
    files = [("a.txt", SimpleUploadedFile("a.txt", ARTICLE.encode()))]
    batch = services.start_batch(
        actor=users["commune"], area=tree["commune"], files=files
    )
    url = batch.get_absolute_url()

    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert 'hx-trigger="every 1s"' in fragment
    assert "<progress" in fragment
    assert "0 / 1 tệp" in fragment

    services.run_batch(batch.pk)
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' not in fragment
    assert "1 / 1 tệp" in fragment
    assert Source.objects.get().title in fragment


def test_nothing_given_is_an_error_shown_on_the_form(client, tree, users):
    client.force_login(users["commune"])
    response = client.post(URL, {"area": tree["commune"].pk, "text": "  "})
    assert response.status_code == 200
    assert "Hãy dán một văn bản hoặc chọn ít nhất một tệp." in response.content.decode()
    assert not Source.objects.exists()


def test_an_area_the_user_does_not_edit_is_refused(client, tree, users):
    client.force_login(users["commune"])
    response = client.post(URL, {"area": tree["sibling"].pk, "text": ARTICLE})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Source.objects.exists()


def test_a_viewer_is_told_they_cannot_bring_texts_in(client, tree, users):
    client.force_login(users["viewer"])
    page = client.get(URL).content.decode()
    assert "không thể nhập văn bản" in page
    assert "<textarea" not in page
    response = client.post(URL, {"area": tree["commune"].pk, "text": ARTICLE})
    assert response.status_code == 200
    assert not Source.objects.exists()


def test_area_chooser_shows_the_users_area_and_searches_former_ones(
    client, tree, users
):
    client.force_login(users["province"])
    page = client.get(URL).content.decode()
    assert "selected>Tỉnh Lào Cai</option>" in page
    assert "Xã Hạnh Phúc" not in page  # found by the picker's search
    search = re.search(r'hx-get="([^"]+)"[^>]*hx-target="previous select"', page)
    assert search is not None
    # The search's own limits are in its address: the test client would
    # replace them with a ``data`` argument.
    url = search.group(1).replace("&amp;", "&") + "&area_q="
    options = client.get(
        url + quote("huyen tram tau"), headers={"HX-Request": "true"}
    ).content.decode()
    assert f'value="{tree["old_district"].pk}"' in options
    assert "Huyện Trạm Tấu — Tỉnh Yên Bái" in options
    options = client.get(
        url + quote("hanh phuc"), headers={"HX-Request": "true"}
    ).content.decode()
    assert "Xã Hạnh Phúc — Tỉnh Lào Cai" in options

    client.force_login(users["commune"])
    options = client.get(
        url + quote("hanh phuc"), headers={"HX-Request": "true"}
    ).content.decode()
    assert f'value="{tree["sibling"].pk}"' not in options
