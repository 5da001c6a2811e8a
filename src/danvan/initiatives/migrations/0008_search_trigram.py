"""On PostgreSQL a trigram index serves the register's accent-free search
(``search_text LIKE '%…%'``); SQLite has none and needs none."""

from typing import Any

from django.db import migrations


def trigram_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS initiative_search_trgm ON initiatives_initiative "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop_trigram_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS initiative_search_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0007_review_queue_indexes"),
    ]

    operations = [
        migrations.RunPython(trigram_index, drop_trigram_index, elidable=False),
    ]
