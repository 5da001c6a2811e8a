"""The dialogues API: scoped, the opinions nested, the list's rows the same
as their details, a fixed number of queries."""

import datetime as dt

import pytest

from danvan.dialogues.tests.factories import IssueFactory, SessionFactory

pytestmark = pytest.mark.django_db
D = dt.date
URL = "/api/v1/dialogues/"


@pytest.fixture
def sessions(bodies, tree):
    own = SessionFactory.create(body=bodies["commune"], area=tree["village"])
    IssueFactory.create(session=own)
    IssueFactory.create(
        session=own, assigned_body=bodies["ubnd"], due_on=D(2026, 11, 1)
    )
    other = SessionFactory.create(body=bodies["sibling"], area=tree["sibling"])
    return own, other


def test_the_list_is_scoped_and_nests_the_opinions(client, users, sessions):
    own, other = sessions
    client.force_login(users["commune"])
    data = client.get(URL).json()
    assert [row["id"] for row in data["results"]] == [own.pk]
    issues = data["results"][0]["issues"]
    assert [i["status"] for i in issues] == ["answered", "assigned"]
    assert issues[1]["due_on"] == "2026-11-01"
    assert client.get(f"{URL}{other.pk}/").status_code == 404


def test_every_listed_row_is_its_detail(client, users, sessions):
    client.force_login(users["province"])
    rows = client.get(URL).json()["results"]
    assert len(rows) == 2
    for row in rows:
        assert client.get(f"{URL}{row['id']}/").json() == row


def test_the_list_filters_like_the_page(client, users, sessions, tree):
    client.force_login(users["province"])
    data = client.get(URL, {"area": tree["sibling"].pk}).json()
    assert [row["id"] for row in data["results"]] == [sessions[1].pk]


def test_the_list_costs_a_fixed_number_of_queries(
    client, users, sessions, bodies, tree, django_assert_max_num_queries
):
    for day in range(1, 12):
        more = SessionFactory.create(
            body=bodies["commune"], area=tree["commune"], held_on=D(2026, 8, day)
        )
        IssueFactory.create(session=more)
    client.force_login(users["province"])
    client.get(URL)
    with django_assert_max_num_queries(8):
        response = client.get(URL)
    assert response.json()["count"] == 13


def test_the_api_is_read_only(client, users, sessions):
    client.force_login(users["commune"])
    response = client.post(URL, {"audience": "x"}, content_type="application/json")
    assert response.status_code == 405


def test_the_count_of_a_scope_of_two_ranges(client, sessions, tree, django_user_model):
    """A reader of two communes: the list is counted once per range of the
    scope (``common.paging.area_parts``), filters included."""
    from danvan.accounts.models import Membership

    reader = django_user_model.objects.create_user(username="hai-xa", password="x-p-1")
    for area in (tree["commune"], tree["sibling"]):
        Membership.objects.create(user=reader, area=area, role=Membership.Role.VIEWER)
    client.force_login(reader)
    assert client.get(URL).json()["count"] == 2
    data = client.get(URL, {"area": tree["sibling"].pk}).json()
    assert data["count"] == 1
    assert [row["id"] for row in data["results"]] == [sessions[1].pk]
