"""Documents carry their area's path (``area_path``), indexed with the list's
order; on PostgreSQL a trigram index serves the search."""

from typing import Any

from django.db import migrations, models

# A copy of each document's area path: paths never change once given.
BACKFILL = """
UPDATE documents_document SET area_path = (
    SELECT units_area.path FROM units_area
    WHERE units_area.id = documents_document.area_id
)
"""


def trigram_index(apps: Any, schema_editor: Any) -> None:
    """PostgreSQL only: ``search_text LIKE '%…%'`` read from a trigram index."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS document_search_trgm ON documents_document "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop_trigram_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS document_search_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_attachment_content_type"),
        ("units", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="area_path",
            field=models.CharField(default="", editable=False, max_length=255),
            preserve_default=False,
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop, elidable=False),
        migrations.AlterField(
            model_name="document",
            name="issued_on",
            field=models.DateField(verbose_name="date of issue"),
        ),
        migrations.AddIndex(
            model_name="document",
            index=models.Index(fields=["issued_on", "id"], name="document_date"),
        ),
        migrations.AddIndex(
            model_name="document",
            index=models.Index(
                fields=["area_path", "issued_on", "id"], name="document_path_date"
            ),
        ),
        migrations.AddIndex(
            model_name="document",
            index=models.Index(fields=["number_value"], name="document_number"),
        ),
        migrations.RunPython(trigram_index, drop_trigram_index, elidable=False),
    ]
