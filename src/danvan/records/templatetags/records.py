"""``{% texts_of record %}``: the texts a record was made from, on its page."""

from django import template
from django.db import models

from danvan.records.services import links_of

register = template.Library()


@register.inclusion_tag("records/texts_of.html", takes_context=True)
def texts_of(context: template.Context, record: models.Model) -> dict[str, object]:
    request = context.get("request")
    from danvan.ingestion.models import Source

    links = list(links_of(record))
    visible = (
        set(
            Source.objects.visible_to(request.user)
            .filter(pk__in=[link.source_id for link in links])
            .values_list("pk", flat=True)
        )
        if request and links  # no text, nothing to check
        else set()
    )
    return {"links": [link for link in links if link.source_id in visible]}
