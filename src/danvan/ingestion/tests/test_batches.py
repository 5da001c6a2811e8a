"""Batches: files read one by one, counted, a bad file never stops the rest."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.ingestion import services
from danvan.ingestion.models import Batch, Source
from danvan.ingestion.tests.files import (
    ARTICLE,
    BINARY,
    CORRUPT_DOCX,
    CORRUPT_PDF,
    docx_bytes,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db


def write_folder(root):
    """Three good texts in nested folders, three broken ones, one ignored file."""
    (root / "2025" / "quy3").mkdir(parents=True)
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "2025" / "b.docx").write_bytes(
        docx_bytes("Báo cáo công tác dân vận", "Xã Hạnh Phúc, 6 tháng đầu năm 2025")
    )
    (root / "2025" / "quy3" / "c.pdf").write_bytes(
        pdf_bytes("Bao cao so ket 6 thang dau nam 2025", "Xa Tram Tau")
    )
    (root / "2025" / "hong.docx").write_bytes(CORRUPT_DOCX)
    (root / "2025" / "hong.pdf").write_bytes(CORRUPT_PDF)
    (root / "nhi-phan.txt").write_bytes(BINARY)
    (root / "anh.jpg").write_bytes(b"\xff\xd8\xff\xe0 not read")
    return root


def test_folder_is_read_recursively_and_bad_files_are_reported(tree, users, tmp_path):
    folder = write_folder(tmp_path / "in")
    batch = services.ingest_folder(
        actor=users["commune"], area=tree["commune"], folder=folder
    )
    assert batch.status == Batch.Status.DONE
    assert (batch.total, batch.processed) == (6, 6)
    assert (batch.created_count, batch.skipped_count, batch.failed_count) == (3, 0, 3)
    reasons = {f["file"]: f["reason"] for f in batch.failures}
    assert set(reasons) == {"2025/hong.docx", "2025/hong.pdf", "nhi-phan.txt"}
    assert "DOCX" in reasons["2025/hong.docx"]
    assert "PDF" in reasons["2025/hong.pdf"]
    assert "không phải tệp văn bản" in reasons["nhi-phan.txt"]
    assert set(batch.sources.values_list("original_name", flat=True)) == {
        "a.txt",
        "b.docx",
        "c.pdf",
    }
    assert batch.finished_at is not None


def test_ingesting_the_same_folder_twice_creates_nothing_new(tree, users, tmp_path):
    folder = write_folder(tmp_path / "in")
    services.ingest_folder(actor=users["commune"], area=tree["commune"], folder=folder)
    before = list(Source.objects.order_by("pk").values())
    second = services.ingest_folder(
        actor=users["commune"], area=tree["commune"], folder=folder
    )
    assert (second.created_count, second.skipped_count) == (0, 3)
    assert second.failed_count == 3
    assert list(Source.objects.order_by("pk").values()) == before
    by_file = {d["file"]: d["source"] for d in second.duplicates}
    assert by_file["a.txt"] == Source.objects.get(original_name="a.txt").pk


def test_uploaded_batch_is_kept_until_read_then_removed(
    tree, users, media_root, django_capture_on_commit_callbacks
):
    uploads = [
        SimpleUploadedFile("mot.txt", ARTICLE.encode()),
        SimpleUploadedFile("hai.docx", docx_bytes("Tin dân vận", "Xã Trạm Tấu")),
        SimpleUploadedFile("hong.pdf", CORRUPT_PDF),
        SimpleUploadedFile("mot-nua.txt", ARTICLE.encode()),  # same bytes as mot.txt
    ]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        batch = services.start_batch(
            actor=users["commune"],
            area=tree["commune"],
            files=[(str(f.name), f) for f in uploads],
        )
        # Kept under random names, in the order given, until the batch has run.
        kept = [media_root / item["path"] for item in batch.items]
        assert [p.suffix for p in kept] == [".txt", ".docx", ".pdf", ".txt"]
        assert all(p.is_file() and "mot" not in p.name for p in kept)
        assert batch.status == Batch.Status.QUEUED
        assert batch.total == 4
    assert len(callbacks) == 1  # queued once the transaction commits
    batch.refresh_from_db()
    assert batch.status == Batch.Status.DONE  # the immediate backend ran it
    assert (batch.created_count, batch.skipped_count, batch.failed_count) == (2, 1, 1)
    assert batch.failures == [
        {"file": "hong.pdf", "reason": batch.failures[0]["reason"]}
    ]
    assert not list((media_root / "batches").rglob("*.*"))


def test_a_finished_batch_is_not_run_again(tree, users):
    batch = services.start_batch(
        actor=users["commune"],
        area=tree["commune"],
        files=[("a.txt", io.BytesIO(ARTICLE.encode()))],
    )
    services.run_batch(batch.pk)
    again = services.run_batch(batch.pk)
    assert (again.processed, again.created_count) == (1, 1)


def test_a_viewer_cannot_start_a_batch(tree, users):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.start_batch(
            actor=users["viewer"],
            area=tree["commune"],
            files=[("a.txt", io.BytesIO(b"x"))],
        )
    assert not Batch.objects.exists()
