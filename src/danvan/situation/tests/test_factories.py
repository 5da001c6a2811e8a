"""The factories and the seeded topics other apps rely on."""

from __future__ import annotations

import pytest

from danvan.situation.models import Assessment, Entry, Topic
from danvan.situation.tests.factories import EntryFactory, TopicFactory

pytestmark = pytest.mark.django_db

SEEDED = [
    "national-events",
    "ethnic",
    "religion",
    "land",
    "crowd-complaints",
    "child-marriage",
    "illegal-migration",
    "poverty",
    "disasters",
    "pollution",
    "hostile-propaganda",
    "other",
]


def test_seeded_topics_in_outline_order() -> None:
    assert list(Topic.objects.values_list("code", flat=True)[:12]) == SEEDED
    assert Topic.objects.get(code="religion").search_name.startswith("ton giao")


def test_topic_factory_reuses_a_seeded_code() -> None:
    assert TopicFactory.create(code="land").pk == Topic.objects.get(code="land").pk
    assert TopicFactory.create().code.startswith("test-topic-")


def test_entry_factory_records_through_the_service(bodies, tree) -> None:
    entry = EntryFactory.create(
        body=bodies["commune"], area=tree["village"], assessment=Assessment.SIGNS
    )
    assert Entry.objects.get() == entry
    assert entry.area_path == tree["village"].path
    assert entry.body_path == bodies["commune"].path
    assert "tinh hinh" in entry.search_text
