"""The list of texts: scoped, searchable without diacritics, paginated."""

import re

import pytest
from django.urls import reverse

from danvan.ingestion import services

pytestmark = pytest.mark.django_db

URL = reverse("ingestion:source_list")


def test_search_ignores_diacritics_in_title_and_text(client, users, sources):
    client.force_login(users["province"])
    for query in ["tram tau", "TRẠM TẤU", "Trạm Tâu", "giang a su", "dân vận khéo"]:
        page = client.get(URL, {"q": query}).content.decode()
        assert sources["mine"].title in page, query
        assert sources["theirs"].title not in page, query
    page = client.get(URL, {"q": "khau ly"}).content.decode()
    assert sources["theirs"].title in page
    assert sources["mine"].title not in page


def test_search_fragment_for_htmx(client, users, sources):
    client.force_login(users["commune"])
    response = client.get(URL, {"q": "giao ban"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "<html" not in content
    assert sources["mine"].title in content


def test_status_filter(client, users, sources):
    source = sources["mine"]
    services.confirm_facts(
        actor=users["commune"], source=source, facts={**source.facts}
    )
    client.force_login(users["province"])
    confirmed = client.get(URL, {"status": "confirmed"}).content.decode()
    assert source.title in confirmed
    assert sources["theirs"].title not in confirmed
    pending = client.get(URL, {"status": "pending"}).content.decode()
    assert sources["theirs"].title in pending
    assert source.title not in pending


def test_list_is_paginated_with_a_fixed_number_of_queries(
    client, tree, users, django_assert_max_num_queries
):
    for i in range(30):
        services.ingest_text(
            actor=users["commune"],
            area=tree["commune"],
            text=f"Tin dân vận số {i}\n\nNội dung tin số {i} của xã Trạm Tấu.",
        )
    client.force_login(users["commune"])
    client.get(URL)
    with django_assert_max_num_queries(8):
        page = client.get(URL).content.decode()
    assert len(re.findall(r'<a href="/sources/\d+/">', page)) == 25
    second = client.get(URL, {"page": 2}).content.decode()
    assert len(re.findall(r'<a href="/sources/\d+/">', second)) == 5
