"""A trigram index on the search key without its spaces (PostgreSQL only).

``search_text LIKE '%dan van%'`` reads the trigrams of each word alone: every
document holding "dan" and "van" anywhere is a candidate (a third of a
province's register), checked row by row. The same key without spaces has
the trigrams that cross the words ("anv", "nva"): ``DocumentQuerySet.search``
asks both, and PostgreSQL reads this index for a search of several words.
"""

from typing import Any

from django.db import migrations


def joined_trigram_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS document_search_joined_trgm ON documents_document "
        "USING gin ((REPLACE(search_text, ' ', '')) gin_trgm_ops)"
    )


def drop_joined_trigram_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS document_search_joined_trgm")


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_area_path")]

    operations = [
        migrations.RunPython(
            joined_trigram_index, drop_joined_trigram_index, elidable=False
        ),
    ]
