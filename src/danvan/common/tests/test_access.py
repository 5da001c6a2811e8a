"""The central scoping: who sees and changes which part of the unit tree."""

import pytest
from django.contrib.auth.models import AnonymousUser

from conftest import make_user
from danvan.accounts.models import Membership, User
from danvan.common.access import can_edit, can_view
from danvan.common.actors import system_actor
from danvan.units import services
from danvan.units.models import Area, Body, Person

pytestmark = pytest.mark.django_db


def visible_codes(user) -> set[str]:
    return set(Area.objects.visible_to(user).values_list("code", flat=True))


def test_commune_user_sees_own_commune_its_villages_and_predecessors(tree, users):
    codes = visible_codes(users["commune"])
    assert {"04591", tree["village"].code} <= codes
    # The old communes merged into xã Trạm Tấu on 1 July 2025.
    pa_lau = tree["pa_lau"]
    assert Area.objects.visible_to(users["commune"]).filter(pk=pa_lau.pk).exists()
    assert "04585" not in codes  # the sibling xã Hạnh Phúc
    assert "15" not in codes  # neither the province above
    assert "139" not in codes  # nor the old district


def test_province_user_sees_every_commune_and_the_past_inside(tree, users):
    visible = Area.objects.visible_to(users["province"])
    for key in ("commune", "sibling", "village", "pa_lau", "old_district", "yen_bai"):
        assert visible.filter(pk=tree[key].pk).exists(), key
    assert not visible.filter(code="37").exists()  # Ninh Bình is elsewhere


def test_village_user_sees_only_the_village(tree, users):
    assert visible_codes(users["village"]) == {tree["village"].code}


def test_anonymous_and_unattached_users_see_nothing(tree):
    loner = User.objects.create_user("loner", password="x-secret-1")
    assert not Area.objects.visible_to(AnonymousUser()).exists()
    assert not Area.objects.visible_to(loner).exists()


def test_superuser_sees_everything(tree):
    root = User.objects.create_superuser("root", password="x-secret-1")
    assert Area.objects.visible_to(root).count() == Area.objects.count()


def test_area_wide_body_member_sees_the_area(tree):
    board = services.create_body(
        actor=system_actor(),
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy Lào Cai",
        kind=Body.Kind.PARTY_BOARD,
        area=tree["province"],
    )
    user = make_user("board", body=board)
    assert Area.objects.visible_to(user).filter(pk=tree["sibling"].pk).exists()
    assert Body.objects.visible_to(user).filter(pk=board.pk).exists()


def test_agency_member_sees_only_its_own_bodies(tree):
    police = services.create_body(
        actor=system_actor(),
        name="Công an tỉnh Lào Cai",
        kind=Body.Kind.POLICE,
        area=tree["province"],
    )
    station = services.create_body(
        actor=system_actor(),
        name="Đồn Công an Trạm Tấu",
        kind=Body.Kind.POLICE,
        area=tree["commune"],
        parent=police,
    )
    other = services.create_body(
        actor=system_actor(),
        name="UBND xã Hạnh Phúc",
        kind=Body.Kind.PEOPLES_COMMITTEE,
        area=tree["sibling"],
    )
    user = make_user("police", body=police)
    bodies = set(Body.objects.visible_to(user))
    assert bodies == {police, station}
    assert other not in bodies
    assert not Area.objects.visible_to(user).exists()


def test_rows_follow_their_area(tree, users):
    mine = services.create_person(
        actor=system_actor(), full_name="Giàng A Sử", area=tree["commune"]
    )
    theirs = services.create_person(
        actor=system_actor(), full_name="Hờ A Chu", area=tree["sibling"]
    )
    old = services.create_person(
        actor=system_actor(), full_name="Lý A Dơ", area=tree["pa_lau"]
    )
    assert set(Person.objects.visible_to(users["commune"])) == {mine, old}
    assert set(Person.objects.visible_to(users["sibling"])) == {theirs}
    assert set(Person.objects.visible_to(users["province"])) == {mine, theirs, old}


def test_can_edit_needs_the_editor_role(tree, users):
    assert can_edit(users["commune"], tree["commune"])
    assert can_view(users["viewer"], tree["commune"])
    assert not can_edit(users["viewer"], tree["commune"])
    assert not can_edit(users["commune"], tree["sibling"])
    assert can_edit(users["province"], tree["sibling"])


def test_scope_is_computed_once_per_request_user(
    tree, users, django_assert_num_queries
):
    user = User.objects.get(pk=users["commune"].pk)
    list(Area.objects.visible_to(user))
    # Two listings, two queries: the scope is not looked up again.
    with django_assert_num_queries(2):
        list(Area.objects.visible_to(user))
        list(Person.objects.visible_to(user))


def test_memberships_need_exactly_one_unit(tree):
    from django.db import IntegrityError, transaction

    user = User.objects.create_user("both", password="x-secret-1")
    body = services.create_body(
        actor=system_actor(),
        name="Đảng ủy xã Trạm Tấu",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=tree["commune"],
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, area=tree["commune"], body=body)


def test_seen_or_404_answers_as_get_visible_or_404_for_rows_of_one_unit(tree, users):
    from django.http import Http404

    from danvan.common.access import get_visible_or_404, seen_or_404
    from danvan.documents.models import Document
    from danvan.units.models import Area

    for who in ("province", "commune", "sibling", "village"):
        for area in tree.values():
            try:
                get_visible_or_404(Area, users[who], pk=area.pk)
                visible = True
            except Http404:
                visible = False
            try:
                seen_or_404(users[who], area)
                seen = True
            except Http404:
                seen = False
            assert seen == visible, (who, area)
    with pytest.raises(Http404):
        seen_or_404(users["province"], None)
    # A document is read from the units above too: not for this helper.
    with pytest.raises(TypeError):
        seen_or_404(users["province"], Document())
