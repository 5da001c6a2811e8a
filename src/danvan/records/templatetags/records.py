"""``{% texts_of record %}``: the texts a record was made from, on its page."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.db import models

from danvan.common.compiled import KeyedQuery
from danvan.records.models import RecordLink

register = template.Library()

# The columns of a link the box shows or orders by.
_COLUMNS = ("source", "fact", "index", "created", "created_at")


# The links to a record (``records.services.links_of``) without their texts,
# their SQL built once (common.compiled): most records have none, and Django
# took ten times longer to build the query than PostgreSQL to answer it.
_LINKS = KeyedQuery(
    lambda kind, key: (
        RecordLink.objects.filter(content_type_id=kind, object_id=key)
        .order_by()
        .only(*_COLUMNS)
    )
)


def _links(record: models.Model) -> list[RecordLink]:
    links: list[RecordLink] = _LINKS(
        ContentType.objects.get_for_model(record).pk, record.pk
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
