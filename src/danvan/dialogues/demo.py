"""Demo dialogues and reception days in tỉnh Lào Cai.

The Đảng ủy xã Trạm Tấu holds a dialogue with the people of thôn Trung Tâm
and one with the members of the commune's Farmers' Association, an ad hoc one
at xã Hạnh Phúc about a land boundary dispute, the Tỉnh ủy one with
commune officials; the opinions are answered there or assigned to the
commune's People's Committee, one of them overdue, one answered since. The
chairs of the People's Committees record reception days. Dates count back
from today (``common.clock``), so nothing is in the future. The texts are
written for the project; the bodies are those of ``danvan.units.demo``.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction

from danvan.common import clock
from danvan.common.actors import system_actor
from danvan.dialogues import services
from danvan.dialogues.models import Session
from danvan.situation.models import Topic
from danvan.units.models import Area, Body

logger = logging.getLogger(__name__)


def _body(name: str, on: dt.date) -> Body | None:
    return Body.objects.in_force(on).filter(name=name).first()


def _topic(code: str) -> Topic | None:
    return Topic.objects.filter(code=code).first()


def load_demo() -> None:
    """Create the demo dialogues once; nothing when the demo units are missing."""
    today = clock.today()
    commune = _body("Đảng ủy xã Trạm Tấu", today)
    if commune is None:
        logger.info("No demo units: the dialogues demo needs danvan.units.demo.")
        return
    if Session.objects.filter(body=commune).exists():
        return
    with transaction.atomic():
        _load(today, commune)


def _load(today: dt.date, commune: Body) -> None:
    actor = system_actor()

    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    ubnd = _body("Ủy ban nhân dân xã Trạm Tấu", today)
    sibling = _body("Đảng ủy xã Hạnh Phúc", today)
    sibling_ubnd = _body("Ủy ban nhân dân xã Hạnh Phúc", today)
    province = _body("Tỉnh ủy Lào Cai", today)
    village = (
        Area.objects.filter(parent=commune.area, name="Trung Tâm").first()
        or commune.area
    )
    village_talk = services.hold_session(
        actor=actor,
        body=commune,
        area=village,
        held_on=ago(40),
        leader_name="Hoàng Văn Thắng",
        leader_title="Bí thư Đảng ủy xã",
        audience_kind=Session.Audience.VILLAGE,
        audience="Nhân dân thôn Trung Tâm",
        place="Nhà văn hóa thôn Trung Tâm",
        participants=62,
        subject="Đường giao thông nông thôn, nước sinh hoạt và hỗ trợ sản xuất",
        summary=(
            "Bí thư Đảng ủy xã thông tin tình hình kinh tế - xã hội của xã, "
            "lắng nghe ý kiến của bà con về các công trình dân sinh.\n"
            "Các ý kiến được trả lời trực tiếp hoặc giao Ủy ban nhân dân xã "
            "giải quyết trong thời hạn."
        ),
    )
    services.add_issue(
        actor=actor,
        session=village_talk,
        raised_by="Ông Giàng A Lử, thôn Trung Tâm",
        topic=_topic("poverty"),
        content="Đề nghị hỗ trợ giống ngô lai cho các hộ cận nghèo vụ đông.",
        answer=(
            "Xã đã lập danh sách, giống sẽ cấp trước ngày 15 của tháng tới qua "
            "trưởng thôn."
        ),
    )
    if ubnd is not None:
        services.add_issue(
            actor=actor,
            session=village_talk,
            raised_by="Bà Sùng Thị Dua, thôn Trung Tâm",
            topic=_topic("disasters"),
            content=(
                "Đoạn đường vào khu sản xuất bị sạt lở sau mưa lớn, xe máy "
                "không qua được."
            ),
            assigned_body=ubnd,
            due_on=ago(10),
        )
        answered = services.add_issue(
            actor=actor,
            session=village_talk,
            raised_by="Ông Hờ A Chu, trưởng thôn",
            content="Bể nước sinh hoạt của thôn bị rò rỉ, cần sửa trước mùa khô.",
            assigned_body=ubnd,
            due_on=ago(5),
        )
        services.answer_issue(
            actor=actor,
            issue=answered,
            answer="Ủy ban nhân dân xã đã sửa bể nước, nghiệm thu cùng thôn.",
            answered_on=ago(12),
        )
    farmers = services.hold_session(
        actor=actor,
        body=commune,
        area=commune.area,
        held_on=ago(15),
        leader_name="Hoàng Văn Thắng",
        leader_title="Bí thư Đảng ủy xã",
        audience_kind=Session.Audience.ASSOCIATION,
        audience="Hội viên Hội Nông dân xã Trạm Tấu",
        place="Hội trường Ủy ban nhân dân xã",
        participants=48,
        subject="Chuyển đổi cây trồng và tiêu thụ sản phẩm",
    )
    if ubnd is not None:
        services.add_issue(
            actor=actor,
            session=farmers,
            raised_by="Hội viên Hội Nông dân thôn Mới",
            topic=_topic("land"),
            content=(
                "Đề nghị hướng dẫn thủ tục cấp giấy chứng nhận đất trồng cây dược liệu."
            ),
            assigned_body=ubnd,
            due_on=today + dt.timedelta(days=15),
        )
    services.add_issue(
        actor=actor,
        session=farmers,
        raised_by="Ông Lý A Sình",
        content="Hỏi về vốn vay ưu đãi để trồng sâm.",
        answer="Ngân hàng Chính sách xã hội tiếp nhận hồ sơ vào ngày giao dịch tại xã.",
    )
    if sibling is not None:
        dispute = services.hold_session(
            actor=actor,
            body=sibling,
            area=sibling.area,
            held_on=ago(25),
            kind=Session.Kind.AD_HOC,
            leader_name="Đinh Thị Lan",
            leader_title="Bí thư Đảng ủy xã",
            audience_kind=Session.Audience.GROUP,
            audience="Các hộ tranh chấp ranh giới đất nương",
            participants=14,
            subject="Tranh chấp ranh giới đất nương giữa hai dòng họ",
        )
        if sibling_ubnd is not None:
            services.add_issue(
                actor=actor,
                session=dispute,
                raised_by="Đại diện các hộ",
                topic=_topic("land"),
                content="Đề nghị đo đạc lại ranh giới và hòa giải tại thôn.",
                assigned_body=sibling_ubnd,
                due_on=ago(3),
            )
    if province is not None:
        services.hold_session(
            actor=actor,
            body=province,
            area=province.area,
            held_on=ago(60),
            leader_name="Nguyễn Văn Minh",
            leader_title="Phó Bí thư Tỉnh ủy",
            audience_kind=Session.Audience.OTHER,
            audience="Cán bộ, công chức và nhân dân các xã vùng cao",
            participants=120,
            subject="Ổn định dân cư và sinh kế sau sắp xếp đơn vị hành chính",
        )
    for body, leader, title in (
        (ubnd, "Lý Văn Chiến", "Chủ tịch Ủy ban nhân dân xã"),
        (sibling_ubnd, "Vàng A Dế", "Chủ tịch Ủy ban nhân dân xã"),
    ):
        if body is None:
            continue
        for weeks in (1, 2, 3, 5):
            services.record_reception(
                actor=actor,
                body=body,
                held_on=ago(7 * weeks),
                leader_name=leader,
                leader_title=title,
                citizens=3 + weeks,
                cases=weeks,
                note="Tiếp công dân định kỳ tại trụ sở.",
            )
