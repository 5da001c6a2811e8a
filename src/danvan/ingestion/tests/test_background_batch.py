"""The batch queued in the database and run by ``danvan db_worker``.

The worker recycles database connections between tasks, as in production, so
this test commits for real instead of running inside a rolled-back
transaction. Only the apps it writes to are emptied afterwards: the official
areas, loaded once for the whole run, stay.
"""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from conftest import make_user
from danvan.ingestion import services
from danvan.ingestion.models import Batch, Source
from danvan.ingestion.tests.files import ARTICLE, CORRUPT_DOCX, docx_bytes
from danvan.units.models import Area

pytestmark = pytest.mark.django_db(
    transaction=True,
    # The apps whose tables this test fills and which are emptied after it;
    # areas and content types are left as they are.
    available_apps=[
        "auditlog",
        "django_tasks_db",
        "danvan.accounts",
        "danvan.ingestion",
    ],
)


@pytest.fixture
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_worker_reads_a_queued_batch(database_backend, media_root):
    commune = Area.objects.resolve("04591", dt.date(2025, 7, 1))
    user = make_user("worker-test", area=commune)
    files = [
        ("mot.txt", io.BytesIO(ARTICLE.encode())),
        ("hong.docx", io.BytesIO(CORRUPT_DOCX)),
        ("hai.docx", io.BytesIO(docx_bytes("Tin dân vận", "Xã Trạm Tấu, 2025"))),
    ]
    batch = services.start_batch(actor=user, area=commune, files=files)

    # Queued on commit, not run: the upload returns at once.
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
    assert Source.objects.filter(batch=batch, created_by=user).count() == 2
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert task.return_value == {"created": 2, "skipped": 0, "failed": 1}
    assert not list((media_root / "batches").rglob("*.*"))
