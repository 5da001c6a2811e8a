"""Scoping: a commune's texts are its own; the province sees all of its communes."""

import io

import pytest
from django.urls import reverse

from danvan.ingestion import services
from danvan.ingestion.models import Batch, Source
from danvan.ingestion.tests.files import ARTICLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def batches(tree, users):
    def batch(user, area, text):
        made = services.start_batch(
            actor=user, area=area, files=[("a.txt", io.BytesIO(text.encode()))]
        )
        return services.run_batch(made.pk)

    return {
        "mine": batch(users["commune"], tree["commune"], ARTICLE + "\nTin, ảnh: A"),
        "theirs": batch(users["sibling"], tree["sibling"], ARTICLE + "\nTin: B"),
    }


def pages(sources, batches, side):
    source, batch = sources[side], batches[side]
    return [
        reverse("ingestion:source_detail", args=[source.pk]),
        reverse("ingestion:source_original", args=[source.pk]),
        reverse("ingestion:batch_detail", args=[batch.pk]),
    ]


def test_pages_need_sign_in(client, sources, batches):
    for url in [
        reverse("ingestion:source_list"),
        reverse("ingestion:ingest"),
        reverse("units:pick_areas"),
        *pages(sources, batches, "mine"),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login"))


def test_commune_user_opens_own_texts(client, users, sources, batches):
    client.force_login(users["commune"])
    for url in pages(sources, batches, "mine"):
        assert client.get(url).status_code == 200, url


def test_sibling_commune_texts_are_not_found(client, users, sources, batches):
    client.force_login(users["commune"])
    for url in pages(sources, batches, "theirs"):
        assert client.get(url).status_code == 404, url
        assert client.get(url, headers={"HX-Request": "true"}).status_code == 404
    confirm = client.post(
        reverse("ingestion:source_detail", args=[sources["theirs"].pk]), {}
    )
    assert confirm.status_code == 404
    listed = client.get(reverse("ingestion:source_list")).content.decode()
    assert sources["mine"].title in listed
    assert sources["theirs"].title not in listed


def test_province_user_sees_both_communes(client, users, sources, batches):
    client.force_login(users["province"])
    for url in pages(sources, batches, "mine") + pages(sources, batches, "theirs"):
        assert client.get(url).status_code == 200, url
    listed = client.get(reverse("ingestion:source_list")).content.decode()
    assert sources["mine"].title in listed
    assert sources["theirs"].title in listed


def test_village_viewer_does_not_see_the_communes_texts(client, users, sources):
    client.force_login(users["village"])
    url = reverse("ingestion:source_detail", args=[sources["mine"].pk])
    assert client.get(url).status_code == 404


def test_queryset_scoping(users, sources, batches):
    mine = {sources["mine"], *batches["mine"].sources.all()}
    theirs = {sources["theirs"], *batches["theirs"].sources.all()}
    assert len(mine) == len(theirs) == 2
    assert set(Source.objects.visible_to(users["commune"])) == mine
    assert set(Source.objects.visible_to(users["sibling"])) == theirs
    assert set(Source.objects.visible_to(users["province"])) == mine | theirs
    assert set(Batch.objects.visible_to(users["commune"])) == {batches["mine"]}


def test_texts_of_a_merged_commune_stay_visible_to_its_successor(tree, users, sources):
    # A 2024 report filed against xã Pá Lau, merged into xã Trạm Tấu in 2025.
    old, _ = services.ingest_text(
        actor=users["province"],
        area=tree["pa_lau"],
        text="Báo cáo công tác dân vận năm 2024 của xã Pá Lau.",
    )
    assert old in Source.objects.visible_to(users["commune"])
    assert old not in Source.objects.visible_to(users["sibling"])


def test_a_duplicate_in_another_unit_is_not_revealed(client, users, sources):
    client.force_login(users["commune"])
    from danvan.ingestion.tests.conftest import SIBLING_TEXT

    response = client.post(
        reverse("ingestion:ingest"),
        {"area": users["commune"].memberships.get().area.pk, "text": SIBLING_TEXT},
        follow=True,
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("ingestion:ingest")
    assert sources["theirs"].get_absolute_url() not in page
