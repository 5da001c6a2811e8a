"""Hashed attachments: one abstract model and one storing function for every app."""

import hashlib

import pytest
from django.core.files.base import ContentFile

from danvan.common.files import store_upload
from danvan.common.models import StoredFile
from danvan.documents.models import Attachment
from danvan.initiatives.models import ProgressAttachment

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("model", [Attachment, ProgressAttachment])
def test_both_attachments_are_stored_files(model):
    assert issubclass(model, StoredFile)
    names = {f.name for f in model._meta.get_fields()}
    assert {"file", "original_name", "content_type", "sha256", "size"} <= names


@pytest.mark.parametrize(
    ("model", "folder"),
    [(Attachment, "documents"), (ProgressAttachment, "initiatives")],
)
def test_store_upload_fills_the_row_from_the_bytes(model, folder):
    row = model()
    store_upload(row, ContentFile(PNG, name="C:\\Ảnh\\bien-ban.pdf"))
    assert row.original_name == "bien-ban.pdf"
    assert row.size == len(PNG)
    assert row.sha256 == hashlib.sha256(PNG).hexdigest()
    # The type comes from the bytes, not from the name.
    assert row.content_type == "image/png"
    assert row.is_image
    # A random name in the app's folder: the uploaded name is not a path.
    assert row.file.name.startswith(f"{folder}/")
    assert "bien-ban" not in row.file.name
    with row.file.open("rb") as handle:
        assert handle.read() == PNG


def test_a_file_named_as_an_image_is_not_one():
    row = ProgressAttachment()
    store_upload(row, ContentFile(b"<svg onload=alert(1)>", name="anh.png"))
    assert row.content_type == "application/octet-stream"
    assert not row.is_image
