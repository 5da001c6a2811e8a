"""Fixtures of the meetings tests: bodies and people of the test tree, meetings."""

import datetime as dt

import pytest

from danvan.meetings import services
from danvan.units import services as units
from danvan.units.models import Body

D = dt.date


@pytest.fixture
def bodies(tree):
    """Party bodies of xã Trạm Tấu, its sibling, the province and the old district."""
    kind = Body.Kind

    def body(name, area, kind, code="", parent=None, **validity):
        return units.create_body(
            actor=None,
            name=name,
            kind=kind,
            area=area,
            abbreviation=code,
            parent=parent,
            **validity,
        )

    province = body("Tỉnh ủy Lào Cai", tree["province"], kind.PARTY_COMMITTEE, "TU")
    return {
        "commune": body(
            "Đảng ủy xã Trạm Tấu", tree["commune"], kind.PARTY_COMMITTEE, "ĐU"
        ),
        "front": body("Ủy ban MTTQ Việt Nam xã Trạm Tấu", tree["commune"], kind.FRONT),
        "ubnd": body(
            "Ủy ban nhân dân xã Trạm Tấu",
            tree["commune"],
            kind.PEOPLES_COMMITTEE,
            "UBND",
        ),
        "sibling": body(
            "Đảng ủy xã Hạnh Phúc", tree["sibling"], kind.PARTY_COMMITTEE, "ĐU"
        ),
        "province": province,
        "board": body(
            "Ban Tuyên giáo và Dân vận Tỉnh ủy Lào Cai",
            tree["province"],
            kind.PARTY_BOARD,
            "BTGDVTU",
            parent=province,
        ),
        "district": body(
            "Huyện ủy Trạm Tấu",
            tree["old_district"],
            kind.PARTY_COMMITTEE,
            "HU",
            valid_to=D(2025, 6, 30),
        ),
    }


@pytest.fixture
def people(tree, bodies):
    def person(name, area, body=None, title="", since=None):
        someone = units.create_person(actor=None, full_name=name, area=area)
        if body is not None:
            units.appoint(
                actor=None, person=someone, body=body, title=title, valid_from=since
            )
        return someone

    return {
        "chair": person(
            "Nguyễn Văn Minh",
            tree["commune"],
            bodies["commune"],
            "Phó Bí thư Thường trực Đảng ủy xã",
            D(2025, 7, 1),
        ),
        "front_head": person(
            "Giàng A Sử",
            tree["commune"],
            bodies["front"],
            "Chủ tịch Ủy ban MTTQ Việt Nam xã",
            D(2025, 7, 1),
        ),
        "stranger": person("Đinh Thị Lan", tree["sibling"]),
        "deputy": person(
            "Lò Thị Hoa",
            tree["province"],
            bodies["board"],
            "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
            D(2025, 7, 1),
        ),
    }


@pytest.fixture
def make_meeting(bodies, people):
    """Record a giao ban of Đảng ủy xã Trạm Tấu; keywords override the fields."""

    def make(**fields):
        values = {
            "actor": None,
            "convening_body": bodies["commune"],
            "kind": "giao_ban",
            "title": "Giao ban công tác dân vận tháng 9/2026",
            "held_on": D(2026, 10, 5),
            "place": "Hội trường Đảng ủy xã",
            "chair": people["chair"],
            "period_type": "month",
            "period_year": 2026,
            "period_number": 9,
        }
        values.update(fields)
        return services.create_meeting(**values)

    return make
