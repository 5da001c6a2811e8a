"""Fixtures of the meetings tests: bodies and people of the test tree, meetings."""

import datetime as dt

import pytest

from danvan.common.actors import system_actor
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
            actor=system_actor(),
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
        someone = units.create_person(actor=system_actor(), full_name=name, area=area)
        if body is not None:
            units.appoint(
                actor=system_actor(),
                person=someone,
                body=body,
                title=title,
                valid_from=since,
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
            "actor": system_actor(),
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


@pytest.fixture
def terms(bodies):
    """Party terms, without which the register numbers no Party paper."""
    from danvan.documents.services import add_term

    return {
        "commune": add_term(
            actor=system_actor(),
            body=bodies["commune"],
            name="lần thứ I, 2025–2030",
            starts_on=D(2025, 7, 1),
        ),
        "province": add_term(
            actor=system_actor(),
            body=bodies["province"],
            name="khóa XVII, 2025–2030",
            starts_on=D(2025, 10, 1),
        ),
        "district": add_term(
            actor=system_actor(),
            body=bodies["district"],
            name="khóa XXIV, 2020–2025",
            starts_on=D(2020, 8, 20),
            ends_on=D(2025, 6, 30),
        ),
    }


@pytest.fixture
def concluded(make_meeting, people, bodies):
    """A giao ban with attendees, two conclusions, tasks, and a carried task."""
    earlier = make_meeting(
        title="Giao ban công tác dân vận tháng 8/2026",
        held_on=D(2026, 9, 4),
        period_number=8,
    )
    services.create_task(
        actor=system_actor(),
        meeting=earlier,
        title="Rà soát, nắm tình hình tôn giáo ở thôn Mới",
        owner_body=bodies["front"],
        due_on=D(2026, 9, 30),
    )
    meeting = make_meeting(
        attendees=[people["chair"], people["front_head"]],
        guests="Đại diện Công an xã",
        agenda="Đánh giá kết quả công tác dân vận tháng 9/2026",
    )
    first = services.add_conclusion(
        actor=system_actor(),
        meeting=meeting,
        text="Tiếp tục tuyên truyền, vận động phòng, chống tảo hôn.",
    )
    services.add_conclusion(
        actor=system_actor(),
        meeting=meeting,
        text="Chuẩn bị tổ chức đối thoại giữa người đứng đầu cấp ủy với nhân dân.",
    )
    services.task_from_conclusion(
        actor=system_actor(),
        conclusion=first,
        owner_body=bodies["front"],
        due_on=D(2026, 10, 31),
    )
    return meeting
