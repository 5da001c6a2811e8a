"""The situation API: scoped reads, writes through the services, topics."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from danvan.situation.models import Entry, Topic
from danvan.situation.tests.factories import EntryFactory

pytestmark = pytest.mark.django_db


def token_client(user: Any) -> APIClient:
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}"
    )
    return client


def test_needs_authentication() -> None:
    assert APIClient().get("/api/v1/situation/").status_code in (401, 403)


def test_list_is_scoped_and_filtered(
    users: Any, bodies: Any, django_assert_max_num_queries: Any
) -> None:
    own = EntryFactory.create(body=bodies["commune"], summary="Đất đai ổn định")
    EntryFactory.create(body=bodies["sibling"], summary="Xã bên")
    for n in range(20):
        EntryFactory.create(body=bodies["commune"], summary=f"Dòng {n}")
    client = token_client(users["commune"])
    client.get("/api/v1/situation/")
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/situation/")
    data = response.json()
    assert data["count"] == 21
    assert "Xã bên" not in str(data)
    found = client.get("/api/v1/situation/?q=dat+dai").json()["results"]
    assert [row["id"] for row in found] == [own.pk]
    detail = client.get(f"/api/v1/situation/{own.pk}/").json()
    assert detail["period"] == "quarter:2026:3"
    assert detail["period_label"] == "quý III/2026"
    assert detail == next(r for r in data["results"] if r["id"] == own.pk)


def test_create_update_delete(users: Any, bodies: Any, tree: Any) -> None:
    client = token_client(users["commune"])
    response = client.post(
        "/api/v1/situation/",
        {
            "body": bodies["commune"].pk,
            "area": tree["village"].pk,
            "period": "month:2026:9",
            "topic": "child-marriage",
            "assessment": "signs",
            "observed_on": "2026-09-10",
            "summary": "Hai trường hợp tảo hôn",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    entry = Entry.objects.get()
    assert entry.period.type == "month"
    response = client.patch(
        f"/api/v1/situation/{entry.pk}/", {"observed_on": "2026-10-10"}, format="json"
    )
    assert response.status_code == 400
    assert "kỳ" in str(response.json())
    response = client.patch(
        f"/api/v1/situation/{entry.pk}/", {"assessment": "complex"}, format="json"
    )
    assert response.json()["assessment"] == "complex"
    assert client.delete(f"/api/v1/situation/{entry.pk}/").status_code == 204
    assert not Entry.objects.exists()


def test_a_body_outside_the_users_units_is_refused(
    users: Any, bodies: Any, tree: Any
) -> None:
    response = token_client(users["commune"]).post(
        "/api/v1/situation/",
        {
            "body": bodies["sibling"].pk,
            "area": tree["sibling"].pk,
            "period": "quarter:2026:3",
            "topic": "land",
            "assessment": "stable",
            "observed_on": "2026-09-10",
            "summary": "Ổn định",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "body" in response.json()
    assert not Entry.objects.exists()


def test_others_cannot_read_or_change(users: Any, bodies: Any) -> None:
    entry = EntryFactory.create(body=bodies["commune"])
    sibling = token_client(users["sibling"])
    assert sibling.get(f"/api/v1/situation/{entry.pk}/").status_code == 404
    viewer = token_client(users["viewer"])
    url = f"/api/v1/situation/{entry.pk}/"
    assert viewer.patch(url, {"summary": "X"}, format="json").status_code == 403
    assert viewer.delete(url).status_code == 403
    assert Entry.objects.get().summary != "X"


def test_topics(users: Any) -> None:
    client = token_client(users["viewer"])
    data = client.get("/api/v1/situation-topics/").json()
    assert [t["code"] for t in data][:2] == ["national-events", "ethnic"]
    land = Topic.objects.get(code="land")
    assert client.get(f"/api/v1/situation-topics/{land.pk}/").json()["code"] == "land"
    assert client.post("/api/v1/situation-topics/", {}).status_code == 405
