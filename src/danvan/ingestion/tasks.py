"""Background tasks of bringing texts in: thin wrappers over the services."""

from django_tasks import task

from danvan.ingestion import services


@task
def run_batch_task(batch_id: int) -> dict[str, int]:
    """Read the files of a batch, one by one, and return its counts."""
    batch = services.run_batch(batch_id)
    return {
        "created": batch.created_count,
        "skipped": batch.skipped_count,
        "failed": batch.failed_count,
    }
