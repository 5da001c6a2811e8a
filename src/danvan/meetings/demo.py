"""Demo meetings: giao ban series of the demo units, their tasks and a notice.

Three series, over the 2025 reform: the Huyện ủy Trạm Tấu's quarterly giao ban
of the khối dân vận in 2021 (before the district was abolished), the quarterly
giao ban of the Ban Tuyên giáo và Dân vận Tỉnh ủy Lào Cai, and the monthly giao
ban of the Đảng ủy xã Trạm Tấu in 2026. Tasks are in every status, some carried
forward and overdue; the September notice of the commune and the 2021 notice
of the Huyện ủy are generated and numbered in the register. The bodies, people
and accounts are those of ``danvan.units.demo``; nothing of theirs is created.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db import transaction

from danvan.accounts.models import User
from danvan.common.actors import system_actor
from danvan.meetings import services
from danvan.meetings.models import Meeting, Task
from danvan.units.models import Body, Person

logger = logging.getLogger(__name__)
D = dt.date
DONE, IN_PROGRESS, CANCELLED = (
    Task.Status.DONE,
    Task.Status.IN_PROGRESS,
    Task.Status.CANCELLED,
)


@dataclass
class DemoTask:
    owner: str
    due_on: dt.date | None
    status: str = Task.Status.OPEN
    on: dt.date | None = None
    note: str = ""


@dataclass
class DemoConclusion:
    text: str
    task: DemoTask | None = None


@dataclass
class DemoMeeting:
    title: str
    held_on: dt.date
    period: tuple[str, int, int | None]
    conclusions: list[DemoConclusion] = field(default_factory=list)
    agenda: str = ""
    notice: bool = False
    # Capacity and title of the notice's signer, when not the chair's defaults.
    signed: tuple[str, str] | None = None


def _body(name: str, on: dt.date) -> Body | None:
    return Body.objects.in_force(on).filter(name=name).first()


def _person(name: str) -> Person | None:
    return Person.objects.filter(full_name=name).first()


def _user(username: str) -> User:
    """A demo officer; the system actor when the demo users are missing."""
    return User.objects.filter(username=username).first() or system_actor()


def _ensure_term(
    body: Body, name: str, starts_on: dt.date, ends_on: dt.date | None
) -> None:
    """The Party term the register numbers in, unless the documents demo has it."""
    from danvan.documents.services import add_term, term_for

    if term_for(body, starts_on) is None:
        add_term(
            actor=system_actor(),
            body=body,
            name=name,
            starts_on=starts_on,
            ends_on=ends_on,
        )


def _series(
    *,
    actor: User,
    body: Body,
    owners: dict[str, Body | None],
    chair: Person | None,
    attendees: list[Person],
    place: str,
    guests: str,
    meetings: list[DemoMeeting],
) -> None:
    for spec in meetings:
        period_type, year, number = spec.period
        meeting = services.create_meeting(
            actor=actor,
            convening_body=body,
            kind=Meeting.Kind.BRIEFING,
            title=spec.title,
            held_on=spec.held_on,
            place=place,
            chair=chair,
            attendees=attendees,
            guests=guests,
            agenda=spec.agenda,
            period_type=period_type,
            period_year=year,
            period_number=number,
        )
        for item in spec.conclusions:
            conclusion = services.add_conclusion(
                actor=actor, meeting=meeting, text=item.text
            )
            if item.task is None:
                continue
            owner_body = owners[item.task.owner]
            # A task needs its owner: the demo units must hold the body it names.
            assert owner_body is not None, item.task.owner
            task = services.task_from_conclusion(
                actor=actor,
                conclusion=conclusion,
                owner_body=owner_body,
                due_on=item.task.due_on,
            )
            if item.task.status != Task.Status.OPEN or item.task.note:
                services.set_task_status(
                    actor=actor,
                    task=task,
                    status=item.task.status,
                    on=item.task.on,
                    note=item.task.note,
                )
        if spec.notice:
            signature = {}
            if spec.signed:
                signature = dict(
                    zip(("signer_capacity", "signer_title"), spec.signed, strict=True)
                )
            services.generate_notice(actor=actor, meeting=meeting, **signature)


COMMUNE_MEETINGS = [
    DemoMeeting(
        "Giao ban công tác dân vận tháng 8/2026",
        D(2026, 9, 4),
        ("month", 2026, 8),
        [
            DemoConclusion(
                "Tăng cường nắm tình hình nhân dân, nhất là việc đi làm ăn xa "
                "và di cư tự do của đồng bào Mông.",
                DemoTask(
                    "front",
                    D(2026, 9, 30),
                    DONE,
                    D(2026, 9, 28),
                    "Đã tổng hợp báo cáo tình hình 12 thôn, bản",
                ),
            ),
            DemoConclusion(
                "Vận động nhân dân thôn Trung Tâm hiến đất mở rộng đường liên thôn.",
                DemoTask(
                    "ubnd",
                    D(2026, 10, 31),
                    IN_PROGRESS,
                    D(2026, 9, 20),
                    "18/25 hộ đã ký cam kết hiến đất",
                ),
            ),
            DemoConclusion(
                "Tuyên truyền phòng, chống tảo hôn và hôn nhân cận huyết thống "
                "trong đồng bào dân tộc thiểu số.",
                DemoTask("front", D(2026, 12, 31)),
            ),
        ],
        agenda="Đánh giá kết quả công tác dân vận tháng 8/2026\n"
        "Triển khai nhiệm vụ tháng 9/2026",
    ),
    DemoMeeting(
        "Giao ban công tác dân vận tháng 9/2026",
        D(2026, 10, 5),
        ("month", 2026, 9),
        [
            DemoConclusion(
                "Chuẩn bị Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính "
                "quyền xã với nhân dân về giải phóng mặt bằng.",
                DemoTask(
                    "ubnd",
                    D(2026, 10, 31),
                    DONE,
                    D(2026, 10, 28),
                    "Đối thoại ngày 28/10, 146 người dân dự",
                ),
            ),
            DemoConclusion(
                'Hướng dẫn các chi bộ thôn, bản đăng ký mô hình "Dân vận khéo" '
                "năm 2027.",
                DemoTask("committee", D(2026, 10, 20)),
            ),
            DemoConclusion(
                "Các đồng chí trong Ban Thường vụ phụ trách thôn, bản tăng cường "
                "bám nắm cơ sở."
            ),
        ],
        agenda="Đánh giá kết quả công tác dân vận tháng 9/2026\n"
        "Rà soát nhiệm vụ chuyển tiếp từ tháng 8",
        notice=True,
    ),
    DemoMeeting(
        "Giao ban công tác dân vận tháng 10/2026",
        D(2026, 11, 4),
        ("month", 2026, 10),
        [
            DemoConclusion(
                "Chuẩn bị tổng kết công tác dân vận năm 2026, xây dựng kế hoạch "
                "năm 2027.",
                DemoTask("committee", D(2026, 12, 20)),
            ),
        ],
        agenda="Đánh giá kết quả công tác dân vận tháng 10/2026",
    ),
]

BOARD_MEETINGS = [
    DemoMeeting(
        "Giao ban công tác dân vận quý II/2026",
        D(2026, 7, 8),
        ("quarter", 2026, 2),
        [
            DemoConclusion(
                "Hướng dẫn các đảng ủy xã, phường kiện toàn khối dân vận sau sắp "
                "xếp đơn vị hành chính.",
                DemoTask("board", D(2026, 9, 30), DONE, D(2026, 9, 15)),
            ),
            DemoConclusion(
                "Tổng hợp tình hình tư tưởng, tâm trạng của nhân dân về việc sắp "
                "xếp tổ chức bộ máy.",
                DemoTask(
                    "front",
                    D(2026, 8, 31),
                    IN_PROGRESS,
                    D(2026, 8, 20),
                    "Đã có 61/99 xã báo cáo",
                ),
            ),
        ],
    ),
    DemoMeeting(
        "Giao ban công tác dân vận quý III/2026",
        D(2026, 10, 9),
        ("quarter", 2026, 3),
        [
            DemoConclusion(
                "Chuẩn bị tổng kết công tác dân vận năm 2026 của tỉnh.",
                DemoTask("board", D(2026, 12, 15)),
            ),
        ],
    ),
]

DISTRICT_MEETINGS = [
    DemoMeeting(
        "Giao ban khối dân vận quý I/2021",
        D(2021, 4, 6),
        ("quarter", 2021, 1),
        [
            DemoConclusion(
                "Tiếp tục tuyên truyền, vận động đồng bào Mông không nghe theo, "
                "không tham gia các hoạt động tôn giáo trái pháp luật.",
                DemoTask("bdv", D(2021, 6, 30), DONE, D(2021, 6, 25)),
            ),
            DemoConclusion(
                "Vận động nhân dân hiến đất, góp ngày công làm đường giao thông "
                "nông thôn.",
                DemoTask("bdv", D(2021, 9, 30), DONE, D(2021, 9, 20)),
            ),
            DemoConclusion(
                'Sơ kết các mô hình "Dân vận khéo" 6 tháng đầu năm 2021.',
                DemoTask("bdv", D(2021, 7, 15), DONE, D(2021, 7, 14)),
            ),
        ],
    ),
    DemoMeeting(
        "Giao ban khối dân vận 6 tháng đầu năm 2021",
        D(2021, 7, 12),
        ("6m", 2021, None),
        [
            DemoConclusion(
                'Nhân rộng các mô hình "Dân vận khéo" tiêu biểu trong phát triển '
                "kinh tế.",
                DemoTask("bdv", D(2021, 12, 15), DONE, D(2021, 12, 10)),
            ),
            DemoConclusion(
                "Tổ chức hội thi tuyên truyền viên dân vận giỏi cấp huyện.",
                DemoTask(
                    "bdv",
                    D(2021, 10, 31),
                    CANCELLED,
                    D(2021, 8, 2),
                    "Hoãn do dịch COVID-19",
                ),
            ),
        ],
        notice=True,
        signed=("T/L BAN THƯỜNG VỤ", "TRƯỞNG BAN DÂN VẬN"),
    ),
]


@transaction.atomic
def load_demo() -> None:
    """Create the demo meetings once; nothing when they or the units are missing."""
    commune = _body("Đảng ủy xã Trạm Tấu", D(2026, 1, 1))
    if commune is None:
        logger.info("No demo units: the meetings demo needs danvan.units.demo.")
        return
    if Meeting.objects.filter(convening_body=commune).exists():
        return
    minh, hoa, su = (
        _person(n) for n in ("Nguyễn Văn Minh", "Lò Thị Hoa", "Giàng A Sử")
    )
    on = D(2026, 1, 1)
    _ensure_term(
        commune, "Đảng bộ xã lần thứ I, nhiệm kỳ 2025–2030", D(2025, 7, 1), None
    )
    _series(
        actor=_user("xa.tramtau"),
        body=commune,
        owners={
            "committee": commune,
            "front": _body("Ủy ban MTTQ Việt Nam xã Trạm Tấu", on),
            "ubnd": _body("Ủy ban nhân dân xã Trạm Tấu", on),
        },
        chair=minh,
        attendees=[p for p in (minh, su) if p],
        place="Hội trường Đảng ủy xã Trạm Tấu",
        guests="Trưởng các thôn, bản\nĐại diện Công an xã",
        meetings=COMMUNE_MEETINGS,
    )

    board = _body("Ban Tuyên giáo và Dân vận Tỉnh ủy Lào Cai", on)
    if board is not None:
        _series(
            actor=_user("bdv.laocai"),
            body=board,
            owners={
                "board": board,
                "front": _body("Ủy ban MTTQ Việt Nam tỉnh Lào Cai", on),
            },
            chair=hoa,
            attendees=[hoa] if hoa else [],
            place="Trụ sở Tỉnh ủy Lào Cai",
            guests=(
                "Lãnh đạo Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - "
                "xã hội tỉnh\nĐại diện Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh"
            ),
            meetings=BOARD_MEETINGS,
        )

    before = D(2021, 1, 1)
    district = _body("Huyện ủy Trạm Tấu", before)
    bdv = _body("Ban Dân vận Huyện ủy Trạm Tấu", before)
    if district is not None and bdv is not None:
        _ensure_term(district, "nhiệm kỳ 2020–2025", D(2020, 8, 1), D(2025, 6, 30))
        _series(
            actor=system_actor(),
            body=district,
            owners={"bdv": bdv},
            chair=minh,
            attendees=[minh] if minh else [],
            place="Hội trường Huyện ủy Trạm Tấu",
            guests="Khối dân vận huyện: Ủy ban MTTQ và các đoàn thể huyện\n"
            "Bí thư Đảng ủy các xã, thị trấn",
            meetings=DISTRICT_MEETINGS,
        )
