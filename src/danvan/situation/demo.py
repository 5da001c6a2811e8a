"""Demo entries of the people's situation in the demo province's communes.

The Đảng ủy and the Ủy ban MTTQ of xã Trạm Tấu and xã Hạnh Phúc (tỉnh Lào
Cai) report their people's situation for quarters II and III of 2026 and
October 2026, topic by topic, down to the villages of xã Trạm Tấu (thôn Trung
Tâm, bản Mới): land and site clearance for a road, child marriage, a "đạo lạ"
preached in a village, illegal migration across the border, the rains of
August. The texts are written for the demo; the units and accounts are those
of ``danvan.units.demo``.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction

from danvan.common.actors import system_actor
from danvan.datasets.models import Period
from danvan.situation import services
from danvan.situation.models import Assessment, Entry, Topic
from danvan.units.models import Area, Body

logger = logging.getLogger(__name__)
D = dt.date
STABLE, SIGNS, COMPLEX = Assessment.STABLE, Assessment.SIGNS, Assessment.COMPLEX

# body, place ("" for the body's area, else a village's name), period
# (type, year, number), topic code, assessment, observed on, summary,
# sources, follow-up
ENTRIES: list[tuple[str, str, tuple[str, int, int], str, str, dt.date, str, str, str]]
ENTRIES = [
    (
        "Đảng ủy xã Trạm Tấu",
        "",
        ("quarter", 2026, 2),
        "national-events",
        STABLE,
        D(2026, 6, 10),
        "Nhân dân phấn khởi với việc vận hành chính quyền địa phương hai cấp; "
        "thủ tục hành chính tại Trung tâm phục vụ hành chính công xã thuận lợi hơn.",
        "Ý kiến tại hội nghị tiếp xúc cử tri; báo cáo của các chi bộ thôn.",
        "",
    ),
    (
        "Đảng ủy xã Trạm Tấu",
        "Trung Tâm",
        ("quarter", 2026, 2),
        "land",
        SIGNS,
        D(2026, 6, 18),
        "Một số hộ chưa đồng thuận với mức hỗ trợ bồi thường khi mở rộng đường "
        "liên thôn; có 6 hộ kiến nghị xem xét lại diện tích đất nương bị thu hồi.",
        "Tổ công tác giải phóng mặt bằng; Ban công tác Mặt trận thôn.",
        "Giao Ủy ban nhân dân xã rà soát hồ sơ đo đạc, tổ chức đối thoại với các "
        "hộ trước ngày 15/7/2026.",
    ),
    (
        "Đảng ủy xã Trạm Tấu",
        "Mới",
        ("quarter", 2026, 2),
        "child-marriage",
        SIGNS,
        D(2026, 5, 25),
        "Phát hiện 2 trường hợp tảo hôn trong đồng bào Mông; gia đình đã tổ chức "
        "cưới theo phong tục, chưa đăng ký kết hôn.",
        "Báo cáo của trưởng bản, công an xã.",
        "Hội Liên hiệp Phụ nữ xã phối hợp trường học tuyên truyền tại bản.",
    ),
    (
        "Đảng ủy xã Trạm Tấu",
        "",
        ("quarter", 2026, 3),
        "national-events",
        STABLE,
        D(2026, 9, 12),
        "Nhân dân quan tâm, tích cực góp ý dự thảo văn kiện Đại hội; tin tưởng "
        "vào sự lãnh đạo của Đảng ủy và điều hành của chính quyền xã.",
        "Hội nghị lấy ý kiến Nhân dân ở 12 thôn.",
        "",
    ),
    (
        "Đảng ủy xã Trạm Tấu",
        "Trung Tâm",
        ("quarter", 2026, 3),
        "land",
        COMPLEX,
        D(2026, 9, 5),
        "Hai dòng họ tranh chấp ranh giới đất rừng sản xuất, có thời điểm tụ tập "
        "khoảng 20 người tại nương; chưa xảy ra xô xát.",
        "Báo cáo nhanh của Chi bộ thôn Trung Tâm; công an xã.",
        "Thường trực Đảng ủy chỉ đạo hòa giải ở cơ sở; Ủy ban nhân dân xã kiểm tra "
        "hiện trạng, trả lời bằng văn bản trong tháng 10/2026.",
    ),
    (
        "Đảng ủy xã Trạm Tấu",
        "Mới",
        ("quarter", 2026, 3),
        "religion",
        SIGNS,
        D(2026, 8, 20),
        "Xuất hiện đối tượng ngoài tỉnh đến bản tuyên truyền “đạo lạ”, vận động "
        "bỏ thờ cúng tổ tiên; 3 hộ có biểu hiện nghe theo.",
        "Trưởng bản, người có uy tín trong đồng bào.",
        "Người có uy tín và Ban công tác Mặt trận vận động các hộ; công an xã "
        "nắm tình hình.",
    ),
    (
        "Đảng ủy xã Trạm Tấu",
        "",
        ("quarter", 2026, 3),
        "disasters",
        SIGNS,
        D(2026, 8, 14),
        "Mưa lớn gây sạt lở taluy đường vào bản Mới, 4 hộ phải di dời tạm thời; "
        "Nhân dân giúp nhau dựng lán trại.",
        "Ban Chỉ huy phòng thủ dân sự xã.",
        "Hỗ trợ gạo và tiền cho 4 hộ; khảo sát địa điểm tái định cư.",
    ),
    (
        "Đảng ủy xã Trạm Tấu",
        "",
        ("quarter", 2026, 3),
        "poverty",
        STABLE,
        D(2026, 9, 20),
        "Đời sống Nhân dân cơ bản ổn định; giá thảo quả tăng, nhiều hộ có thu nhập "
        "khá. Còn 148 hộ nghèo, chủ yếu ở các bản vùng cao.",
        "Báo cáo của Ủy ban nhân dân xã.",
        "",
    ),
    (
        "Ủy ban MTTQ Việt Nam xã Trạm Tấu",
        "",
        ("quarter", 2026, 3),
        "hostile-propaganda",
        STABLE,
        D(2026, 9, 25),
        "Chưa phát hiện hoạt động tuyên truyền, kích động trên địa bàn; một số "
        "thanh niên chia sẻ thông tin chưa kiểm chứng trên mạng xã hội.",
        "Đoàn Thanh niên xã; nhóm Zalo của các thôn.",
        "Nhắc nhở, hướng dẫn thanh niên kiểm chứng thông tin trước khi chia sẻ.",
    ),
    (
        "Đảng ủy xã Trạm Tấu",
        "Mới",
        ("month", 2026, 10),
        "illegal-migration",
        SIGNS,
        D(2026, 10, 22),
        "Hai thanh niên của bản đi làm thuê qua biên giới không qua thủ tục, gia "
        "đình chưa liên lạc được.",
        "Gia đình báo trưởng bản; công an xã.",
        "Công an xã phối hợp đồn biên phòng xác minh; tuyên truyền về lao động "
        "đi làm việc ở nước ngoài theo hợp đồng.",
    ),
    (
        "Đảng ủy xã Hạnh Phúc",
        "",
        ("quarter", 2026, 3),
        "land",
        STABLE,
        D(2026, 9, 8),
        "Việc bồi thường giải phóng mặt bằng khu tái định cư được Nhân dân đồng "
        "thuận; đã bàn giao 95% diện tích.",
        "Hội đồng bồi thường, hỗ trợ và tái định cư.",
        "",
    ),
    (
        "Đảng ủy xã Hạnh Phúc",
        "",
        ("quarter", 2026, 3),
        "crowd-complaints",
        SIGNS,
        D(2026, 9, 16),
        "12 hộ ký đơn tập thể đề nghị làm rõ việc cấp giấy chứng nhận quyền sử "
        "dụng đất cho một hộ lấn chiếm đất suối.",
        "Bộ phận tiếp công dân xã.",
        "Chủ tịch Ủy ban nhân dân xã tiếp đại diện các hộ; giao công chức địa "
        "chính kiểm tra hồ sơ.",
    ),
    (
        "Đảng ủy xã Hạnh Phúc",
        "",
        ("quarter", 2026, 3),
        "pollution",
        STABLE,
        D(2026, 9, 18),
        "Bãi rác tạm của xã đã được di dời; Nhân dân đồng tình với lịch thu gom mới.",
        "Ý kiến tại hội nghị giao ban Mặt trận.",
        "",
    ),
]


def _body(name: str, on: dt.date) -> Body | None:
    return Body.objects.in_force(on).filter(name=name).first()


@transaction.atomic
def load_demo() -> None:
    """Create the demo entries once; nothing when they or the units are missing."""
    commune = _body("Đảng ủy xã Trạm Tấu", D(2026, 1, 1))
    if commune is None:
        logger.info("No demo units: the situation demo needs danvan.units.demo.")
        return
    if Entry.objects.filter(body=commune).exists():
        return
    topics = {t.code: t for t in Topic.objects.all()}
    actor = system_actor()
    for (
        body_name, place, (kind, year, number), code, assessment, on, summary,
        sources, follow_up,
    ) in ENTRIES:  # fmt: skip
        body = _body(body_name, on)
        if body is None or code not in topics:
            continue
        area = body.area
        if place:
            area = (
                Area.objects.filter(parent=body.area, name=place).first() or body.area
            )
        services.record_entry(
            actor=actor,
            body=body,
            area=area,
            period=Period.objects.of(kind, year, number),
            topic=topics[code],
            assessment=assessment,
            summary=summary,
            observed_on=on,
            sources=sources,
            follow_up=follow_up,
        )
