"""``{% texts_of record %}``: the texts a record was made from, on its page."""

from typing import Any

from django import template
from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, router

from danvan.records.models import RecordLink

register = template.Library()

# The columns of a link the box shows or orders by.
_COLUMNS = ("source", "fact", "index", "created", "created_at")


def _links(record: models.Model) -> list[RecordLink]:
    """The links to ``record`` (``records.services.links_of``), without their
    texts: one plain SQL query. Most records have none, and Django took ten
    times longer to build the ORM's query than PostgreSQL to answer it."""
    alias = router.db_for_read(RecordLink)
    connection = connections[alias]
    qn = connection.ops.quote_name
    fields = [RecordLink._meta.get_field(name) for name in _COLUMNS]
    kind, key = (
        qn(str(RecordLink._meta.get_field(name).column))  # type: ignore[union-attr]
        for name in ("content_type", "object_id")
    )
    columns = ", ".join(qn(str(f.column)) for f in fields)  # type: ignore[union-attr]
    query = (
        f"SELECT {columns} FROM {qn(RecordLink._meta.db_table)}"
        f" WHERE {kind} = %s AND {key} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [ContentType.objects.get_for_model(record).pk, record.pk])
        rows = cursor.fetchall()
    links = []
    for row in rows:
        values: list[Any] = list(row)
        for i, field in enumerate(fields):
            col = field.cached_col  # type: ignore[union-attr]
            for convert in [
                *connection.ops.get_db_converters(col),
                *col.get_db_converters(connection),
            ]:
                values[i] = convert(values[i], col, connection)
        links.append(
            RecordLink(**{f.attname: v for f, v in zip(fields, values, strict=True)})  # type: ignore[union-attr]
        )
    return links


@register.inclusion_tag("records/texts_of.html", takes_context=True)
def texts_of(context: template.Context, record: models.Model) -> dict[str, object]:
    request = context.get("request")
    from danvan.ingestion.models import Source

    links = _links(record)
    if not (request and links):  # no text, nothing to check
        return {"links": []}
    visible = {
        source.pk: source
        for source in Source.objects.visible_to(request.user)
        .filter(pk__in={link.source_id for link in links})
        .only("title", "created_at")
    }
    shown = [link for link in links if link.source_id in visible]
    for link in shown:
        link.source = visible[link.source_id]
    # In the links' order (RecordLink.Meta: source, fact, index; a source
    # orders newest first).
    shown.sort(key=lambda link: (link.fact, link.index))
    shown.sort(key=lambda link: (link.source.created_at, link.source_id), reverse=True)
    return {"links": shown}
