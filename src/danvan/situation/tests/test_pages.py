"""The situation pages: list with its filters, an entry, its form, deletion,
the export; every row through the reader's scope."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from danvan.datasets.models import Period
from danvan.situation.models import Assessment, Entry, Topic
from danvan.situation.tests.factories import EntryFactory

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def entries(bodies: Any, tree: Any) -> dict[str, Entry]:
    land = Topic.objects.get(code="land")
    religion = Topic.objects.get(code="religion")
    return {
        "own": EntryFactory.create(
            body=bodies["commune"],
            area=tree["village"],
            topic=land,
            assessment=Assessment.COMPLEX,
            summary="Tranh chấp đất rừng giữa hai hộ ở thôn Trung Tâm",
        ),
        "own2": EntryFactory.create(
            body=bodies["commune"],
            topic=religion,
            summary="Hoạt động tôn giáo đúng quy định",
            period=Period.objects.of("month", 2026, 7),
            observed_on=dt.date(2026, 7, 20),
        ),
        "sibling": EntryFactory.create(
            body=bodies["sibling"], topic=land, summary="Đất đai xã bên cạnh ổn định"
        ),
    }


def test_list_shows_the_users_entries_only(users: Any, entries: Any) -> None:
    response = client_for(users["commune"]).get(reverse("situation:list"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Tranh chấp đất rừng" in text
    assert "Hoạt động tôn giáo" in text
    assert "xã bên cạnh" not in text


def test_the_province_sees_every_commune(users: Any, entries: Any) -> None:
    text = client_for(users["province"]).get(reverse("situation:list")).content
    assert "xã bên cạnh".encode() in text


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("q=tranh+chap+dat", "Tranh chấp đất rừng", "Hoạt động tôn giáo"),
        ("assessment=complex", "Tranh chấp đất rừng", "Hoạt động tôn giáo"),
        ("period=month:2026:7", "Hoạt động tôn giáo", "Tranh chấp đất rừng"),
        ("sort=assessment", "Tranh chấp đất rừng", "xã bên cạnh"),
    ],
)
def test_list_filters(
    users: Any, entries: Any, query: str, shown: str, hidden: str
) -> None:
    text = (
        client_for(users["province"])
        .get(reverse("situation:list") + "?" + query)
        .content.decode()
    )
    assert shown in text
    if query.startswith("sort"):
        assert text.index(shown) < text.index(hidden)
    else:
        assert hidden not in text


def test_list_filters_by_area_and_topic(users: Any, entries: Any, tree: Any) -> None:
    topic = Topic.objects.get(code="land").pk
    url = reverse("situation:list") + f"?area={tree['commune'].pk}&topic={topic}"
    text = client_for(users["province"]).get(url).content.decode()
    assert "Tranh chấp đất rừng" in text
    assert "xã bên cạnh" not in text
    assert "Hoạt động tôn giáo" not in text


def test_list_query_count(
    users: Any, entries: Any, bodies: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(30):
        EntryFactory.create(body=bodies["commune"], summary=f"Ổn định {n}")
    client = client_for(users["commune"])
    client.get(reverse("situation:list"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("situation:list"))
    assert response.content.decode().count("<tr>") >= 32


def test_list_count_is_kept_and_shows_a_change_at_once(
    users: Any, entries: Any, bodies: Any
) -> None:
    client = client_for(users["commune"])
    api = "/api/v1/situation/"

    def counts() -> tuple[int, int]:
        page = client.get(reverse("situation:list"))
        return page.context["page"].paginator.count, client.get(api).json()["count"]

    before, api_before = counts()
    assert before == api_before == Entry.objects.visible_to(users["commune"]).count()
    EntryFactory.create(body=bodies["commune"], summary="Mới ghi nhận")
    assert counts() == (before + 1, before + 1)


def test_topic_counts_are_kept_and_show_a_change_at_once(
    users: Any, entries: Any, bodies: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(users["commune"])
    url = reverse("situation:topic_list")

    def counts() -> dict[str, int]:
        topics = client.get(url).context["topics"]
        return {topic.code: topic.entry_count for topic in topics}

    before = counts()
    with django_assert_max_num_queries(2):  # the session, its user; topics kept
        assert counts() == before
    entry = EntryFactory.create(body=bodies["commune"], summary="Mới ghi nhận")
    after = counts()
    assert after[entry.topic.code] == before.get(entry.topic.code, 0) + 1


def test_detail_of_another_commune_is_404(users: Any, entries: Any) -> None:
    client = client_for(users["commune"])
    own = client.get(entries["own"].get_absolute_url())
    assert own.status_code == 200
    assert "Tranh chấp đất rừng" in own.content.decode()
    assert client.get(entries["sibling"].get_absolute_url()).status_code == 404


def test_create_edit_delete(users: Any, bodies: Any, tree: Any) -> None:
    client = client_for(users["commune"])
    assert client.get(reverse("situation:create")).status_code == 200
    data = {
        "body": bodies["commune"].pk,
        "area": tree["village"].pk,
        "period": "quarter:2026:3",
        "topic": Topic.objects.get(code="child-marriage").pk,
        "assessment": "signs",
        "observed_on": "05/09/2026",
        "summary": "Phát hiện 2 trường hợp tảo hôn",
        "sources": "",
        "follow_up": "Tuyên truyền Luật Hôn nhân và gia đình",
    }
    response = client.post(reverse("situation:create"), data)
    entry = Entry.objects.get()
    assert response.status_code == 302
    assert entry.observed_on == dt.date(2026, 9, 5)
    assert entry.period.start == dt.date(2026, 7, 1)
    assert entry.created_by == users["commune"]
    data["summary"] = "Phát hiện 3 trường hợp tảo hôn"
    client.post(reverse("situation:entry_edit", args=[entry.pk]), data)
    entry.refresh_from_db()
    assert entry.summary == "Phát hiện 3 trường hợp tảo hôn"
    detail = client.get(entry.get_absolute_url()).content.decode()
    assert "3 trường hợp" in detail
    client.post(reverse("situation:entry_delete", args=[entry.pk]))
    assert not Entry.objects.exists()


def test_a_bad_form_says_so_in_vietnamese(users: Any, bodies: Any, tree: Any) -> None:
    data = {
        "body": bodies["commune"].pk,
        "area": tree["sibling"].pk,
        "period": "quarter:2026:3",
        "topic": Topic.objects.get(code="land").pk,
        "assessment": "stable",
        "observed_on": "05/09/2026",
        "summary": "Ổn định",
    }
    client = client_for(users["province"])
    response = client.post(reverse("situation:create"), data)
    assert response.status_code == 200
    assert "phải thuộc địa bàn" in response.content.decode()
    data["area"] = tree["commune"].pk
    data["observed_on"] = "05/01/2026"
    response = client.post(reverse("situation:create"), data)
    assert "phải nằm trong kỳ" in response.content.decode()
    assert not Entry.objects.exists()


def test_viewers_may_not_write(users: Any, entries: Any) -> None:
    client = client_for(users["viewer"])
    assert client.get(reverse("situation:create")).status_code == 403
    url = reverse("situation:entry_edit", args=[entries["own"].pk])
    assert client.post(url, {}).status_code == 403
    url = reverse("situation:entry_delete", args=[entries["own"].pk])
    assert client.post(url).status_code == 403
    assert Entry.objects.count() == 3


def test_export_lists_the_filtered_rows(users: Any, entries: Any) -> None:
    response = client_for(users["commune"]).get(
        reverse("situation:export") + "?assessment=complex"
    )
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][2] == "Đất đai, bồi thường, giải phóng mặt bằng"
    assert rows[1][5] == "Phức tạp"
