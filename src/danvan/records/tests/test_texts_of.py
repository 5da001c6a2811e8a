"""``{% texts_of record %}`` on a record's page: the texts it came from that
the reader sees, newest text first, each link as made or linked, dated."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.template import engines
from django.test import RequestFactory
from django.utils import timezone

from danvan.ingestion import services as ingestion
from danvan.records.models import RecordLink
from danvan.units.models import Person

pytestmark = pytest.mark.django_db


def _box(user, record) -> str:
    request = RequestFactory().get("/")
    request.user = user
    page = engines["django"].from_string("{% load records %}{% texts_of record %}")
    return page.render({"record": record}, request)


def test_the_texts_a_record_came_from_as_its_reader_sees_them(tree, users):
    person = Person.objects.create(full_name="Giàng A Páo", area=tree["commune"])
    texts = []
    for i, (area, author) in enumerate(
        [("commune", "commune"), ("commune", "commune"), ("sibling", "sibling")]
    ):
        text, _new = ingestion.ingest_text(
            actor=users[author],
            area=tree[area],
            text=f"Bài viết số {i} về công tác dân vận ở cơ sở.",
            title=f"Bài số {i}",
        )
        # Oldest first: the box lists the newest text first.
        text.created_at = timezone.now() - dt.timedelta(days=10 - i)
        text.save(update_fields=["created_at"])
        texts.append(text)
    kind = ContentType.objects.get_for_model(person)
    for text, fact, index, created in [
        (texts[0], "people", 1, False),
        (texts[0], "people", 0, True),
        (texts[1], "people", 0, False),
        (texts[2], "people", 0, True),
    ]:
        RecordLink.objects.create(
            source=text,
            fact=fact,
            index=index,
            content_type=kind,
            object_id=person.pk,
            created=created,
        )

    box = _box(users["commune"], person)
    assert "Bài số 2" not in box  # the sibling commune's text
    listed = [box.index(f"/sources/{t.pk}/") for t in (texts[1], texts[0])]
    assert listed == sorted(listed)
    made = box.index("tạo từ văn bản này")
    assert box.index(f"/sources/{texts[0].pk}/") < made  # index 0 made it
    assert timezone.localdate().strftime("%d/%m/%Y") in box

    assert "Bài số 2" in _box(users["province"], person)
    assert (
        _box(
            users["commune"],
            Person.objects.create(
                full_name="Người không từ văn bản", area=tree["commune"]
            ),
        ).strip()
        == ""
    )


def test_the_links_query_is_compiled_once_for_a_positive_key_column(db):
    """RecordLink.object_id is a positive bigint: the stand-in keys must be
    keys it can hold, or the query is built every time (common.compiled)."""
    from django.contrib.contenttypes.models import ContentType

    from danvan.records.templatetags.records import _LINKS
    from danvan.units.models import Area

    kind = ContentType.objects.get_for_model(Area).pk
    assert _LINKS(kind, 1) == []
    assert all(compiled is not None for compiled in _LINKS._compiled.values())
