"""A pasted text and its title keep their lines but lose control characters."""

import pytest
from django.urls import reverse

from danvan.ingestion.models import Source
from danvan.ingestion.tests.files import ARTICLE

pytestmark = pytest.mark.django_db


def test_pasted_text_and_title_are_stored_without_control_characters(
    client, tree, users
):
    client.force_login(users["commune"])
    pasted = ARTICLE.replace("giao ban", "giao\u0001 ban").replace("\n", "\r\n")
    response = client.post(
        reverse("ingestion:ingest"),
        {
            "area": tree["commune"].pk,
            "title": "Giao ban\u0001 dân vận\u0085quý III\u202e",
            "text": pasted + "\u0085\x7f",
        },
    )

    assert response.status_code == 302
    source = Source.objects.get()
    assert source.title == "Giao ban dân vận quý III"
    assert "\u0001" not in source.text
    assert "\r" not in source.text
    assert "Xã Trạm Tấu giao ban công tác dân vận quý III năm 2025\n" in source.text
    assert "\n\nMùa Thị Dua" in source.text
