"""Receiving a petition: checks, routing, the set in force, repeats, levels."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from danvan.accounts.models import User
from danvan.common.actors import system_actor
from danvan.petitions import services
from danvan.petitions.exceptions import PetitionError
from danvan.petitions.models import ClockRule, Kind, Petition, Petitioner, Status
from danvan.petitions.tests.factories import (
    PetitionFactory,
    committee,
    petitioner,
    representatives,
)
from danvan.units.models import Area, Body

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 12, 6)


@pytest.fixture(autouse=True)
def fixed_today(settings: Any) -> None:
    settings.DANVAN_TODAY = TODAY


def receive(actor: User, area: Area, **fields: Any) -> Petition:
    values: dict[str, Any] = {
        "received_by": committee(area),
        "received_on": D(2026, 10, 5),
        "channel": "in_person",
        "kind": Kind.COMPLAINT,
        "subject": "Khiếu nại việc thu hồi đất làm đường",
        "content": "Chưa được bồi thường phần đất nương.",
        "area": area,
        "petitioners": [petitioner(1)],
        **fields,
    }
    return services.receive_petition(actor=actor, **values)


def nothing_saved() -> bool:
    return not Petition.objects.exists() and not Petitioner.objects.exists()


def test_a_commune_officer_records_a_complaint(
    tree: dict[str, Area], users: dict[str, User]
) -> None:
    people = committee(tree["commune"])
    petition = receive(
        users["commune"],
        tree["village"],
        received_by=people,
        act="Quyết định thu hồi đất số 12/QĐ-UBND",
        act_on=D(2026, 9, 1),
    )
    petition.refresh_from_db()
    assert petition.handling_body == people
    assert petition.received_by == people
    assert petition.status == Status.RECEIVED
    assert petition.rule_set.valid_from == D(2026, 7, 1)
    # Mon 5/10/2026 + 10 days = Thu 15/10.
    assert petition.next_due_on == D(2026, 10, 15)
    assert petition.created_by == users["commune"]
    assert not petition.past_level
    assert petition.repeat_of is None
    assert petition.area_path == tree["village"].path
    [person] = petition.petitioners.all()
    assert person.name == "Giàng A Páo 1"
    assert person.name_key == "giang a pao 1"
    steps = {d.step: d for d in services.deadlines_of(petition)}
    # 1/9/2026 + 90 = 30/11/2026, a Monday; received well within it.
    assert steps["time_bar"].due_on == D(2026, 11, 30)
    assert not steps["time_bar"].overdue(TODAY)
    assert steps["acceptance"].overdue(TODAY)


def test_the_set_in_force_on_receipt(tree: dict[str, Area]) -> None:
    before = PetitionFactory.create(kind=Kind.DENUNCIATION, received_on=D(2026, 6, 30))
    after = PetitionFactory.create(kind=Kind.DENUNCIATION, received_on=D(2026, 7, 1))
    assert before.rule_set.valid_to == D(2026, 6, 30)
    assert after.rule_set.valid_from == D(2026, 7, 1)
    assert "136/2025/QH15" in after.rule_set.name
    assert before.rule_set != after.rule_set
    # 7 working days: Tue 30/6 → Thu 9/7; Wed 1/7 → Fri 10/7.
    assert before.next_due_on == D(2026, 7, 9)
    assert after.next_due_on == D(2026, 7, 10)
    # Once the amended law's counts are corrected (here: 10 working days),
    # only the petitions received from 1/7/2026 follow.
    ClockRule.objects.filter(
        rule_set=after.rule_set, kind=Kind.DENUNCIATION, step="acceptance"
    ).update(days=10)
    changed = services.refresh_due(Petition.objects.order_by("pk"))
    assert changed == 1
    before.refresh_from_db()
    after.refresh_from_db()
    assert before.next_due_on == D(2026, 7, 9)
    # Wed 1/7 + 10 working days: Thu 2 … Wed 15/7.
    assert after.next_due_on == D(2026, 7, 15)


def test_the_2011_and_2018_denunciation_laws(tree: dict[str, Area]) -> None:
    # xã Pá Lau, before the 2025 merger. Fri 28/12/2018: 10 days (Luật Tố
    # cáo 2011) → Mon 7/1/2019.
    place = tree["pa_lau"]
    old = PetitionFactory.create(
        kind=Kind.DENUNCIATION, received_on=D(2018, 12, 28), area=place
    )
    # Wed 2/1/2019: 7 working days (Luật Tố cáo 2018): Thu 3 (1), Fri 4 (2),
    # Sat 5 worked for Mon 31/12/2018 (3), Mon 7 (4) … Thu 10/1/2019 (7).
    new = PetitionFactory.create(
        kind=Kind.DENUNCIATION, received_on=D(2019, 1, 2), area=place
    )
    assert "2011" in old.rule_set.name
    assert "2018" in new.rule_set.name
    assert old.next_due_on == D(2019, 1, 7)
    assert new.next_due_on == D(2019, 1, 10)


def test_a_recommendation_is_answered_in_the_offices_time(
    tree: dict[str, Area],
) -> None:
    # Fri 13/2/2026, before Tết: 15 working days → Mon 23/2 (1) … Fri 13/3.
    petition = PetitionFactory.create(
        kind=Kind.RECOMMENDATION, received_on=D(2026, 2, 13)
    )
    assert petition.next_due_on == D(2026, 3, 13)
    [answer] = services.deadlines_of(petition)
    assert "không phải thời hạn luật định" in answer.basis


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"received_on": D(2026, 12, 7)}, "07/12/2026"),
        ({"act_on": D(2026, 10, 6)}, "06/10/2026"),
        ({"act_on": D(2026, 12, 31)}, "31/12/2026"),
        ({"subject": "   "}, ""),
        ({"petitioners": [{"name": "", "address": "Thôn Trung Tâm"}]}, ""),
        ({"petitioners": [{}]}, ""),
        ({"people": 0}, ""),
        ({"crowd": True, "people": 3}, "5"),
        ({"people": 6, "petitioners": [petitioner(1)]}, "6"),
        ({"people": 8, "petitioners": representatives(3)}, "3"),
        ({"people": 12, "petitioners": representatives(6)}, "6"),
        ({"people": 1, "petitioners": [petitioner(1), petitioner(2)]}, "1"),
        ({"kind": "rumour"}, ""),
        ({"channel": "pigeon"}, ""),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(
    tree: dict[str, Area], users: dict[str, User], fields: dict[str, Any], words: str
) -> None:
    committee(tree["commune"])
    with pytest.raises(PetitionError) as refused:
        receive(users["commune"], tree["commune"], **fields)
    assert words in refused.value.message
    assert refused.value.message
    assert nothing_saved()


def test_the_messages_are_vietnamese(
    tree: dict[str, Area], users: dict[str, User]
) -> None:
    committee(tree["commune"])
    with pytest.raises(PetitionError) as refused:
        receive(users["commune"], tree["commune"], received_on=D(2026, 12, 7))
    assert refused.value.message == "Ngày 07/12/2026 (ngày tiếp nhận) ở tương lai."


def test_crowds_and_their_representatives(tree: dict[str, Area]) -> None:
    five = PetitionFactory.create(people=5, petitioners=representatives(2))
    assert five.crowd
    twelve = PetitionFactory.create(
        crowd=True, people=12, petitioners=[*representatives(5), petitioner(9)]
    )
    assert twelve.crowd
    assert twelve.petitioners.filter(representative=True).count() == 5
    assert twelve.petitioners.count() == 6
    assert services.representatives_allowed(10) == (1, 2)
    assert services.representatives_allowed(11) == (1, 5)


def test_a_place_outside_the_officers_units(
    tree: dict[str, Area], users: dict[str, User]
) -> None:
    committee(tree["sibling"])
    with pytest.raises(PetitionError) as refused:
        receive(
            users["commune"],
            tree["sibling"],
            received_by=committee(tree["commune"]),
        )
    assert tree["sibling"].full_name in refused.value.message
    assert nothing_saved()


def test_only_editors_of_the_receiving_body(
    tree: dict[str, Area], users: dict[str, User]
) -> None:
    committee(tree["commune"])
    for who in ("viewer", "sibling", "village"):
        with pytest.raises(PermissionDenied):
            receive(users[who], tree["commune"])
    assert nothing_saved()


def test_no_body_to_route_to(tree: dict[str, Area]) -> None:
    with pytest.raises(PetitionError) as refused:
        services.receive_petition(
            actor=system_actor(),
            received_by=committee(tree["commune"]),
            received_on=D(2026, 10, 5),
            channel="post",
            kind=Kind.FEEDBACK,
            subject="Phản ánh đường hỏng",
            content="",
            area=tree["sibling"],
            petitioners=[petitioner(1)],
        )
    assert tree["sibling"].full_name in refused.value.message
    assert nothing_saved()


def test_a_dissolved_body_does_not_receive(tree: dict[str, Area]) -> None:
    old = committee(tree["pa_lau"])
    Body.objects.filter(pk=old.pk).update(valid_to=D(2025, 6, 30))
    old.refresh_from_db()
    committee(tree["commune"])
    with pytest.raises(PetitionError) as refused:
        receive(system_actor(), tree["commune"], received_by=old)
    assert old.name in refused.value.message
    assert nothing_saved()


def test_repeats_of_the_same_petitioner_and_subject(tree: dict[str, Area]) -> None:
    first = PetitionFactory.create(
        subject="Khiếu nại việc bồi thường đất nương khi mở đường",
        received_on=D(2026, 9, 1),
        petitioners=[petitioner(7)],
    )
    # The same name and identity card, the subject written again.
    again = PetitionFactory.create(
        subject="Khieu nai viec boi thuong dat nuong khi mo duong lien thon",
        received_on=D(2026, 10, 1),
        petitioners=[petitioner(7)],
    )
    assert again.repeat_of == first
    # The same name and address, no card: the latest earlier one.
    third = PetitionFactory.create(
        subject="Bồi thường đất nương khi mở đường",
        received_on=D(2026, 11, 2),
        petitioners=[petitioner(7, id_number="")],
    )
    assert third.repeat_of == again
    # Another subject, or another person: not a repeat.
    other = PetitionFactory.create(
        subject="Tố cáo cán bộ thôn thu tiền trái quy định",
        kind=Kind.DENUNCIATION,
        received_on=D(2026, 11, 3),
        petitioners=[petitioner(7)],
    )
    assert other.repeat_of is None
    stranger = PetitionFactory.create(
        subject="Khiếu nại việc bồi thường đất nương khi mở đường",
        received_on=D(2026, 11, 4),
        petitioners=[petitioner(8)],
    )
    assert stranger.repeat_of is None
    # An earlier petition entered later still is found; a later one is not.
    late_entry = PetitionFactory.create(
        subject="Khiếu nại việc bồi thường đất nương khi mở đường",
        received_on=D(2026, 8, 1),
        petitioners=[petitioner(7)],
    )
    assert late_entry.repeat_of is None


def test_sent_past_the_responsible_level(tree: dict[str, Area]) -> None:
    province = committee(tree["province"])
    commune = committee(tree["commune"])
    # Brought to the province about a commune's matter: handled by the
    # commune, sent past its level.
    skipped = PetitionFactory.create(received_by=province)
    assert skipped.handling_body == commune
    assert skipped.past_level
    # The province takes it up itself: still past the commune's level.
    taken = PetitionFactory.create(received_by=province, handling_body=province)
    assert taken.handling_body == province
    assert taken.past_level
    assert not PetitionFactory.create(received_by=commune).past_level


def test_update_petition(tree: dict[str, Area], users: dict[str, User]) -> None:
    petition = receive(users["commune"], tree["commune"])
    updated = services.update_petition(
        actor=users["commune"],
        petition=petition,
        subject="  Khiếu nại việc thu hồi đất  ",
        complex_case=True,
        people=6,
        petitioners=[petitioner(1, representative=True), petitioner(2)],
    )
    updated.refresh_from_db()
    assert updated.subject == "Khiếu nại việc thu hồi đất"
    assert updated.crowd
    assert updated.petitioners.count() == 2
    with pytest.raises(PetitionError):
        services.update_petition(
            actor=users["commune"], petition=petition, act_on=D(2026, 12, 24)
        )
    with pytest.raises(PetitionError):
        services.update_petition(actor=users["commune"], petition=petition, people=0)
    with pytest.raises(TypeError):
        services.update_petition(
            actor=users["commune"], petition=petition, status=Status.CLOSED
        )
    with pytest.raises(PermissionDenied):
        services.update_petition(
            actor=users["sibling"], petition=petition, subject="Khác"
        )
    petition.refresh_from_db()
    assert petition.people == 6
    assert petition.subject == "Khiếu nại việc thu hồi đất"


def test_intake_costs_the_same_for_a_crowd(
    tree: dict[str, Area], users: dict[str, User], django_assert_max_num_queries: Any
) -> None:
    people = committee(tree["commune"])
    receive(users["commune"], tree["commune"], received_by=people)
    # Routing, the set in force and its rules, the repeat, the levels, the
    # petition and its petitioners with their change log: not a query per
    # petitioner.
    with django_assert_max_num_queries(13):
        receive(users["commune"], tree["commune"], received_by=people)
    with django_assert_max_num_queries(13):
        receive(
            users["commune"],
            tree["commune"],
            received_by=people,
            people=40,
            petitioners=[
                *representatives(5),
                *(petitioner(n) for n in range(10, 30)),
            ],
        )
    assert Petitioner.objects.count() == 27
