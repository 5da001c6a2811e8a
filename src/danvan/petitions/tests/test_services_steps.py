"""The steps of a petition after intake: each date checked, the clocks kept."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from danvan.accounts.models import User
from danvan.common.actors import system_actor
from danvan.petitions import services
from danvan.petitions.exceptions import PetitionError, RuleSetError
from danvan.petitions.models import ClockRule, Forwarding, Kind, RuleSet, Status
from danvan.petitions.tests.factories import PetitionFactory, committee
from danvan.units.models import Area
from danvan.units.tests.factories import BodyFactory

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 12, 6)


@pytest.fixture(autouse=True)
def fixed_today(settings: Any) -> None:
    settings.DANVAN_TODAY = TODAY


def steps(petition: Any) -> dict[str, Any]:
    return {d.step: d for d in services.deadlines_of(petition)}


def test_a_complaint_from_receipt_to_close(
    tree: dict[str, Area], users: dict[str, User]
) -> None:
    officer = users["commune"]
    petition = PetitionFactory.create(received_on=D(2026, 10, 5))
    with pytest.raises(PetitionError) as refused:
        services.accept(actor=officer, petition=petition, on=D(2026, 10, 2))
    assert "05/10/2026" in refused.value.message
    with pytest.raises(PetitionError):
        services.accept(actor=officer, petition=petition, on=D(2026, 12, 7))
    with pytest.raises(PetitionError):
        services.decide(
            actor=officer, petition=petition, on=D(2026, 10, 20), outcome="x"
        )
    services.accept(actor=officer, petition=petition, on=D(2026, 10, 12))
    petition.refresh_from_db()
    assert petition.status == Status.ACCEPTED
    # Mon 12/10 + 30 = Wed 11/11/2026.
    assert petition.next_due_on == D(2026, 11, 11)
    with pytest.raises(PetitionError) as refused:
        services.decide(
            actor=officer, petition=petition, on=D(2026, 10, 11), outcome="Bác đơn"
        )
    assert "12/10/2026" in refused.value.message
    with pytest.raises(PetitionError):
        services.decide(
            actor=officer, petition=petition, on=D(2026, 11, 2), outcome=" "
        )
    services.decide(
        actor=officer,
        petition=petition,
        on=D(2026, 11, 2),
        outcome="Công nhận một phần nội dung khiếu nại",
    )
    petition.refresh_from_db()
    assert petition.status == Status.DECIDED
    # Nothing owed by the body while the citizen may complain again.
    assert petition.next_due_on is None
    # The deadline it was settled against stays (for "settled on time").
    assert petition.settled_due_on == D(2026, 11, 11)
    assert steps(petition)["second_complaint"].due_on == D(2026, 12, 2)
    services.second_complaint(actor=officer, petition=petition, on=D(2026, 11, 20))
    petition.refresh_from_db()
    # Fri 20/11 + 45 = Mon 4/1/2027.
    assert petition.next_due_on == D(2027, 1, 4)
    with pytest.raises(PetitionError):
        services.decide_second(
            actor=officer, petition=petition, on=D(2026, 11, 19), outcome="x"
        )
    services.decide_second(
        actor=officer, petition=petition, on=D(2026, 12, 1), outcome="Giữ nguyên"
    )
    with pytest.raises(PetitionError):
        services.close(actor=officer, petition=petition, on=D(2026, 11, 30))
    services.close(actor=officer, petition=petition, on=D(2026, 12, 2))
    petition.refresh_from_db()
    assert petition.status == Status.CLOSED
    assert petition.closed_on == D(2026, 12, 2)
    assert petition.next_due_on is None
    assert petition.outcome == "Giữ nguyên"
    assert not any(d.overdue(TODAY) for d in services.deadlines_of(petition))


def test_steps_out_of_order_or_of_the_wrong_kind(tree: dict[str, Area]) -> None:
    actor = system_actor()
    feedback = PetitionFactory.create(kind=Kind.FEEDBACK)
    with pytest.raises(PetitionError):
        services.accept(actor=actor, petition=feedback, on=D(2026, 10, 6))
    with pytest.raises(PetitionError):
        services.extend(actor=actor, petition=feedback)
    complaint = PetitionFactory.create()
    with pytest.raises(PetitionError):
        services.answer(actor=actor, petition=complaint, on=D(2026, 10, 6), outcome="x")
    with pytest.raises(PetitionError):
        services.second_complaint(actor=actor, petition=complaint, on=D(2026, 10, 6))
    with pytest.raises(PetitionError):
        services.close(actor=actor, petition=complaint, on=D(2026, 10, 6))
    services.answer(
        actor=actor, petition=feedback, on=D(2026, 10, 9), outcome="Đã sửa đường"
    )
    feedback.refresh_from_db()
    assert feedback.status == Status.ANSWERED
    assert feedback.next_due_on is None
    with pytest.raises(PetitionError):
        services.answer(actor=actor, petition=feedback, on=D(2026, 10, 9), outcome="x")


def test_a_denunciation_extended_at_most_as_the_law_allows(
    tree: dict[str, Area],
) -> None:
    actor = system_actor()
    petition = PetitionFactory.create(
        kind=Kind.DENUNCIATION, received_on=D(2026, 2, 13)
    )
    # Fri 13/2/2026, before Tết: 7 working days → Tue 3/3.
    assert petition.next_due_on == D(2026, 3, 3)
    with pytest.raises(PetitionError):
        services.extend(actor=actor, petition=petition)
    services.accept(actor=actor, petition=petition, on=D(2026, 3, 3))
    assert petition.next_due_on == D(2026, 4, 2)
    services.extend(actor=actor, petition=petition)
    assert petition.next_due_on == D(2026, 5, 4)
    services.extend(actor=actor, petition=petition)
    assert petition.next_due_on == D(2026, 6, 3)
    with pytest.raises(PetitionError) as refused:
        services.extend(actor=actor, petition=petition)
    assert "2" in refused.value.message
    petition.refresh_from_db()
    assert petition.extensions == 2
    services.decide(actor=actor, petition=petition, on=D(2026, 6, 1), outcome="Đúng")
    petition.refresh_from_db()
    # A denunciation's decision ends it.
    assert petition.status == Status.CLOSED
    assert petition.next_due_on is None


def test_the_2011_law_extends_once(tree: dict[str, Area]) -> None:
    actor = system_actor()
    petition = PetitionFactory.create(
        kind=Kind.DENUNCIATION, received_on=D(2018, 3, 1), area=tree["pa_lau"]
    )
    services.accept(actor=actor, petition=petition, on=D(2018, 3, 5))
    # Mon 5/3/2018 + 60 = Fri 4/5/2018; extended once by 30: Sun 3/6 → Mon 4/6.
    assert petition.next_due_on == D(2018, 5, 4)
    services.extend(actor=actor, petition=petition)
    assert petition.next_due_on == D(2018, 6, 4)
    with pytest.raises(PetitionError):
        services.extend(actor=actor, petition=petition)


def test_refuse_and_withdraw(tree: dict[str, Area], users: dict[str, User]) -> None:
    officer = users["commune"]
    petition = PetitionFactory.create()
    with pytest.raises(PetitionError):
        services.refuse(actor=officer, petition=petition, on=D(2026, 10, 6), reason="")
    services.refuse(
        actor=officer,
        petition=petition,
        on=D(2026, 10, 6),
        reason="Đơn khiếu nại đã quá thời hiệu",
    )
    petition.refresh_from_db()
    assert petition.status == Status.REFUSED
    assert petition.closed_on == D(2026, 10, 6)
    assert petition.next_due_on is None
    assert all(d.stopped for d in services.deadlines_of(petition) if not d.citizen)
    with pytest.raises(PetitionError):
        services.withdraw(actor=officer, petition=petition, on=D(2026, 10, 7))
    other = PetitionFactory.create()
    services.accept(actor=officer, petition=other, on=D(2026, 10, 8))
    with pytest.raises(PetitionError):
        services.withdraw(actor=officer, petition=other, on=D(2026, 10, 7))
    services.withdraw(
        actor=officer, petition=other, on=D(2026, 10, 9), reason="Đã hòa giải"
    )
    other.refresh_from_db()
    assert other.status == Status.WITHDRAWN
    assert other.next_due_on is None


def test_forwarding_hands_the_petition_and_its_clock(
    tree: dict[str, Area], users: dict[str, User]
) -> None:
    province = committee(tree["province"])
    inspectorate = BodyFactory.create(
        area=tree["province"], kind="agency", name="Thanh tra tỉnh"
    )
    petition = PetitionFactory.create(
        kind=Kind.DENUNCIATION, received_on=D(2026, 9, 28)
    )
    commune_body = petition.handling_body
    with pytest.raises(PetitionError):
        services.forward_petition(
            actor=users["commune"],
            petition=petition,
            to_body=province,
            on=D(2026, 9, 27),
        )
    with pytest.raises(PetitionError):
        services.forward_petition(
            actor=users["commune"],
            petition=petition,
            to_body=commune_body,
            on=D(2026, 10, 1),
        )
    forwarding = services.forward_petition(
        actor=users["commune"],
        petition=petition,
        to_body=inspectorate,
        on=D(2026, 10, 1),
        note="Nội dung thuộc thẩm quyền của Thanh tra tỉnh",
    )
    petition.refresh_from_db()
    assert forwarding.from_body == commune_body
    assert forwarding.created_by == users["commune"]
    assert petition.handling_body == inspectorate
    assert petition.handling_body_path == inspectorate.path
    assert petition.status == Status.RECEIVED
    # 7 working days from Thu 1/10/2026: Mon 12/10.
    assert petition.next_due_on == D(2026, 10, 12)
    assert steps(petition)["acceptance"].due_on == D(2026, 10, 12)
    # The commune no longer takes its steps; the province does.
    with pytest.raises(PermissionDenied):
        services.accept(actor=users["commune"], petition=petition, on=D(2026, 10, 5))
    with pytest.raises(PetitionError):
        services.accept(actor=users["province"], petition=petition, on=D(2026, 9, 30))
    services.accept(actor=users["province"], petition=petition, on=D(2026, 10, 5))
    assert Forwarding.objects.filter(petition=petition).count() == 1


def test_only_the_handling_body_takes_the_steps(
    tree: dict[str, Area], users: dict[str, User]
) -> None:
    petition = PetitionFactory.create()
    for who in ("sibling", "viewer", "village"):
        with pytest.raises(PermissionDenied):
            services.accept(actor=users[who], petition=petition, on=D(2026, 10, 6))
        with pytest.raises(PermissionDenied):
            services.set_identity_bodies(actor=users[who], petition=petition, bodies=[])
    petition.refresh_from_db()
    assert petition.status == Status.RECEIVED


def test_attachments_and_identity_bodies(
    tree: dict[str, Area], users: dict[str, User]
) -> None:
    petition = PetitionFactory.create()
    upload = SimpleUploadedFile("don.pdf", b"%PDF-1.4 don khieu nai", "application/pdf")
    row = services.add_attachment(
        actor=users["commune"], petition=petition, upload=upload, description="Đơn gốc"
    )
    assert row.petition == petition
    assert row.original_name == "don.pdf"
    assert len(row.sha256) == 64
    with pytest.raises(PermissionDenied):
        services.add_attachment(
            actor=users["sibling"],
            petition=petition,
            upload=SimpleUploadedFile("x.pdf", b"%PDF-1.4"),
        )
    police = BodyFactory.create(area=tree["commune"], kind="police", name="Công an xã")
    services.set_identity_bodies(
        actor=users["commune"], petition=petition, bodies=[police]
    )
    assert list(petition.identity_bodies.all()) == [police]


def test_routing_rules_are_set_by_editors_of_the_place(
    tree: dict[str, Area], users: dict[str, User]
) -> None:
    front = BodyFactory.create(area=tree["commune"], name="Mặt trận xã")
    with pytest.raises(PermissionDenied):
        services.save_routing_rule(
            actor=users["sibling"], area=tree["commune"], body=front
        )
    with pytest.raises(PermissionDenied):
        services.save_routing_rule(
            actor=users["commune"], area=tree["province"], body=front
        )
    with pytest.raises(PetitionError):
        services.save_routing_rule(
            actor=users["commune"], area=tree["commune"], body=front, kind="rumour"
        )
    rule = services.save_routing_rule(
        actor=users["commune"], area=tree["commune"], body=front, kind=Kind.FEEDBACK
    )
    assert rule.area_path == tree["commune"].path
    petition = PetitionFactory.create(kind=Kind.FEEDBACK)
    assert petition.handling_body == front


def test_the_seeded_sets_have_no_gap(tree: dict[str, Area]) -> None:
    services.validate_rule_sets()
    sets = list(RuleSet.objects.order_by("valid_from"))
    assert [s.valid_from for s in sets] == [D(2012, 7, 1), D(2019, 1, 1), D(2026, 7, 1)]
    assert sets[-1].valid_to is None
    assert services.rule_set_on(D(2026, 6, 30)) == sets[1]
    assert services.rule_set_on(D(2026, 7, 1)) == sets[2]
    with pytest.raises(RuleSetError):
        services.rule_set_on(D(2012, 6, 30))
    # Every rule of the 2026 set says its count is not yet checked.
    assert all(
        "136/2025/QH15" in r.basis
        for r in sets[2].rules.exclude(kind__in=[Kind.RECOMMENDATION, Kind.FEEDBACK])
    )


def test_a_gap_or_an_overlap_is_refused(tree: dict[str, Area]) -> None:
    RuleSet.objects.filter(valid_from=D(2012, 7, 1)).update(valid_to=D(2018, 12, 30))
    with pytest.raises(RuleSetError) as refused:
        services.validate_rule_sets()
    assert "30/12/2018" in refused.value.message
    assert "01/01/2019" in refused.value.message
    RuleSet.objects.filter(valid_from=D(2012, 7, 1)).update(valid_to=D(2019, 1, 1))
    with pytest.raises(RuleSetError) as refused:
        services.validate_rule_sets()
    assert "01/01/2019" in refused.value.message
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("petition_rules", "--check", stdout=out)


def test_a_set_without_a_rule_is_refused(tree: dict[str, Area]) -> None:
    ClockRule.objects.filter(
        rule_set__valid_from=D(2019, 1, 1), kind=Kind.FEEDBACK
    ).delete()
    problems = services.rule_set_problems()
    assert len(problems) == 1
    assert "Luật Tố cáo 2018" in problems[0]


def test_add_rule_set_closes_the_open_one(
    tree: dict[str, Area], users: dict[str, User]
) -> None:
    current = RuleSet.objects.get(valid_from=D(2026, 7, 1))
    with pytest.raises(PermissionDenied):
        services.add_rule_set(
            actor=users["province"],
            name="Bộ mới",
            basis="Thử",
            valid_from=D(2027, 1, 1),
            copy_from=current,
        )
    new = services.add_rule_set(
        actor=system_actor(),
        name="Luật sửa đổi (thử)",
        basis="Văn bản thử",
        valid_from=D(2027, 1, 1),
        copy_from=current,
        rules=[
            {
                "kind": Kind.COMPLAINT,
                "step": "acceptance",
                "start": "received",
                "days": 7,
                "day_kind": "working",
                "basis": "Điều thử",
            }
        ],
    )
    current.refresh_from_db()
    assert current.valid_to == D(2026, 12, 31)
    assert new.rules.count() == current.rules.count()
    acceptance = new.rules.get(kind=Kind.COMPLAINT, step="acceptance")
    assert (acceptance.days, acceptance.day_kind) == (7, "working")
    # A set with no rules at all is refused, and nothing is saved.
    with pytest.raises(RuleSetError):
        services.add_rule_set(
            actor=system_actor(),
            name="Bộ rỗng",
            basis="Không có quy tắc",
            valid_from=D(2027, 7, 1),
        )
    assert not RuleSet.objects.filter(valid_from=D(2027, 7, 1)).exists()
    new.refresh_from_db()
    assert new.valid_to is None


def test_petition_rules_command_lists_the_sets(tree: dict[str, Area]) -> None:
    out = StringIO()
    call_command("petition_rules", stdout=out)
    text = out.getvalue()
    assert "01/07/2012 – 31/12/2018" in text
    assert "01/07/2026 – …" in text
    assert "Điều 9 Luật Khiếu nại 2011" in text
    checked = StringIO()
    call_command("petition_rules", "--check", "--refresh", stdout=checked)
    assert "3" in checked.getvalue()
    assert "Điều 9" not in checked.getvalue()
