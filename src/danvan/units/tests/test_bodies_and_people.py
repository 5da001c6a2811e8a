"""Bodies with their lineage, people with positions, and the demo data."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from danvan.accounts.models import Membership, User
from danvan.common.actors import system_actor
from danvan.units import services
from danvan.units.models import Body, BodySuccession, ChangeEvent

pytestmark = pytest.mark.django_db

MERGER = dt.date(2025, 3, 1)


def test_merging_two_boards_ends_them_and_links_the_new_one(tree):
    province = tree["yen_bai"]
    committee = services.create_body(
        actor=system_actor(),
        name="Tỉnh ủy Yên Bái",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=province,
    )
    boards = [
        services.create_body(
            actor=system_actor(),
            name=name,
            kind=Body.Kind.PARTY_BOARD,
            area=province,
            parent=committee,
        )
        for name in ("Ban Dân vận Tỉnh ủy Yên Bái", "Ban Tuyên giáo Tỉnh ủy Yên Bái")
    ]
    merged = services.create_body(
        actor=system_actor(),
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy Yên Bái",
        kind=Body.Kind.PARTY_BOARD,
        area=province,
        parent=committee,
        abbreviation="BTGDVTU",
        valid_from=MERGER,
    )
    event = services.record_body_change(
        actor=system_actor(),
        kind=ChangeEvent.Kind.MERGE,
        date=MERGER,
        predecessors=boards,
        successors=[merged],
    )
    for board in boards:
        board.refresh_from_db()
        assert board.valid_to == dt.date(2025, 2, 28)
        assert not board.in_force(MERGER)
    assert merged.in_force(MERGER)
    links = BodySuccession.objects.filter(event=event)
    assert {link.predecessor for link in links} == set(boards)
    assert {link.successor for link in links} == {merged}
    # The boards sit below the committee in the body tree.
    assert set(Body.objects.subtree(committee.path)) == {committee, *boards, merged}


def test_body_change_needs_both_sides(tree):
    body = services.create_body(
        actor=system_actor(),
        name="Ban Dân vận",
        kind=Body.Kind.PARTY_BOARD,
        area=tree["province"],
    )
    with pytest.raises(ValidationError):
        services.record_body_change(
            actor=system_actor(),
            kind="merge",
            date=MERGER,
            predecessors=[body],
            successors=[],
        )


def test_body_page_shows_its_history(client, tree, users):
    old = services.create_body(
        actor=system_actor(),
        name="Ban Dân vận Tỉnh ủy",
        kind=Body.Kind.PARTY_BOARD,
        area=tree["province"],
    )
    new = services.create_body(
        actor=system_actor(),
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
        kind=Body.Kind.PARTY_BOARD,
        area=tree["province"],
    )
    services.record_body_change(
        actor=system_actor(),
        kind="merge",
        date=MERGER,
        predecessors=[old],
        successors=[new],
    )
    client.force_login(users["province"])
    page = client.get(new.get_absolute_url()).content.decode()
    assert "Ban Dân vận Tỉnh ủy" in page
    assert "01/03/2025" in page


def test_position_dates_must_be_ordered(tree):
    body = services.create_body(
        actor=system_actor(),
        name="Đảng ủy xã",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=tree["commune"],
    )
    person = services.create_person(
        actor=system_actor(), full_name="Vàng A Dế", area=tree["commune"]
    )
    with pytest.raises(ValidationError):
        services.appoint(
            actor=system_actor(),
            person=person,
            body=body,
            title="Bí thư",
            valid_from=dt.date(2025, 7, 1),
            valid_to=dt.date(2025, 1, 1),
        )
    assert not person.positions.exists()


def test_person_names_are_normalised_and_searchable(tree):
    person = services.create_person(
        actor=system_actor(), full_name="Ðặng\u00a0Xuân  Hùng", area=tree["commune"]
    )
    assert person.full_name == "Đặng Xuân Hùng"
    assert list(type(person).objects.search("dang xuan hung")) == [person]


def test_demo_loads_once_and_prints_the_accounts(capsys):
    call_command("demo")
    first = capsys.readouterr().out
    for username in (
        "admin",
        "tinh.laocai",
        "xa.tramtau",
        "thon.tramtau",
        "xa.hanhphuc",
    ):
        assert username in first
    assert "danvan-demo" in first
    commune_user = User.objects.get(username="xa.tramtau")
    assert commune_user.check_password("danvan-demo")
    commune_area = commune_user.memberships.get().area
    assert commune_area is not None
    assert commune_area.code == "04591"
    village_user = User.objects.get(username="thon.tramtau").memberships.get()
    assert village_user.area is not None
    assert village_user.area.level == "village"
    assert village_user.role == Membership.Role.VIEWER
    # The 2025 merger of the Ban Tuyên giáo and Ban Dân vận is in the lineage.
    merged = Body.objects.get(name="Ban Tuyên giáo và Dân vận Tỉnh ủy Yên Bái")
    sources = {link.predecessor.name for link in merged.successions_in.all()}
    assert sources == {"Ban Dân vận Tỉnh ủy Yên Bái", "Ban Tuyên giáo Tỉnh ủy Yên Bái"}

    users_before = User.objects.count()
    call_command("demo")
    assert "already present" in capsys.readouterr().out
    assert User.objects.count() == users_before
