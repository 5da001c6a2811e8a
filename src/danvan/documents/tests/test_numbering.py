"""Numbers for the office's own documents: per term (Party), per year (State)."""

import datetime as dt

import pytest

from danvan.common.actors import system_actor
from danvan.documents import services
from danvan.documents.exceptions import NumberingError, TermMissingError
from danvan.documents.models import Document
from danvan.units import services as unit_services
from danvan.units.models import Body

pytestmark = pytest.mark.django_db
D = dt.date


def issue(bodies, tree, key, kind, on, area="province"):
    return services.issue_document(
        actor=system_actor(),
        body=bodies[key],
        kind=kind,
        title="Thông báo kết luận hội nghị",
        issued_on=on,
        area=tree[area],
    )


def test_party_notice_is_numbered_in_the_term_with_its_symbol(bodies, tree):
    first = issue(bodies, tree, "committee", Document.Kind.NOTICE, D(2024, 3, 1))
    second = issue(bodies, tree, "committee", "Thông báo", D(2025, 1, 5))

    assert first.reference == "01-TB/TU"
    assert second.reference == "02-TB/TU"  # a new year, the same term
    assert second.term == bodies["term_2020"]
    assert second.issued_here


def test_party_numbering_restarts_with_the_next_term(bodies, tree):
    issue(bodies, tree, "committee", "thong_bao", D(2025, 9, 1))
    after_congress = issue(bodies, tree, "committee", "thong_bao", D(2025, 10, 2))

    assert after_congress.reference == "01-TB/TU"
    assert after_congress.term == bodies["term_2025"]


def test_board_numbers_in_its_committee_term(bodies, tree):
    doc = issue(bodies, tree, "board", Document.Kind.GUIDANCE, D(2025, 11, 1))

    assert doc.reference == "01-HD/BTGDVTU"
    assert doc.term == bodies["term_2025"]


def test_state_numbering_restarts_each_calendar_year(bodies, tree):
    a = issue(bodies, tree, "ubnd", Document.Kind.NOTICE, D(2025, 12, 30))
    b = issue(bodies, tree, "ubnd", Document.Kind.NOTICE, D(2025, 12, 31))
    c = issue(bodies, tree, "ubnd", Document.Kind.NOTICE, D(2026, 1, 2))

    assert [a.reference, b.reference, c.reference] == [
        "01/TB-UBND",
        "02/TB-UBND",
        "01/TB-UBND",
    ]


def test_kinds_have_their_own_sequences_and_minutes_are_numbered(bodies, tree):
    notice = issue(
        bodies, tree, "commune_committee", "thong_bao", D(2025, 8, 1), "commune"
    )
    minutes = issue(
        bodies, tree, "commune_committee", "bien_ban", D(2025, 8, 1), "commune"
    )
    letter = issue(bodies, tree, "commune_ubnd", "cong_van", D(2025, 8, 1), "commune")

    assert notice.reference == "01-TB/ĐU"
    assert minutes.reference == "01-BB/ĐU"
    assert letter.reference == "01/UBND"


def test_sequential_issues_never_share_a_number(bodies, tree):
    numbers = [
        issue(bodies, tree, "ubnd", "ke_hoach", D(2026, 2, 1)).number_value
        for _ in range(12)
    ]

    assert numbers == list(range(1, 13))
    assert Document.objects.get(number_value=10).number == "10"


def test_proposal_follows_numbers_registered_by_hand(bodies, tree):
    services.register_document(
        actor=system_actor(),
        area=tree["province"],
        symbol_text="Số: 41/KH-UBND",
        issued_on=D(2026, 3, 1),
        title="Kế hoạch tuyên truyền",
        issuer_body=bodies["ubnd"],
    )

    proposal = services.propose_number(
        body=bodies["ubnd"], kind="ke_hoach", on=D(2026, 3, 2)
    )
    issued = issue(bodies, tree, "ubnd", "ke_hoach", D(2026, 3, 2))

    assert proposal.reference == "42/KH-UBND"
    assert issued.reference == "42/KH-UBND"


def test_party_body_without_term_asks_for_it(tree):
    committee = unit_services.create_body(
        actor=system_actor(),
        name="Đảng ủy xã Hạnh Phúc",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=tree["sibling"],
        abbreviation="ĐU",
    )

    with pytest.raises(TermMissingError, match="nhiệm kỳ"):
        services.propose_number(body=committee, kind="thong_bao", on=D(2025, 8, 1))


def test_body_without_issuer_code_cannot_number(tree):
    front = unit_services.create_body(
        actor=system_actor(),
        name="Ủy ban MTTQ xã Trạm Tấu",
        kind=Body.Kind.FRONT,
        area=tree["commune"],
    )

    with pytest.raises(NumberingError):
        services.propose_number(body=front, kind="thong_bao", on=D(2025, 8, 1))
