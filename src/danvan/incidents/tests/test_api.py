"""The hot spots API: scoping, the nested follow-ups, writes through the
services (with their Vietnamese refusals), links of rows the user reads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.incidents.models import Incident, Status
from danvan.incidents.tests.factories import FollowUpFactory, IncidentFactory
from danvan.situation.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def api(client):
    def call(method, url, data=None):
        return getattr(client, method)(url, data, content_type="application/json")

    return call


def test_list_is_scoped_with_follow_ups(client, users, bodies):
    own = IncidentFactory.create(owner_body=bodies["commune"])
    FollowUpFactory.create(incident=own, people=40)
    IncidentFactory.create(owner_body=bodies["sibling"])
    client.force_login(users["commune"])
    data = client.get(reverse("incident-list")).json()
    assert [row["id"] for row in data["results"]] == [own.pk]
    row = data["results"][0]
    assert row["escalating"] is True
    assert row["follow_ups"][0]["people"] == 40
    # Every listed row is its detail, key for key.
    detail = client.get(reverse("incident-detail", args=[own.pk])).json()
    assert detail == row


def test_filters(client, users, bodies):
    late = IncidentFactory.create(owner_body=bodies["commune"], due_on=D(2026, 8, 2))
    IncidentFactory.create(owner_body=bodies["commune"])
    client.force_login(users["province"])
    data = client.get(reverse("incident-list") + "?overdue=1").json()
    assert [row["id"] for row in data["results"]] == [late.pk]


def test_create_follow_up_and_refusals(api, client, users, bodies, tree):
    topic = TopicFactory.create(code="crowd-complaints")
    client.force_login(users["commune"])
    payload = {
        "title": "Khiếu kiện đông người về bồi thường",
        "area": tree["commune"].pk,
        "topic": topic.pk,
        "owner_body": bodies["commune"].pk,
        "arose_on": "2026-08-10",
        "severity": 3,
        "people": 25,
    }
    response = api("post", reverse("incident-list"), payload)
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = api(
        "post",
        reverse("incident-follow-ups", args=[pk]),
        {"on": "2026-08-12", "text": "Đối thoại với các hộ dân", "status": "handling"},
    )
    assert response.status_code == 201
    assert response.json()["status"] == Status.HANDLING
    # A follow-up dated in the future is refused in Vietnamese.
    response = api(
        "post",
        reverse("incident-follow-ups", args=[pk]),
        {"on": "2026-12-12", "text": "Chưa xảy ra"},
    )
    assert response.status_code == 400
    assert "tương lai" in response.content.decode()
    assert Incident.objects.get(pk=pk).follow_ups.count() == 1
    # Another commune's body is not a choice.
    payload["owner_body"] = bodies["sibling"].pk
    assert api("post", reverse("incident-list"), payload).status_code == 400
    # A PATCH changes its own fields.
    response = api(
        "patch", reverse("incident-detail", args=[pk]), {"place": "Thôn Trung Tâm"}
    )
    assert response.status_code == 200
    assert Incident.objects.get(pk=pk).place == "Thôn Trung Tâm"


def test_link_and_unlink(api, client, users, bodies):
    from danvan.meetings import services as meetings

    incident = IncidentFactory.create(owner_body=bodies["commune"])
    meeting = meetings.create_meeting(
        actor=system_actor(),
        convening_body=bodies["commune"],
        kind="giao_ban",
        title="Giao ban",
        held_on=D(2026, 8, 3),
    )
    hidden = meetings.create_meeting(
        actor=system_actor(),
        convening_body=bodies["sibling"],
        kind="giao_ban",
        title="Giao ban xã bạn",
        held_on=D(2026, 8, 3),
    )
    client.force_login(users["commune"])
    response = api(
        "post", reverse("incident-link", args=[incident.pk]), {"meetings": [meeting.pk]}
    )
    assert response.json()["meetings"] == [meeting.pk]
    response = api(
        "post", reverse("incident-link", args=[incident.pk]), {"meetings": [hidden.pk]}
    )
    assert response.status_code == 403
    # A link made by the level above to a row the commune does not see is
    # not named to the commune.
    incident.meetings.add(hidden)
    assert client.get(reverse("incident-detail", args=[incident.pk])).json()[
        "meetings"
    ] == [meeting.pk]
    response = api(
        "post",
        reverse("incident-unlink", args=[incident.pk]),
        {"meetings": [meeting.pk]},
    )
    assert response.json()["meetings"] == []


def test_viewer_cannot_write(api, client, users, bodies):
    incident = IncidentFactory.create(owner_body=bodies["commune"])
    client.force_login(users["viewer"])
    response = api(
        "post",
        reverse("incident-follow-ups", args=[incident.pk]),
        {"on": "2026-08-12", "text": "Ghi nhận"},
    )
    assert response.status_code == 403
    assert not incident.follow_ups.exists()


def test_count_is_the_pages_and_shows_a_change_at_once(client, users, bodies):
    IncidentFactory.create(owner_body=bodies["commune"])
    IncidentFactory.create(owner_body=bodies["sibling"])
    client.force_login(users["province"])
    page = client.get(reverse("incidents:list") + "?status=open")
    url = reverse("incident-list") + "?status=open"
    assert page.context["page"].paginator.count == client.get(url).json()["count"]
    before = client.get(url).json()["count"]
    IncidentFactory.create(owner_body=bodies["commune"])
    assert client.get(url).json()["count"] == before + 1
    assert client.get(url + "&page_size=1").json()["count"] == before + 1
