"""Replication (nhân rộng): a model adopted from another, where each has been
replicated, and the most replicated list."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.initiatives import queries, services
from danvan.initiatives.models import Initiative

pytestmark = pytest.mark.django_db


def test_adopting_starts_a_draft_linked_to_the_origin(client, tree, users, registered):
    origin = registered(tree["village"], "Tổ hòa giải giỏi")
    client.force_login(users["commune"])
    url = reverse("initiatives:adopt", args=[origin.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"area": tree["commune"].pk, "year": 2025})
    copy = Initiative.objects.get(adopted_from=origin)
    assert response.status_code == 302
    assert response["Location"] == reverse("initiatives:edit", args=[copy.pk])
    assert copy.status == "draft"
    assert copy.area == tree["commune"]
    assert copy.name == origin.name
    assert copy.criteria.count() == origin.criteria.count()

    page = client.get(origin.get_absolute_url()).content.decode()
    assert copy.get_absolute_url() in page


def test_the_origin_counts_copies_it_cannot_open_without_naming_them(
    client, tree, users, registered
):
    origin = registered(tree["commune"], "Dòng họ không có người vi phạm pháp luật")
    theirs = registered(tree["sibling"], "Dòng họ tự quản", adopted_from=origin)
    client.force_login(users["commune"])
    page = client.get(origin.get_absolute_url()).content.decode()
    assert "Dòng họ tự quản" not in page
    assert theirs.get_absolute_url() not in page
    assert "Được nhân rộng tại 1 đơn vị ngoài phạm vi của bạn." in page


def test_most_replicated_orders_by_copies(client, tree, users, registered):
    popular = registered(tree["commune"], "Camera an ninh")
    once = registered(tree["commune"], "Tổ tự quản đường")
    registered(tree["commune"], "Không ai nhân rộng")
    for name in ("Camera an ninh thôn 1", "Camera an ninh thôn 2"):
        registered(tree["village"], name, adopted_from=popular)
    registered(tree["sibling"], "Tổ tự quản", adopted_from=once)

    ranked = queries.most_replicated(Initiative.objects.all())
    # ``copies`` is an annotation of most_replicated, unknown to the model's type.
    assert [(m.name, m.copies) for m in ranked] == [  # type: ignore[attr-defined]
        ("Camera an ninh", 2),
        ("Tổ tự quản đường", 1),
    ]
    client.force_login(users["commune"])
    response = client.get(reverse("initiatives:replicated"))
    assert response.status_code == 200
    assert [m.name for m in response.context["models"]] == [
        "Camera an ninh",
        "Tổ tự quản đường",
    ]
    # The sibling sees neither origin.
    client.force_login(users["sibling"])
    response = client.get(reverse("initiatives:replicated"))
    assert response.context["models"] == []


def test_a_model_cannot_be_adopted_from_its_own_copy(tree, registered, make_initiative):
    origin = registered(tree["commune"], "Gốc")
    copy = registered(tree["village"], "Bản sao", adopted_from=origin)
    draft = make_initiative(tree["commune"], "Nháp")
    with pytest.raises(ValidationError):
        services.update_initiative(
            actor=system_actor(), initiative=origin, adopted_from=copy
        )
    with pytest.raises(ValidationError):
        services.update_initiative(
            actor=system_actor(), initiative=copy, adopted_from=draft
        )


def test_list_filter_on_replication(client, tree, users, registered):
    origin = registered(tree["commune"], "Gốc")
    registered(tree["village"], "Bản sao", adopted_from=origin)
    registered(tree["commune"], "Khác")
    client.force_login(users["commune"])
    copies = client.get(reverse("initiatives:list"), {"adopted": "copies"})
    assert [m.name for m in copies.context["page"]] == ["Bản sao"]
    origins = client.get(reverse("initiatives:list"), {"adopted": "origins"})
    assert [m.name for m in origins.context["page"]] == ["Gốc"]
