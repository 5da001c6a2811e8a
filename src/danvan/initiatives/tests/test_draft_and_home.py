"""What a first-time officer expects of the register: a draft saves with its name
and field alone, and a registration the level above returned waits on the home
page of the unit that must change it."""

import pytest
from django.urls import reverse

from danvan.initiatives import services
from danvan.initiatives.models import Initiative

pytestmark = pytest.mark.django_db


def test_a_draft_saves_with_only_its_name_and_field(client, tree, users, fields):
    client.force_login(users["commune"])
    data = {
        "area": tree["commune"].pk,
        "name": "Tổ tự quản đường hoa",
        "field": fields["kinh-te"].pk,
        "kind": "collective",
        "year": 2025,
        "action": "save",
        "criteria-TOTAL_FORMS": "1",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "30",
    }
    response = client.post(reverse("initiatives:create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = Initiative.objects.get()
    assert draft.status == Initiative.Status.DRAFT
    assert (draft.money_vnd, draft.working_days, draft.socialized_vnd) == (0, 0, 0)


def returned(make_initiative, tree, users):
    initiative = make_initiative(tree["commune"], actor=users["commune"])
    services.submit_initiative(actor=users["commune"], initiative=initiative)
    services.return_initiative(
        actor=users["province"], initiative=initiative, note="Bổ sung tiêu chí."
    )
    return initiative


def test_a_returned_registration_waits_on_the_units_home_page(
    client, tree, users, make_initiative
):
    initiative = returned(make_initiative, tree, users)
    client.force_login(users["commune"])
    page = client.get(reverse("home")).content.decode()
    assert "trả lại để bổ sung" in page
    assert f'href="{initiative.get_absolute_url()}"' in page

    # The approver who returned it and a sibling commune are not asked to act.
    for other in ("province", "sibling"):
        client.force_login(users[other])
        page = client.get(reverse("home")).content.decode()
        assert "trả lại để bổ sung" not in page, other


def test_several_returned_registrations_open_the_filtered_list(
    client, tree, users, make_initiative
):
    first = returned(make_initiative, tree, users)
    second = returned(make_initiative, tree, users)
    client.force_login(users["commune"])
    page = client.get(reverse("home")).content.decode()
    url = reverse("initiatives:list") + "?status=returned"
    assert f'href="{url}"' in page
    listed = client.get(url).content.decode()
    assert first.name in listed
    assert second.name in listed
