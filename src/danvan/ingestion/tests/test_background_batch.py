"""The batch queued in the database and run by ``danvan db_worker``."""

import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from danvan.ingestion import services
from danvan.ingestion.models import Batch, Source
from danvan.ingestion.tests.files import ARTICLE, CORRUPT_DOCX, docx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_worker_reads_a_queued_batch(
    database_backend, tree, users, media_root, django_capture_on_commit_callbacks
):
    files = [
        ("mot.txt", io.BytesIO(ARTICLE.encode())),
        ("hong.docx", io.BytesIO(CORRUPT_DOCX)),
        ("hai.docx", io.BytesIO(docx_bytes("Tin dân vận", "Xã Trạm Tấu, 2025"))),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.start_batch(
            actor=users["commune"], area=tree["commune"], files=files
        )

    # Queued, not run: the request returns at once.
    task = DBTaskResult.objects.get()
    assert task.task_path == "danvan.ingestion.tasks.run_batch_task"
    assert task.args_kwargs == {"args": [batch.pk], "kwargs": {}}
    batch.refresh_from_db()
    assert (batch.status, batch.processed) == (Batch.Status.QUEUED, 0)
    assert len(list((media_root / "batches").rglob("*.*"))) == 3

    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0
    )

    batch.refresh_from_db()
    assert batch.status == Batch.Status.DONE
    assert (batch.processed, batch.total) == (3, 3)
    assert (batch.created_count, batch.skipped_count, batch.failed_count) == (2, 0, 1)
    assert batch.failures[0]["file"] == "hong.docx"
    assert Source.objects.filter(batch=batch).count() == 2
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert task.return_value == {"created": 2, "skipped": 0, "failed": 1}
    assert not list((media_root / "batches").rglob("*.*"))
