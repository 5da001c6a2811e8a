"""The petitions' pages: the list, a petition, the intake, the steps, the due
page, the XLSX, the API, the home items; the masking of the petitioners and
the log of unmasked views."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.common.dashboard import items_for
from danvan.petitions.models import IdentityView, Kind, Petition, Status
from danvan.petitions.privacy import mask_name, may_see_identity
from danvan.petitions.tests.factories import PetitionFactory, committee

pytestmark = pytest.mark.django_db

NAME = "Giàng A Páo"


@pytest.fixture
def petition(tree: Any, users: Any) -> Petition:
    return PetitionFactory.create(
        area=tree["commune"],
        subject="Khiếu nại về bồi thường đất nương",
        petitioners=[
            {
                "name": NAME,
                "id_number": "015086000001",
                "address": "Thôn Trung Tâm",
                "phone": "0912000001",
            }
        ],
    )


def test_mask_name() -> None:
    assert mask_name("Nguyễn Văn An") == "Nguyễn V… A"
    assert mask_name("Giàng A Páo") == "Giàng A… P"
    assert mask_name("An") == "A…"
    assert mask_name("") == ""


def test_who_sees_the_petitioners(petition: Petition, users: Any) -> None:
    # The commune's editor: a member of the handling body's area.
    assert may_see_identity(users["commune"], petition)
    # The province above, the commune's viewer, the sibling: masked.
    assert not may_see_identity(users["province"], petition)
    assert not may_see_identity(users["viewer"], petition)
    assert not may_see_identity(users["sibling"], petition)


def test_detail_unmasked_is_logged(client: Any, petition: Petition, users: Any) -> None:
    client.force_login(users["commune"])
    response = client.get(petition.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert NAME in page
    assert "015086000001" in page
    view = IdentityView.objects.get(petition=petition)
    assert (view.user, view.where) == (users["commune"], "page")
    # The log shows on the page to those who see the identity.
    assert "commune" in client.get(petition.get_absolute_url()).content.decode()


def test_detail_masked_for_the_level_above(
    client: Any, petition: Petition, users: Any
) -> None:
    client.force_login(users["province"])
    page = client.get(petition.get_absolute_url()).content.decode()
    assert petition.subject in page
    assert NAME not in page
    assert "015086000001" not in page
    assert "Giàng A… P" in page
    assert not IdentityView.objects.exists()


def test_identity_bodies_unmask(client: Any, petition: Petition, users: Any, tree: Any):
    from danvan.common.actors import system_actor
    from danvan.petitions import services

    province_body = committee(tree["province"])
    services.set_identity_bodies(
        actor=system_actor(), petition=petition, bodies=[province_body]
    )
    # The province's approver belongs to the province's area, hence its body.
    assert may_see_identity(users["province"], petition)


def test_other_unit_is_a_404(client: Any, petition: Petition, users: Any) -> None:
    client.force_login(users["sibling"])
    assert client.get(petition.get_absolute_url()).status_code == 404
    page = client.get(reverse("petitions:list")).content.decode()
    assert petition.subject not in page


def test_list_masks_and_logs(client: Any, petition: Petition, users: Any) -> None:
    client.force_login(users["province"])
    page = client.get(reverse("petitions:list")).content.decode()
    assert petition.subject in page
    assert "Giàng A… P" in page
    assert NAME not in page
    assert not IdentityView.objects.exists()
    client.force_login(users["commune"])
    page = client.get(reverse("petitions:list")).content.decode()
    assert NAME in page
    assert IdentityView.objects.filter(where="list").count() == 1


def test_list_filters(client: Any, petition: Petition, users: Any) -> None:
    client.force_login(users["commune"])
    url = reverse("petitions:list")
    assert petition.subject in client.get(url, {"q": "boi thuong"}).content.decode()
    assert petition.subject not in client.get(url, {"q": "zzz"}).content.decode()
    assert petition.subject in client.get(url, {"kind": "complaint"}).content.decode()
    assert (
        petition.subject not in client.get(url, {"kind": "feedback"}).content.decode()
    )
    assert petition.subject in client.get(url, {"due": "open"}).content.decode()
    assert (
        petition.subject not in client.get(url, {"repeat": "repeat"}).content.decode()
    )


@pytest.mark.parametrize("role", ["commune", "province"])
def test_list_queries_do_not_grow(
    client: Any, tree: Any, users: Any, django_assert_max_num_queries: Any, role: str
) -> None:
    # The province reads the petitions masked: no query per row either.
    client.force_login(users[role])
    url = reverse("petitions:list")
    PetitionFactory.create(area=tree["commune"])
    client.get(url)
    # A new petition: the kept count is counted again in both requests measured.
    PetitionFactory.create(area=tree["commune"])
    with django_assert_max_num_queries(9) as few:
        assert client.get(url).status_code == 200
    for _ in range(8):
        PetitionFactory.create(area=tree["commune"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
    # Opened again with nothing changed, the count is the kept one.
    with django_assert_max_num_queries(len(few.captured_queries) - 1):
        assert client.get(url).status_code == 200


def test_api_list_queries_do_not_grow(
    client: Any, tree: Any, users: Any, django_assert_max_num_queries: Any
) -> None:
    client.force_login(users["commune"])
    url = reverse("petition-list")
    PetitionFactory.create(area=tree["commune"])
    client.get(url)
    with django_assert_max_num_queries(10) as few:
        assert client.get(url).status_code == 200
    for _ in range(8):
        PetitionFactory.create(area=tree["commune"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_xlsx_masked_per_user(client: Any, petition: Petition, users: Any) -> None:
    def cells(user: Any) -> list[Any]:
        client.force_login(user)
        response = client.get(reverse("petitions:export"))
        assert response.status_code == 200
        book = load_workbook(io.BytesIO(response.content))
        rows = list(book.active.iter_rows(values_only=True))
        assert len(rows) == 2
        return list(rows[1])

    masked = cells(users["province"])
    assert "Giàng A… P" in masked
    assert NAME not in masked
    assert "•••" in masked
    assert not IdentityView.objects.exists()
    plain = cells(users["commune"])
    assert NAME in plain
    assert "015086000001" in plain
    assert IdentityView.objects.filter(where="xlsx").count() == 1


def test_api_masks_and_logs(client: Any, petition: Petition, users: Any) -> None:
    client.force_login(users["province"])
    url = reverse("petition-detail", args=[petition.pk])
    data = client.get(url).json()
    assert data["identity_masked"] is True
    assert data["petitioners"][0]["name"] == "Giàng A… P"
    assert data["petitioners"][0]["phone"] == "•••"
    assert client.get(reverse("petition-list")).json()["results"][0]["petitioners"][0][
        "name"
    ] == ("Giàng A… P")
    assert not IdentityView.objects.exists()
    client.force_login(users["commune"])
    data = client.get(url).json()
    assert data["identity_masked"] is False
    assert data["petitioners"][0]["id_number"] == "015086000001"
    assert IdentityView.objects.filter(where="api").count() == 1


def test_api_receives_through_the_services(client: Any, tree: Any, users: Any) -> None:
    body = committee(tree["commune"])
    client.force_login(users["commune"])
    payload = {
        "received_by": body.pk,
        "received_on": "2026-10-06",
        "kind": "feedback",
        "subject": "Phản ánh đường liên thôn sạt lở",
        "content": "Đường liên thôn bị sạt lở sau mưa lớn.",
        "area": tree["commune"].pk,
        "petitioners": [{"name": "Sùng A Của"}],
    }
    response = client.post(
        reverse("petition-list"), payload, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    petition = Petition.objects.get(subject=payload["subject"])
    assert petition.handling_body == body
    # A date in the future: a 400 in Vietnamese, nothing saved.
    payload["received_on"] = "2099-01-01"
    payload["subject"] = "Tương lai"
    response = client.post(
        reverse("petition-list"), payload, content_type="application/json"
    )
    assert response.status_code == 400
    assert not Petition.objects.filter(subject="Tương lai").exists()


def _intake(tree: Any, body: Any, **over: Any) -> dict[str, Any]:
    data = {
        "received_by": body.pk,
        "received_on": "06/10/2026",
        "channel": "in_person",
        "kind": "complaint",
        "subject": "Khiếu nại việc thu hồi đất làm đường",
        "content": "Chưa được bồi thường.",
        "area": tree["commune"].pk,
        "people": "1",
        "p-TOTAL_FORMS": "3",
        "p-INITIAL_FORMS": "0",
        "p-MIN_NUM_FORMS": "1",
        "p-MAX_NUM_FORMS": "20",
        "p-0-name": "Lù Văn Sáng",
        "p-0-id_number": "015080001234",
    }
    data.update(over)
    return data


def test_intake_routes_and_refuses(client: Any, tree: Any, users: Any) -> None:
    body = committee(tree["commune"])
    client.force_login(users["commune"])
    url = reverse("petitions:create")
    assert client.get(url).status_code == 200
    response = client.post(url, _intake(tree, body))
    petition = Petition.objects.get(subject="Khiếu nại việc thu hồi đất làm đường")
    assert response.status_code == 302
    assert petition.handling_body == body
    assert petition.petitioners.get().name == "Lù Văn Sáng"
    # A crowd of 12 without representatives: refused, nothing saved.
    response = client.post(
        url,
        _intake(tree, body, subject="Đơn đông người", crowd="on", people="12"),
    )
    assert response.status_code == 200
    assert not Petition.objects.filter(subject="Đơn đông người").exists()


def test_steps(client: Any, petition: Petition, users: Any) -> None:
    client.force_login(users["commune"])
    page = client.get(petition.get_absolute_url()).content.decode()
    accept = reverse("petitions:step", args=[petition.pk, "accept"])
    assert accept in page
    assert client.get(accept).status_code == 200
    response = client.post(accept, {"on": "07/10/2026"})
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.status == Status.ACCEPTED
    assert petition.accepted_on == dt.date(2026, 10, 7)
    # Accepted twice: refused with a message, nothing changed.
    assert client.post(accept, {"on": "08/10/2026"}).status_code == 200
    petition.refresh_from_db()
    assert petition.accepted_on == dt.date(2026, 10, 7)
    # The commune's viewer reads, and takes no step; the sibling sees nothing.
    client.force_login(users["viewer"])
    assert client.post(accept, {"on": "07/10/2026"}).status_code == 403
    client.force_login(users["sibling"])
    assert client.post(accept, {"on": "07/10/2026"}).status_code == 404
    assert (
        client.get(reverse("petitions:step", args=[petition.pk, "nope"])).status_code
        == 404
    )


def test_overdue_on_the_due_page_and_home(
    client: Any, petition: Petition, users: Any, settings: Any
) -> None:
    assert petition.next_due_on is not None
    settings.DANVAN_TODAY = petition.next_due_on + dt.timedelta(days=1)
    client.force_login(users["commune"])
    page = client.get(reverse("petitions:due")).content.decode()
    assert petition.subject in page
    found = {i.label: i for i in items_for(users["commune"])}
    overdue = [
        i
        for label, i in found.items()
        if "quá hạn" in label.lower() or "overdue" in label.lower()
    ]
    assert [i.count for i in overdue if "petitions" in i.url] == [1]
    # The level above finds it in the lists, not on its home page.
    assert not [i for i in items_for(users["province"]) if "petitions" in i.url]
    # Before the deadline: due this week, not overdue.
    settings.DANVAN_TODAY = petition.next_due_on
    assert (
        client.get(reverse("petitions:list"), {"due": "overdue"})
        .content.decode()
        .count(petition.subject)
        == 0
    )


def test_rules_pages(client: Any, tree: Any, users: Any) -> None:
    client.force_login(users["commune"])
    assert client.get(reverse("petitions:rule_sets")).status_code == 200
    body = committee(tree["commune"], "party_committee")
    response = client.post(
        reverse("petitions:routing_create"),
        {
            "area": tree["commune"].pk,
            "kind": "denunciation",
            "body": body.pk,
            "active": "on",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("petitions:routing_list")).content.decode()
    assert body.name in page
    client.force_login(users["sibling"])
    assert (
        body.name not in client.get(reverse("petitions:routing_list")).content.decode()
    )


@pytest.mark.parametrize("role", ["commune", "province"])
def test_due_page_queries_do_not_grow(
    role: str,
    client: Any,
    tree: Any,
    users: Any,
    settings: Any,
    django_assert_max_num_queries: Any,
) -> None:
    first = PetitionFactory.create(area=tree["commune"])
    assert first.next_due_on is not None
    settings.DANVAN_TODAY = first.next_due_on + dt.timedelta(days=1)
    client.force_login(users[role])
    url = reverse("petitions:due")
    client.get(url)
    # A new petition: the kept counts are counted again in both requests measured.
    PetitionFactory.create(area=tree["commune"])
    with django_assert_max_num_queries(10) as few:
        assert client.get(url).status_code == 200
    for _ in range(8):
        PetitionFactory.create(area=tree["commune"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("Khiếu nại về việc bồi thường đất nương") == 10
    # Opened again with nothing changed, the counts are the kept ones.
    with django_assert_max_num_queries(len(few.captured_queries) - 1):
        assert client.get(url).status_code == 200


def test_forwarding_is_offered_only_where_the_service_takes_it() -> None:
    # ``services.forward_petition`` forwards a petition only before it is
    # accepted: an accepted one offers no button the service would refuse.
    from danvan.petitions.views.steps import steps_for

    received = Petition(kind=Kind.COMPLAINT, status=Status.RECEIVED)
    accepted = Petition(kind=Kind.COMPLAINT, status=Status.ACCEPTED)
    assert "forward" in [s.name for s in steps_for(received)]
    assert "forward" not in [s.name for s in steps_for(accepted)]
