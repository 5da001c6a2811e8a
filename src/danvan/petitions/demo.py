"""Demo petitions received in the demo province's communes.

The Ủy ban nhân dân of xã Trạm Tấu and xã Hạnh Phúc (tỉnh Lào Cai) receive
complaints, denunciations, recommendations and feedback through 2026: land
taken for a road, a crowd of households about support for resettlement (with
its representatives), a repeat of an earlier complaint, a denunciation of a
village head's handling of a fund (extended once), feedback about a landslide
on a village road. Some were settled, some are still running and a few are
past their deadlines, so the lists of due and overdue petitions and the home
page show them. A routing rule sends xã Hạnh Phúc's denunciations to its
Đảng ủy. The texts and the petitioners' names are invented for the demo; the
units are those of ``danvan.units.demo``; the legal deadlines are the sets
seeded by the migrations.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from danvan.common.actors import system_actor
from danvan.petitions import services
from danvan.petitions.models import Channel, Kind, Petition
from danvan.situation.models import Topic
from danvan.units.models import Body

logger = logging.getLogger(__name__)
D = dt.date
TRAM_TAU = "Ủy ban nhân dân xã Trạm Tấu"
HANH_PHUC = "Ủy ban nhân dân xã Hạnh Phúc"


@dataclass
class DemoPetition:
    body: str
    received_on: dt.date
    kind: str
    subject: str
    content: str
    petitioners: list[dict[str, Any]]
    topic: str = ""
    channel: str = Channel.IN_PERSON
    people: int = 1
    act: str = ""
    act_on: dt.date | None = None
    # Steps taken: (name, date, text).
    steps: list[tuple[str, dt.date, str]] = field(default_factory=list)


def _person(
    name: str, n: int, address: str, representative: bool = False
) -> dict[str, Any]:
    return {
        "name": name,
        "id_number": f"0150{n:08d}",
        "address": address,
        "phone": f"0987{n:06d}",
        "representative": representative,
    }


PETITIONS = [
    DemoPetition(
        TRAM_TAU,
        D(2026, 3, 9),
        Kind.COMPLAINT,
        "Khiếu nại mức bồi thường đất nương khi mở rộng đường liên thôn",
        "Gia đình có 1.200 m² đất nương bị thu hồi để mở rộng đường liên thôn "
        "Trung Tâm – Bản Mới; mức bồi thường chưa tính cây chè đã trồng năm 2019.",
        [_person("Giàng A Tủa", 1, "Thôn Trung Tâm, xã Trạm Tấu")],
        topic="land",
        act="Quyết định thu hồi đất của Ủy ban nhân dân xã",
        act_on=D(2026, 2, 20),
        steps=[
            ("accept", D(2026, 3, 16), ""),
            (
                "decide",
                D(2026, 4, 10),
                "Chấp nhận một phần: bổ sung bồi thường cây chè theo đơn giá của tỉnh.",
            ),
            ("close", D(2026, 5, 12), ""),
        ],
    ),
    DemoPetition(
        TRAM_TAU,
        D(2026, 6, 2),
        Kind.COMPLAINT,
        "Khiếu nại lại mức bồi thường đất nương đường liên thôn",
        "Gia đình tiếp tục đề nghị xem xét diện tích đất nương bị thu hồi, cho "
        "rằng số liệu đo đạc còn thiếu khoảng 150 m².",
        [_person("Giàng A Tủa", 1, "Thôn Trung Tâm, xã Trạm Tấu")],
        topic="land",
        act="Quyết định thu hồi đất của Ủy ban nhân dân xã",
        act_on=D(2026, 2, 20),
        steps=[("accept", D(2026, 6, 9), "")],
    ),
    DemoPetition(
        TRAM_TAU,
        D(2026, 11, 20),
        Kind.COMPLAINT,
        "Đơn của 12 hộ về hỗ trợ tái định cư điểm dân cư Bản Mới",
        "Các hộ di dời khỏi vùng có nguy cơ sạt lở đề nghị được hỗ trợ san gạt "
        "mặt bằng và kéo điện sinh hoạt đến điểm tái định cư.",
        [
            _person("Sùng A Chá", 11, "Bản Mới, xã Trạm Tấu", representative=True),
            _person("Mùa Thị Sua", 12, "Bản Mới, xã Trạm Tấu", representative=True),
        ],
        topic="land",
        people=12,
        act="Phương án hỗ trợ tái định cư của Ủy ban nhân dân xã",
        act_on=D(2026, 10, 30),
    ),
    DemoPetition(
        TRAM_TAU,
        D(2026, 11, 24),
        Kind.FEEDBACK,
        "Phản ánh sạt lở taluy đường vào thôn Trung Tâm",
        "Sau mưa lớn, taluy dương đoạn km 2 sạt xuống lòng đường, xe máy đi lại "
        "khó khăn, học sinh phải đi bộ vòng.",
        [_person("Lò Văn Thào", 21, "Thôn Trung Tâm, xã Trạm Tấu")],
        topic="disasters",
        channel=Channel.ONLINE,
    ),
    DemoPetition(
        TRAM_TAU,
        D(2026, 8, 3),
        Kind.RECOMMENDATION,
        "Kiến nghị mở lớp xóa mù chữ cho phụ nữ thôn Trung Tâm",
        "Chi hội phụ nữ thôn đề nghị mở lớp xóa mù chữ buổi tối sau mùa vụ.",
        [_person("Vàng Thị Mai", 31, "Thôn Trung Tâm, xã Trạm Tấu")],
        topic="poverty",
        steps=[
            (
                "answer",
                D(2026, 8, 20),
                "Ủy ban nhân dân xã phối hợp trường phổ thông mở lớp từ tháng 10/2026.",
            ),
            ("close", D(2026, 8, 25), ""),
        ],
    ),
    DemoPetition(
        HANH_PHUC,
        D(2026, 10, 12),
        Kind.DENUNCIATION,
        "Tố cáo việc sử dụng quỹ hỗ trợ sản xuất của thôn",
        "Người tố cáo cho rằng một số hộ không thuộc diện vẫn được nhận giống "
        "ngô hỗ trợ năm 2026.",
        [_person("Hờ A Dế", 41, "Thôn Km 15, xã Hạnh Phúc")],
        topic="poverty",
        channel=Channel.POST,
        steps=[("accept", D(2026, 10, 19), ""), ("extend", D(2026, 11, 18), "")],
    ),
    DemoPetition(
        HANH_PHUC,
        D(2026, 11, 27),
        Kind.FEEDBACK,
        "Phản ánh tình trạng tảo hôn ở thôn Km 15",
        "Người dân phản ánh có hai trường hợp tổ chức cưới cho con chưa đủ tuổi.",
        [_person("Thào Thị Dinh", 51, "Thôn Km 15, xã Hạnh Phúc")],
        topic="child-marriage",
    ),
]


def _body(name: str, on: dt.date) -> Body | None:
    return Body.objects.in_force(on).filter(name=name).first()


def _take(petition: Petition, step: str, on: dt.date, text: str) -> Petition:
    actor = system_actor()
    if step == "accept":
        return services.accept(actor=actor, petition=petition, on=on)
    if step == "decide":
        return services.decide(actor=actor, petition=petition, on=on, outcome=text)
    if step == "answer":
        return services.answer(actor=actor, petition=petition, on=on, outcome=text)
    if step == "extend":
        return services.extend(actor=actor, petition=petition)
    return services.close(actor=actor, petition=petition, on=on)


@transaction.atomic
def load_demo() -> None:
    """Create the demo petitions once; nothing when they or the units are missing."""
    first = _body(TRAM_TAU, D(2026, 1, 1))
    if first is None:
        logger.info("No demo units: the petitions demo needs danvan.units.demo.")
        return
    if Petition.objects.filter(received_by=first).exists():
        return
    actor = system_actor()
    hanh_phuc = _body(HANH_PHUC, D(2026, 1, 1))
    party = Body.objects.filter(name="Đảng ủy xã Hạnh Phúc").first()
    if hanh_phuc is not None and party is not None:
        services.save_routing_rule(
            actor=actor, area=party.area, body=party, kind=Kind.DENUNCIATION
        )
    topics = {t.code: t for t in Topic.objects.all()}
    for demo in PETITIONS:
        body = _body(demo.body, demo.received_on)
        if body is None:
            continue
        petition = services.receive_petition(
            actor=actor,
            received_by=body,
            received_on=demo.received_on,
            channel=demo.channel,
            kind=demo.kind,
            subject=demo.subject,
            content=demo.content,
            area=body.area,
            petitioners=demo.petitioners,
            topic=topics.get(demo.topic),
            crowd=demo.people >= 5,
            people=demo.people,
            act=demo.act,
            act_on=demo.act_on,
        )
        for step, on, text in demo.steps:
            petition = _take(petition, step, on, text)
