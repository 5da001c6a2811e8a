"""Demo hot spots of the demo province's communes, with their timelines.

Five cases written for the project (no real case): a land boundary dispute
in a village of xã Trạm Tấu that grows and is overdue, a crowd gathering over
site-clearance compensation that stabilises, a case of "đạo lạ" preaching
followed by the province's board, a child marriage prevented and closed, and
a forest-land dispute of xã Hạnh Phúc. Dates count back from the day the demo
is loaded (``common.clock.today()``), so the overdue ones stay overdue. The
bodies and accounts are those of ``danvan.units.demo``; the commune's first
demo meeting, when there is one, is linked to the first case.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db import transaction

from danvan.common import clock
from danvan.common.actors import system_actor
from danvan.incidents import services
from danvan.incidents.models import Incident, Severity, Status
from danvan.units.models import Area, Body

logger = logging.getLogger(__name__)


@dataclass
class Step:
    days_ago: int
    text: str
    status: str = ""
    severity: int | None = None
    people: int | None = None
    escalating: bool | None = None
    review_in: int | None = None


@dataclass
class Case:
    title: str
    commune: str
    body: str
    topic: str
    days_ago: int
    severity: int
    people: int
    place: str
    parties: str
    cause: str
    summary: str
    due_in: int | None = None
    review_in: int | None = None
    village: bool = False
    steps: list[Step] = field(default_factory=list)


CASES = [
    Case(
        title="Tranh chấp ranh giới đất nương giữa hai dòng họ ở thôn Trung Tâm",
        commune="04591",
        body="Đảng ủy xã Trạm Tấu",
        topic="land",
        days_ago=75,
        severity=Severity.MEDIUM,
        people=14,
        place="Khu nương phía sau trường tiểu học",
        parties="Dòng họ Giàng và dòng họ Sùng ở thôn Trung Tâm",
        cause="Mốc ranh giới cũ bị mất sau mưa lũ, hai bên cùng nhận phần đất.",
        summary="Hai dòng họ cùng canh tác trên phần nương giáp ranh; đã có lời qua "
        "tiếng lại, chưa xảy ra xô xát.",
        due_in=-15,
        review_in=-5,
        village=True,
        steps=[
            Step(
                70,
                "Trưởng thôn và Mặt trận xã gặp đại diện hai dòng họ, đề nghị "
                "tạm dừng canh tác phần đất tranh chấp.",
                status=Status.HANDLING,
            ),
            Step(
                40,
                "Số người tham gia tranh chấp tăng do con cháu hai dòng họ ở "
                "thôn khác về hỗ trợ; có dấu hiệu lôi kéo.",
                people=35,
                severity=Severity.HIGH,
            ),
            Step(
                20,
                "Địa chính xã đo đạc lại, hai bên chưa thống nhất kết quả; "
                "hẹn hòa giải lần hai.",
                review_in=15,
            ),
        ],
    ),
    Case(
        title="Hộ dân tụ tập kiến nghị về mức bồi thường giải phóng mặt bằng",
        commune="04591",
        body="Ủy ban nhân dân xã Trạm Tấu",
        topic="crowd-complaints",
        days_ago=50,
        severity=Severity.HIGH,
        people=22,
        place="Tuyến đường nối trung tâm xã đi các bản",
        parties="Các hộ có đất bị thu hồi; Ban quản lý dự án",
        cause="Đơn giá bồi thường cây trồng thấp hơn mong muốn của người dân.",
        summary="Các hộ tập trung tại trụ sở xã đề nghị xem xét lại đơn giá.",
        due_in=30,
        steps=[
            Step(
                48,
                "Chủ tịch Ủy ban nhân dân xã tiếp các hộ, ghi nhận kiến nghị, "
                "chuyển Ban quản lý dự án.",
                status=Status.HANDLING,
            ),
            Step(
                30,
                "Tổ chức đối thoại, giải thích căn cứ đơn giá; phần lớn các hộ "
                "đồng thuận.",
                people=6,
                severity=Severity.MEDIUM,
            ),
            Step(
                10,
                "Các hộ còn lại đã nhận tiền bồi thường; tình hình ổn định.",
                status=Status.STABLE,
                review_in=20,
            ),
        ],
    ),
    Case(
        title="Đối tượng lạ tuyên truyền “đạo lạ” tại một số hộ",
        commune="04591",
        body="Ban Tuyên giáo và Dân vận Tỉnh ủy Lào Cai",
        topic="religion",
        days_ago=30,
        severity=Severity.HIGH,
        people=9,
        place="Nhóm hộ ở rìa thôn",
        parties="Một số hộ dân; đối tượng từ nơi khác đến",
        cause="Lợi dụng lúc người dân gặp khó khăn để lôi kéo sinh hoạt tôn giáo "
        "trái pháp luật.",
        summary="Phát hiện việc tụ tập sinh hoạt vào buổi tối; người dân được vận "
        "động không tham gia.",
        review_in=-2,
        steps=[
            Step(
                28,
                "Phối hợp Công an xã nắm tình hình, vận động người có uy tín "
                "gặp gỡ các hộ.",
                status=Status.HANDLING,
                escalating=True,
            ),
        ],
    ),
    Case(
        title="Ngăn chặn một trường hợp tảo hôn",
        commune="04591",
        body="Ủy ban nhân dân xã Trạm Tấu",
        topic="child-marriage",
        days_ago=90,
        severity=Severity.LOW,
        people=2,
        place="Bản Mới",
        parties="Hai gia đình có con chưa đủ tuổi kết hôn",
        cause="Tập quán cũ, hiểu biết pháp luật còn hạn chế.",
        summary="Hội Liên hiệp Phụ nữ xã phát hiện hai gia đình chuẩn bị tổ chức "
        "cưới cho con chưa đủ tuổi.",
        steps=[
            Step(
                88,
                "Hội Phụ nữ và Đoàn Thanh niên đến tận nhà tuyên truyền Luật "
                "Hôn nhân và gia đình.",
                status=Status.HANDLING,
            ),
            Step(
                80,
                "Hai gia đình cam kết hoãn việc cưới đến khi đủ tuổi.",
                status=Status.CLOSED,
            ),
        ],
    ),
    Case(
        title="Tranh chấp đất rừng sản xuất giáp ranh hai thôn",
        commune="04585",
        body="Đảng ủy xã Hạnh Phúc",
        topic="land",
        days_ago=40,
        severity=Severity.MEDIUM,
        people=18,
        place="Khu rừng giáp ranh",
        parties="Người dân hai thôn giáp ranh",
        cause="Ranh giới giao rừng trên bản đồ khác với thực địa.",
        summary="Người dân hai thôn cùng vào khai thác một khu rừng.",
        due_in=-3,
        steps=[
            Step(
                35,
                "Kiểm lâm và địa chính xã kiểm tra thực địa.",
                status=Status.HANDLING,
            ),
        ],
    ),
]


def _days_from(today: dt.date, days: int | None) -> dt.date | None:
    return None if days is None else today + dt.timedelta(days=days)


def _body(name: str, on: dt.date) -> Body | None:
    return Body.objects.in_force(on).filter(name=name).first()


def _place(code: str, on: dt.date, village: bool) -> Area | None:
    commune = Area.objects.in_force(on).filter(code=code).first()
    if commune is None or not village:
        return commune
    return commune.children.filter(level=Area.Level.VILLAGE).order_by("path").first()


def _link_meeting(incident: Incident) -> None:
    from danvan.meetings.models import Meeting

    meeting = (
        Meeting.objects.filter(convening_body=incident.owner_body)
        .filter(held_on__gte=incident.arose_on)
        .order_by("held_on")
        .first()
    )
    if meeting is not None:
        services.link(actor=system_actor(), incident=incident, meetings=[meeting])


@transaction.atomic
def load_demo() -> None:
    """Create the demo hot spots once; nothing when the units are missing."""
    from danvan.situation.models import Topic

    today = clock.today()
    if _body("Đảng ủy xã Trạm Tấu", today) is None:
        logger.info("No demo units: the hot spots demo needs danvan.units.demo.")
        return
    if Incident.objects.filter(title=CASES[0].title).exists():
        return
    actor = system_actor()
    for case in CASES:
        arose = today - dt.timedelta(days=case.days_ago)
        body = _body(case.body, arose)
        area = _place(case.commune, arose, case.village)
        topic = Topic.objects.filter(code=case.topic).first()
        if body is None or area is None or topic is None:
            logger.info("Demo hot spot skipped: %s", case.title)
            continue
        incident = services.open_incident(
            actor=actor,
            title=case.title,
            area=area,
            topic=topic,
            owner_body=body,
            arose_on=arose,
            severity=case.severity,
            people=case.people,
            cause=case.cause,
            parties=case.parties,
            place=case.place,
            summary=case.summary,
            due_on=_days_from(today, case.due_in),
            next_review_on=_days_from(today, case.review_in),
        )
        for step in case.steps:
            on = today - dt.timedelta(days=step.days_ago)
            services.add_follow_up(
                actor=actor,
                incident=incident,
                on=on,
                text=step.text,
                status=step.status,
                severity=step.severity,
                people=step.people,
                escalating=step.escalating,
                next_review_on=_days_from(today, step.review_in),
            )
        if case is CASES[0]:
            _link_meeting(incident)
