"""A model may be named as "replicated from" or "continues" only when the user
may see it: through the form, the API and the services alike."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.initiatives import services
from danvan.initiatives.models import Initiative
from danvan.initiatives.tests.test_api import registration
from danvan.initiatives.tests.test_registration import form_data
from danvan.units.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture
def far_model(registered):
    far = Area.objects.resolve("01", dt.date(2025, 7, 1))  # Hà Nội
    return registered(far, "Tổ tự quản an ninh trật tự Hà Nội")


def test_form_refuses_an_origin_outside_the_scope(
    client, tree, users, fields, far_model
):
    client.force_login(users["commune"])
    response = client.post(
        reverse("initiatives:create"),
        form_data(tree, fields, action="save", adopted_from=far_model.pk),
    )
    assert response.status_code == 200
    assert not Initiative.objects.filter(adopted_from=far_model).exists()


def test_api_refuses_an_origin_outside_the_scope(
    client, tree, users, fields, far_model
):
    client.force_login(users["commune"])
    response = client.post(
        "/api/v1/initiatives/",
        registration(tree, fields, adopted_from=far_model.pk),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "adopted_from" in response.json()
    assert not Initiative.objects.filter(adopted_from=far_model).exists()


def test_service_refuses_links_outside_the_actor_scope(
    tree, users, fields, far_model, registered, make_initiative
):
    with pytest.raises(ValidationError) as caught:
        services.create_initiative(
            actor=users["commune"],
            area=tree["commune"],
            field=fields["kinh-te"],
            name="Bản sao",
            year=2025,
            adopted_from=far_model,
        )
    assert "adopted_from" in caught.value.message_dict

    draft = make_initiative(tree["commune"], "Mô hình năm nay", year=2025)
    with pytest.raises(ValidationError) as caught:
        services.update_initiative(
            actor=users["commune"], initiative=draft, previous=far_model
        )
    assert "previous" in caught.value.message_dict


def test_origin_in_scope_is_accepted_and_kept_when_it_leaves_the_scope(
    tree, users, fields, registered
):
    origin = registered(tree["commune"], "Con đường bê tông nghĩa tình")
    copy = services.create_initiative(
        actor=users["commune"],
        area=tree["commune"],
        field=fields["kinh-te"],
        name="Con đường bê tông nghĩa tình thôn",
        year=2025,
        adopted_from=origin,
    )
    assert copy.adopted_from == origin
    # Moved out of the user's scope: saving the copy again keeps the link.
    Initiative.objects.filter(pk=origin.pk).update(area_path="999999/")
    services.update_initiative(
        actor=users["commune"], initiative=copy, name="Đường bê tông thôn"
    )
    copy.refresh_from_db()
    assert copy.adopted_from_id == origin.pk


def test_detail_and_api_name_no_copy_or_origin_outside_the_scope(
    client, tree, users, registered, make_initiative
):
    origin = registered(tree["commune"], "Con đường bê tông nghĩa tình")
    theirs = make_initiative(
        tree["sibling"], "Đường bê tông xã bên", adopted_from=origin
    )
    draft = make_initiative(tree["sibling"], "Bản nháp xã bên", adopted_from=origin)
    Initiative.objects.filter(pk=theirs.pk).update(status="accepted")
    mine = make_initiative(tree["village"], "Đường bê tông thôn", adopted_from=origin)

    client.force_login(users["commune"])
    page = client.get(origin.get_absolute_url()).content.decode()
    assert "Đường bê tông thôn" in page
    assert "Đường bê tông xã bên" not in page
    assert "Bản nháp xã bên" not in page
    assert "1 đơn vị ngoài phạm vi của bạn" in page
    body = client.get(f"/api/v1/initiatives/{origin.pk}/").json()
    assert body["replications"] == [mine.pk]
    listed = client.get("/api/v1/initiatives/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert next(r for r in rows if r["id"] == origin.pk)["replications"] == [mine.pk]
    assert draft.pk not in body["replications"]

    client.force_login(users["sibling"])
    page = client.get(theirs.get_absolute_url()).content.decode()
    assert "Con đường bê tông nghĩa tình" not in page
    assert "một mô hình ngoài phạm vi của bạn" in page
