"""The records panel shows the dates of a text as 10/07/2025, never ISO, and
takes a missing date typed dd/mm/yyyy, in an English session too."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from danvan.documents.models import Document

pytestmark = pytest.mark.django_db
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_records_panel_shows_no_iso_date(client, source, users, language):
    client.cookies["django_language"] = language
    client.force_login(users["commune"])
    page = client.get(reverse("records:source_records", args=[source.pk]))

    text = page.content.decode()
    assert "10/07/2025" in text
    assert ISO.findall(text) == []


def test_a_missing_date_is_typed_day_first(client, source, users):
    client.cookies["django_language"] = "en"
    facts = source.confirmed_facts
    facts["doc_refs"][0]["date"] = None
    source.confirmed_facts = facts
    source.save(update_fields=["confirmed_facts"])
    client.force_login(users["commune"])
    page = client.get(reverse("records:source_records", args=[source.pk]))
    assert 'placeholder="dd/mm/yyyy"' in page.content.decode()

    client.post(
        reverse("records:make_document", args=[source.pk, 0]),
        {"issued_on": "05/07/2025"},
    )

    assert Document.objects.get(kind=Document.Kind.PLAN).issued_on == dt.date(
        2025, 7, 5
    )
