"""Fixtures of the document register: bodies of the test tree with terms."""

import datetime as dt

import pytest

from danvan.common.actors import system_actor
from danvan.documents import services
from danvan.units import services as unit_services
from danvan.units.models import Body

D = dt.date


@pytest.fixture
def bodies(tree):
    """A Tỉnh ủy with two terms and its board, a UBND tỉnh, a commune ĐU and UBND."""

    def body(**fields):
        return unit_services.create_body(actor=system_actor(), **fields)

    committee = body(
        name="Tỉnh ủy Lào Cai",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=tree["province"],
        abbreviation="TU",
    )
    result = {
        "committee": committee,
        "board": body(
            name="Ban Tuyên giáo và Dân vận Tỉnh ủy Lào Cai",
            kind=Body.Kind.PARTY_BOARD,
            area=tree["province"],
            parent=committee,
            abbreviation="BTGDVTU",
        ),
        "ubnd": body(
            name="Ủy ban nhân dân tỉnh Lào Cai",
            kind=Body.Kind.PEOPLES_COMMITTEE,
            area=tree["province"],
            abbreviation="UBND",
        ),
        "commune_committee": body(
            name="Đảng ủy xã Trạm Tấu",
            kind=Body.Kind.PARTY_COMMITTEE,
            area=tree["commune"],
            abbreviation="ĐU",
        ),
        "commune_ubnd": body(
            name="Ủy ban nhân dân xã Trạm Tấu",
            kind=Body.Kind.PEOPLES_COMMITTEE,
            area=tree["commune"],
            abbreviation="UBND",
        ),
        "sibling_ubnd": body(
            name="Ủy ban nhân dân xã Hạnh Phúc",
            kind=Body.Kind.PEOPLES_COMMITTEE,
            area=tree["sibling"],
            abbreviation="UBND",
        ),
    }
    result["term_2020"] = services.add_term(
        actor=system_actor(),
        body=committee,
        name="khóa XVI, 2020–2025",
        starts_on=D(2020, 10, 16),
        ends_on=D(2025, 9, 30),
    )
    result["term_2025"] = services.add_term(
        actor=system_actor(),
        body=committee,
        name="khóa XVII, 2025–2030",
        starts_on=D(2025, 10, 1),
    )
    result["commune_term"] = services.add_term(
        actor=system_actor(),
        body=result["commune_committee"],
        name="lần thứ I, 2025–2030",
        starts_on=D(2025, 7, 1),
    )
    return result


@pytest.fixture
def documents(tree, bodies):
    """A directive of the province, a commune plan implementing it, and a plan
    of the sibling commune."""
    directive = services.register_document(
        actor=system_actor(),
        area=tree["province"],
        symbol_text="09-CT/TU",
        issued_on=D(2011, 4, 19),
        title="Về việc ngăn chặn tình trạng di cư tự do trên địa bàn tỉnh Lào Cai",
        issuer_name="Ban Thường vụ Tỉnh ủy Lào Cai",
    )
    plan = services.register_document(
        actor=system_actor(),
        area=tree["commune"],
        symbol_text="12-KH/ĐU",
        issued_on=D(2025, 8, 4),
        title="Kế hoạch tuyên truyền phòng, chống di cư tự do",
        issuer_body=bodies["commune_committee"],
    )
    theirs = services.register_document(
        actor=system_actor(),
        area=tree["sibling"],
        symbol_text="15/KH-UBND",
        issued_on=D(2025, 9, 2),
        title="Kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
        issuer_body=bodies["sibling_ubnd"],
    )
    services.relate_documents(
        actor=system_actor(), source=plan, target=directive, kind="implements"
    )
    return {"directive": directive, "plan": plan, "theirs": theirs}
