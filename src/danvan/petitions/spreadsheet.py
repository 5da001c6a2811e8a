"""The petitions list as XLSX: the same rows as the page, the petitioners
masked for whoever may not see them (each unmasked row logged)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from danvan.petitions import privacy
from danvan.petitions.models import Petition, Petitioner

CHUNK = 500


def headers() -> list[str]:
    return [
        _("Received on"),
        _("Kind"),
        _("Channel"),
        _("Subject"),
        _("Place"),
        _("Received by"),
        _("Handling body"),
        _("Status"),
        _("Next deadline"),
        _("Number of petitioners"),
        _("Petitioners"),
        _("Identity card number"),
        _("Address"),
        _("Phone"),
        _("Repeat"),
        _("Sent past the responsible level"),
    ]


def petitioners_of(ids: Sequence[int]) -> dict[int, list[Any]]:
    """The petitioners of these petitions, in their order, one query."""
    found: dict[int, list[Any]] = defaultdict(list)
    for row in Petitioner.objects.filter(petition_id__in=ids).order_by(
        "petition_id", "order", "pk"
    ):
        found[row.petition_id].append(row)
    return found


def rows(user: Any, petitions: QuerySet[Petition]) -> Iterator[list[Any]]:
    """The export's rows, read by chunks; the unmasked ones are logged."""
    query = petitions.select_related("area", "received_by", "handling_body")
    yes, no = _("yes"), ""
    for chunk in _chunks(query.iterator(chunk_size=CHUNK), CHUNK):
        ids = [p.pk for p in chunk]
        people = petitioners_of(ids)
        seen = privacy.seen_petitions(user, chunk)
        privacy.log_views(user, sorted(seen), "xlsx")
        for p in chunk:
            shown = [privacy.shown(x, p.pk in seen) for x in people.get(p.pk, [])]
            yield [
                p.received_on,
                p.get_kind_display(),
                p.get_channel_display(),
                p.subject,
                p.area.full_name,
                p.received_by.name,
                p.handling_body.name,
                p.get_status_display(),
                p.next_due_on,
                p.people,
                "; ".join(s.name for s in shown),
                "; ".join(s.id_number for s in shown if s.id_number),
                "; ".join(s.address for s in shown if s.address),
                "; ".join(s.phone for s in shown if s.phone),
                yes if p.repeat_of_id else no,
                yes if p.past_level else no,
            ]


def _chunks(items: Iterable[Petition], size: int) -> Iterator[list[Petition]]:
    chunk: list[Petition] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
