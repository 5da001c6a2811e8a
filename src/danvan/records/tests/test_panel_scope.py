"""The records panel of a text names no record outside the reader's scope."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.documents import services as documents
from danvan.records import services

pytestmark = pytest.mark.django_db


def test_a_record_of_another_commune_is_not_named(client, source, tree, users):
    # The province linked the text's "Kế hoạch 05-KH/ĐU" to the sibling's entry.
    theirs = documents.register_document(
        actor=system_actor(),
        area=tree["sibling"],
        symbol_text="05-KH/ĐU",
        issued_on=dt.date(2025, 7, 10),
        title="Kế hoạch của xã Hạnh Phúc",
        kind="ke_hoach",
    )
    outcome = services.record_document(actor=users["province"], source=source, index=0)
    assert outcome.record == theirs

    client.force_login(users["commune"])
    page = client.get(reverse("records:source_records", args=[source.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Kế hoạch của xã Hạnh Phúc" not in text
    assert f'href="{theirs.get_absolute_url()}"' not in text
    assert "một mục ngoài phạm vi của bạn" in text

    response = client.post(
        reverse("records:make_document", args=[source.pk, 0]), follow=True
    )
    assert "Kế hoạch của xã Hạnh Phúc" not in response.content.decode()
    assert "05-KH/ĐU" not in str(list(response.context["messages"]))

    client.force_login(users["province"])
    page = client.get(reverse("records:source_records", args=[source.pk]))
    assert theirs.get_absolute_url() in page.content.decode()
