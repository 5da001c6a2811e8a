"""Similarity hints at registration: same area and nearby areas, accents and
case ignored, shown live as the name is typed."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.initiatives import matching, queries
from danvan.units.models import Area

pytestmark = pytest.mark.django_db


def test_accents_and_case_are_ignored():
    assert (
        matching.similarity(
            "Con đường bê tông nghĩa tình", "CON DUONG BE TONG NGHIA TINH"
        )
        == 1
    )
    assert (
        matching.similarity(
            "Mô hình “Dân vận khéo” Con đường nghĩa tình", "con duong nghia tinh"
        )
        > 0.9
    )


def test_unrelated_names_are_not_similar():
    assert (
        matching.similarity("Con đường bê tông nghĩa tình", "Tổ hòa giải ở cơ sở") < 0.5
    )
    assert matching.similarity("Camera an ninh", "Nuôi bò sinh sản") < 0.5


def test_models_of_the_commune_and_its_siblings_are_hinted(tree, users, registered):
    mine = registered(tree["commune"], "Con đường bê tông nghĩa tình")
    sibling = registered(tree["sibling"], "Đường bê tông nghĩa tình thôn bản")
    registered(tree["commune"], "Tổ hòa giải ở cơ sở")
    far = Area.objects.resolve("01", dt.date(2025, 7, 1))  # Hà Nội
    registered(far, "Con đường bê tông nghĩa tình")

    hints = queries.similar_initiatives(
        user=users["commune"],
        name="con duong be tong nghia tinh",
        area=tree["commune"],
        year=2025,
    )
    assert [h.initiative for h in hints] == [mine]
    assert hints[0].same_area

    hints = queries.similar_initiatives(
        user=users["province"],
        name="con duong be tong nghia tinh",
        area=tree["commune"],
        year=2025,
    )
    assert [h.initiative for h in hints] == [mine, sibling]


def test_hints_name_only_models_the_user_may_see(tree, users, make_initiative):
    """A sibling's models and another unit's drafts are never hinted."""
    make_initiative(tree["sibling"], "Con đường bê tông nghĩa tình", status="accepted")
    make_initiative(tree["village"], "Con đường bê tông nghĩa tình thôn")  # draft
    for user in ("commune", "village"):
        hints = queries.similar_initiatives(
            user=users[user],
            name="con duong be tong nghia tinh",
            area=tree["commune"],
        )
        assert hints == [], user


def test_goals_count_too(tree, users, registered):
    registered(
        tree["sibling"],
        "Mô hình số 5",
        goals="Bê tông hóa đường liên thôn bằng sức dân",
    )
    hints = queries.similar_initiatives(
        user=users["province"],
        name="Đường đẹp",
        goals="bê tông hóa đường liên thôn bằng sức dân",
        area=tree["commune"],
    )
    assert [h.on for h in hints] == ["goals"]


def test_merged_commune_models_are_hinted_for_the_new_one(tree, users, registered):
    old = registered(tree["pa_lau"], "Bản văn hóa không có ma túy", year=2024)
    hints = queries.similar_initiatives(
        user=users["commune"],
        name="Ban van hoa khong co ma tuy",
        area=tree["commune"],
        year=2025,
    )
    assert [h.initiative for h in hints] == [old]


def test_hints_appear_live_as_the_name_is_typed(client, tree, users, registered):
    registered(tree["commune"], "Con đường bê tông nghĩa tình")
    client.force_login(users["commune"])
    response = client.get(
        reverse("initiatives:similar"),
        {"name": "con duong be tong", "area": tree["commune"].pk, "year": 2025},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Con đường bê tông nghĩa tình" in page
    assert "<html" not in page
    assert 'name="adopted_from"' in page


def test_registration_form_includes_the_hint_area(client, users):
    client.force_login(users["commune"])
    page = client.get(reverse("initiatives:create")).content.decode()
    assert 'id="similar"' in page
    assert reverse("initiatives:similar") in page


def test_origin_outside_the_scope_is_not_named(client, tree, users, registered):
    far = Area.objects.resolve("01", dt.date(2025, 7, 1))  # Hà Nội
    model = registered(far, "Tổ tự quản an ninh trật tự Hà Nội")
    client.force_login(users["village"])
    response = client.get(reverse("initiatives:similar"), {"adopted_from": model.pk})
    assert response.status_code == 200
    assert "Hà Nội" not in response.content.decode()

    own = registered(tree["village"], "Tổ tự quản an ninh trật tự thôn")
    response = client.get(reverse("initiatives:similar"), {"adopted_from": own.pk})
    assert "Tổ tự quản an ninh trật tự thôn" in response.content.decode()


def test_a_draft_is_hinted_only_to_its_own_unit(tree, users, make_initiative, bodies):
    school = bodies["school"]  # a body of the commune
    make_initiative(tree["commune"], "Trường học thân thiện", body=school)  # draft
    as_commune = queries.similar_initiatives(
        user=users["commune"], name="Truong hoc than thien", area=tree["commune"]
    )
    as_school = queries.similar_initiatives(
        user=users["commune"],
        name="Truong hoc than thien",
        area=tree["commune"],
        body=school,
    )
    assert as_commune == []
    assert [h.initiative.body for h in as_school] == [school]


def test_a_shared_place_name_does_not_make_models_alike():
    """ "thôn Trung Tâm" and "Phường Trung Tâm" share a name, not what they do."""
    typed = "Camera an ninh thôn Trung Tâm"
    same_work = "Camera an ninh bản Nà Hẩu"
    same_place = "Phường Trung Tâm sạch đẹp"
    assert matching.similarity(typed, same_work) > matching.similarity(
        typed, same_place
    )
    assert matching.similarity(typed, same_place) < 0.5
    assert matching.without_places("Ban Dân vận xã Trạm Tấu") == "ban dan van"
    assert matching.similarity("Trạm Tấu xanh", "Trạm Tấu đoàn kết", ["Trạm Tấu"]) < 0.5


def test_a_model_doing_the_same_thing_elsewhere_ranks_first(tree, users, registered):
    same_work = registered(tree["sibling"], "Tổ tự quản camera an ninh thôn Km 5")
    same_place = registered(tree["commune"], "Tổ tự quản đường hoa thôn Trung Tâm")
    hints = queries.similar_initiatives(
        user=users["province"],
        name="Tổ tự quản camera an ninh thôn Trung Tâm",
        area=tree["commune"],
        year=2025,
    )
    ranked = [h.initiative for h in hints]
    assert ranked[0] == same_work
    assert same_place not in ranked[:1]
