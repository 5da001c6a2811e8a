# The demo's rows of targets read best one a line: long lines are kept.
# ruff: noqa: E501
"""Demo plans: the 2020 cascade of the former Yên Bái province.

Modelled on the dev article 000 (Kế hoạch 106-KH/HU of the Huyện ủy Trạm Tấu,
implementing the Tỉnh ủy Yên Bái's Chương trình hành động 190): the province's
programme, the district's plan with 31 targets of kinh tế - xã hội, 19 targets
and tasks of quốc phòng - an ninh - nội chính, 29 tasks of xây dựng Đảng and 34
tasks of the Front and the mass organisations, and the plans of two communes
below (xã Pá Lau and thị trấn Trạm Tấu, before the 2025 reform), with the
progress of 2020 recorded. The texts are written for the demo; only the
counts and the documents' numbers come from the article.

The units, people and accounts are those of ``danvan.units.demo``; the
documents those of ``danvan.documents.demo`` when it ran (entered here
otherwise). Idempotent; acting as the system actor.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction

from danvan.common.actors import system_actor
from danvan.documents import services as documents
from danvan.documents.models import Document
from danvan.plans import services
from danvan.plans.models import Direction, Plan, PlanGroup, PlanTask, Target
from danvan.units import services as units
from danvan.units.models import Area, Body

logger = logging.getLogger(__name__)
D = dt.date
BEFORE = D(2020, 1, 1)
LAST_DAY = units.LAST_LEGACY_DAY
HIGHER, LOWER, AT_LEAST, AT_MOST = (
    Direction.HIGHER,
    Direction.LOWER,
    Direction.AT_LEAST,
    Direction.AT_MOST,
)
DONE, IN_PROGRESS, CANCELLED, OPEN = (
    PlanTask.Status.DONE,
    PlanTask.Status.IN_PROGRESS,
    PlanTask.Status.CANCELLED,
    PlanTask.Status.OPEN,
)

# (target, unit, baseline, value, direction, achieved in 2020; None: not
# reported).
Row = tuple[str, str, str | None, str, str, str | None]
# Kinh tế - xã hội: the district's 31 main targets.
ECONOMY: list[Row] = [
    ("Tổng giá trị sản xuất trên địa bàn tăng", "%", "8,5", "9", HIGHER, "9,2"),
    ("Thu nhập bình quân đầu người đạt", "triệu đồng", "22", "25", HIGHER, "25,4"),
    (
        "Tổng sản lượng lương thực có hạt đạt",
        "tấn",
        "13.800",
        "14.200",
        HIGHER,
        "14.050",
    ),
    ("Diện tích lúa xuân gieo cấy", "ha", "560", "575", HIGHER, "578"),
    ("Diện tích lúa mùa gieo cấy", "ha", "1.040", "1.050", HIGHER, "1.050"),
    ("Diện tích ngô cả năm", "ha", "1.900", "1.850", AT_LEAST, "1.880"),
    ("Trồng mới rừng sản xuất tập trung", "ha", "600", "700", HIGHER, "720"),
    ("Tỷ lệ che phủ rừng đạt", "%", "63,2", "64", HIGHER, "63,9"),
    (
        "Diện tích sơn tra được chăm sóc, bảo vệ",
        "ha",
        "3.200",
        "3.300",
        HIGHER,
        "3.300",
    ),
    ("Diện tích cây dược liệu trồng mới", "ha", "40", "60", HIGHER, "52"),
    ("Tổng đàn gia súc đạt", "con", "29.000", "30.000", HIGHER, "30.400"),
    ("Diện tích nuôi trồng thủy sản", "ha", "35", "38", HIGHER, "36"),
    (
        "Tổng thu ngân sách trên địa bàn đạt",
        "triệu đồng",
        "21.000",
        "23.500",
        HIGHER,
        "24.100",
    ),
    ("Giá trị hàng hóa, dịch vụ bán lẻ", "tỷ đồng", "300", "330", HIGHER, "318"),
    ("Số lượt khách du lịch", "lượt", "18.000", "25.000", HIGHER, "14.500"),
    ("Xã đạt chuẩn nông thôn mới trong năm", "xã", "1", "1", AT_LEAST, "1"),
    (
        "Bình quân tiêu chí nông thôn mới mỗi xã",
        "tiêu chí",
        "9,8",
        "11",
        HIGHER,
        "10,6",
    ),
    ("Đường giao thông nông thôn được cứng hóa", "km", "12", "15", HIGHER, "16,5"),
    ("Tỷ lệ hộ được dùng điện lưới quốc gia", "%", "93", "95", HIGHER, "95"),
    (
        "Tỷ lệ dân số nông thôn được dùng nước hợp vệ sinh",
        "%",
        "88",
        "90",
        HIGHER,
        "90,5",
    ),
    ("Tỷ lệ hộ nghèo giảm còn", "%", "44,7", "38", LOWER, "37,2"),
    ("Tỷ lệ hộ cận nghèo không vượt quá", "%", "12", "12", AT_MOST, "11,4"),
    ("Lao động được giải quyết việc làm mới", "người", "500", "550", HIGHER, "560"),
    ("Lao động được đào tạo nghề", "người", "450", "500", HIGHER, "470"),
    ("Tỷ lệ trẻ em 6 tuổi vào lớp 1", "%", "99,5", "100", HIGHER, "100"),
    ("Tỷ lệ học sinh bỏ học không vượt quá", "%", "1", "0,5", AT_MOST, "0,4"),
    ("Trường đạt chuẩn quốc gia tăng thêm", "trường", "1", "2", HIGHER, "1"),
    ("Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "97", "98", HIGHER, "98,3"),
    (
        "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng giảm còn",
        "%",
        "24",
        "22,5",
        LOWER,
        "22,9",
    ),
    ("Tỷ lệ thôn, bản có nhà văn hóa", "%", "90", "95", HIGHER, "96"),
    ("Tỷ lệ gia đình đạt danh hiệu văn hóa", "%", "72", "75", HIGHER, None),
]

# Quốc phòng - an ninh - nội chính: 7 targets, then 12 tasks.
DEFENCE_TARGETS: list[Row] = [
    ("Giao quân đạt chỉ tiêu trên giao", "%", "100", "100", AT_LEAST, "100"),
    ("Tỷ lệ dân quân tự vệ so với dân số", "%", "1,5", "1,6", AT_LEAST, "1,62"),
    (
        "Tỷ lệ xã, thị trấn vững mạnh về quốc phòng - an ninh",
        "%",
        "85",
        "90",
        HIGHER,
        "92",
    ),
    ("Tỷ lệ điều tra, khám phá án hình sự", "%", "75", "80", AT_LEAST, "83"),
    ("Số người xuất cảnh trái phép không vượt quá", "người", "6", "0", AT_MOST, "2"),
    ("Tỷ lệ đơn thư khiếu nại, tố cáo được giải quyết", "%", "90", "95", HIGHER, "93"),
    ("Tỷ lệ thôn, bản không có ma túy", "%", "80", "85", HIGHER, "88"),
]
DEFENCE_TASKS = [
    "Tổ chức diễn tập khu vực phòng thủ cấp xã theo kế hoạch",
    "Xây dựng lực lượng dân quân cơ động tại các xã biên giới và vùng cao",
    "Tuyên truyền, vận động đồng bào không nghe theo kẻ xấu, không truyền đạo trái pháp luật",
    "Rà soát, nắm chắc tình hình các điểm có nguy cơ mất an ninh nông thôn",
    "Phối hợp giải quyết dứt điểm tranh chấp đất đai tại các thôn giáp ranh",
    "Triển khai phong trào toàn dân bảo vệ an ninh Tổ quốc gắn với ngày hội",
    "Kiện toàn tổ an ninh xung kích ở các thôn, bản",
    "Đẩy mạnh tuyên truyền phòng, chống tảo hôn và hôn nhân cận huyết thống",
    "Thực hiện tốt công tác tiếp công dân, đối thoại với nhân dân",
    "Kiểm tra việc thực hiện quy chế dân chủ ở cơ sở tại các xã",
    "Phòng, chống tham nhũng, lãng phí trong quản lý dự án đầu tư công",
    "Bảo đảm an ninh trật tự phục vụ đại hội đảng bộ các cấp",
]

PARTY_TASKS = [
    "Tổ chức thành công đại hội chi bộ trực thuộc nhiệm kỳ 2020-2022",
    "Tổ chức đại hội đảng bộ các xã, thị trấn nhiệm kỳ 2020-2025",
    "Chuẩn bị văn kiện và nhân sự đại hội Đảng bộ huyện lần thứ XXI",
    "Học tập, quán triệt các nghị quyết, chỉ thị mới của Trung ương và của tỉnh",
    "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Kết nạp đảng viên mới đạt chỉ tiêu tỉnh giao",
    "Xóa thôn, bản chưa có đảng viên và chưa có chi bộ",
    "Rà soát, bổ sung quy hoạch cán bộ các cấp",
    "Luân chuyển, điều động cán bộ theo kế hoạch của Ban Thường vụ",
    "Đánh giá, xếp loại tổ chức đảng và đảng viên cuối năm",
    "Kiểm tra tổ chức đảng và đảng viên khi có dấu hiệu vi phạm",
    "Giám sát chuyên đề việc thực hiện nhiệm vụ của cấp ủy cơ sở",
    "Tổng kết công tác xây dựng Đảng năm 2020",
    "Củng cố chi bộ yếu kém, nâng cao chất lượng sinh hoạt chi bộ",
    "Đổi mới nội dung sinh hoạt chi bộ thôn, bản theo chuyên đề",
    "Bồi dưỡng lý luận chính trị cho đảng viên mới",
    "Mở lớp bồi dưỡng nghiệp vụ công tác đảng cho bí thư chi bộ",
    "Nắm bắt dư luận xã hội, định hướng thông tin trên mạng xã hội",
    "Thực hiện quy định về nêu gương của cán bộ, đảng viên",
    "Triển khai công tác bảo vệ chính trị nội bộ",
    "Cập nhật cơ sở dữ liệu đảng viên",
    "Thu, nộp và quản lý đảng phí theo quy định",
    "Tổng kết công tác dân vận của hệ thống chính trị năm 2020",
    "Xây dựng và nhân rộng mô hình “Dân vận khéo” trên các lĩnh vực",
    "Thực hiện Quy chế công tác dân vận của hệ thống chính trị",
    "Đối thoại của bí thư cấp ủy với nhân dân",
    "Sơ kết công tác phối hợp giữa Ban Dân vận và chính quyền",
    "Nâng cao chất lượng báo cáo viên, tuyên truyền viên cơ sở",
    "Hoàn thiện hồ sơ tổ chức cơ sở đảng theo quy định",
]

FRONT_TASKS = [
    "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở tất cả các khu dân cư",
    "Vận động Quỹ “Vì người nghèo” các cấp",
    "Hỗ trợ làm nhà Đại đoàn kết cho hộ nghèo",
    "Giám sát việc chi trả hỗ trợ người dân gặp khó khăn do dịch Covid-19",
    "Tổ chức hội nghị phản biện xã hội dự thảo văn bản của huyện",
    "Lấy ý kiến nhân dân góp ý dự thảo văn kiện đại hội đảng các cấp",
    "Tuyên truyền cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”",
    "Vận động đồng bào các dân tộc giữ gìn bản sắc văn hóa",
    "Nắm tình hình tôn giáo, tín ngưỡng ở các thôn, bản",
    "Biểu dương người có uy tín tiêu biểu trong đồng bào dân tộc thiểu số",
    "Hội Nông dân dạy nghề, hỗ trợ vốn cho hội viên phát triển sản xuất",
    "Hội Nông dân xây dựng tổ hợp tác trồng và tiêu thụ sơn tra",
    "Hội Nông dân phát triển hội viên mới",
    "Hội Liên hiệp Phụ nữ vận động hội viên không sinh con thứ ba",
    "Hội Liên hiệp Phụ nữ thành lập câu lạc bộ phòng chống bạo lực gia đình",
    "Hội Liên hiệp Phụ nữ giúp hội viên nghèo vay vốn phát triển kinh tế",
    "Hội Liên hiệp Phụ nữ vận động phòng, chống tảo hôn",
    "Đoàn Thanh niên ra quân tình nguyện hè và mùa đông",
    "Đoàn Thanh niên tham gia làm đường giao thông nông thôn",
    "Đoàn Thanh niên giới thiệu đoàn viên ưu tú cho Đảng xem xét kết nạp",
    "Đoàn Thanh niên tổ chức diễn đàn thanh niên với pháp luật",
    "Hội Cựu chiến binh phát triển mô hình kinh tế trang trại",
    "Hội Cựu chiến binh tham gia giữ gìn an ninh trật tự thôn, bản",
    "Hội Cựu chiến binh tuyên truyền truyền thống cho thế hệ trẻ",
    "Liên đoàn Lao động chăm lo Tết cho đoàn viên khó khăn",
    "Liên đoàn Lao động tổ chức đối thoại tại nơi làm việc",
    "Tuyên truyền vệ sinh môi trường, xây dựng nhà tiêu hợp vệ sinh",
    "Vận động nhân dân hiến đất làm đường liên thôn",
    "Giám sát việc thực hiện chính sách hỗ trợ hộ nghèo",
    "Hướng dẫn ban công tác Mặt trận thôn, bản hoạt động theo quy chế",
    "Tham gia xây dựng Đảng, xây dựng chính quyền ở cơ sở",
    "Hỗ trợ nhân dân khắc phục hậu quả thiên tai",
    "Phát động phong trào thi đua chào mừng đại hội đảng các cấp",
    "Tổng kết công tác Mặt trận và các đoàn thể năm 2020",
]

PROVINCE_TARGETS: list[Row] = [
    ("Tốc độ tăng trưởng kinh tế (GRDP)", "%", "7", "7,5", HIGHER, "6,8"),
    ("Thu nhập bình quân đầu người", "triệu đồng", "40", "43", HIGHER, "43,5"),
    ("Tỷ lệ che phủ rừng", "%", "62,5", "63", HIGHER, "63"),
    ("Tỷ lệ hộ nghèo giảm", "điểm %", "3,5", "3", AT_LEAST, "3,4"),
    ("Xã đạt chuẩn nông thôn mới", "xã", "80", "90", HIGHER, "88"),
    ("Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "96", "97", HIGHER, "97,2"),
    ("Giao quân đạt chỉ tiêu trên giao", "%", "100", "100", AT_LEAST, "100"),
    ("Kết nạp đảng viên mới", "đảng viên", "1.800", "2.000", HIGHER, "2.050"),
]
# Which province target (index) each district target serves (index in ECONOMY
# or DEFENCE_TARGETS).
SERVES = {"economy": {0: 0, 1: 1, 7: 2, 20: 3, 15: 4, 27: 5}, "defence": {0: 6}}

COMMUNES = [
    # (old commune code, name, body, symbol, serves district targets: index ->
    # (value, achieved, direction, unit))
    ("04591", "xã Pá Lau", "Đảng ủy xã Pá Lau", "05-KH/ĐU"),
    ("04585", "thị trấn Trạm Tấu", "Đảng ủy thị trấn Trạm Tấu", "07-KH/ĐU"),
]
COMMUNE_TARGETS = [
    # (district ECONOMY index, name, unit, values per commune, achieved per commune)
    (7, "Tỷ lệ che phủ rừng", "%", ("70", "45"), ("70,5", "44")),
    (20, "Tỷ lệ hộ nghèo giảm còn", "%", ("48", "15"), ("47", "14,5")),
    (15, "Số tiêu chí nông thôn mới đạt thêm", "tiêu chí", ("2", "1"), ("1", "1")),
    (1, "Thu nhập bình quân đầu người", "triệu đồng", ("18", "32"), ("18,5", "31")),
    (17, "Đường giao thông nông thôn cứng hóa", "km", ("3", "2"), ("3,5", "2")),
]
COMMUNE_TASKS = [
    "Tổ chức đại hội đảng bộ nhiệm kỳ 2020-2025",
    "Xây dựng mô hình “Dân vận khéo” về bê tông hóa đường nội thôn",
    "Vận động nhân dân không tảo hôn, không kết hôn cận huyết thống",
    "Tổ chức Ngày hội Đại đoàn kết ở các thôn",
]


def _d(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


def _body(name: str, area: Area, **fields: Any) -> Body:
    found = Body.objects.filter(name=name, area=area).first()
    if found is not None:
        return found
    return units.create_body(actor=system_actor(), name=name, area=area, **fields)


def _document(
    area: Area, body: Body, symbol: str, on: dt.date, title: str, kind: str
) -> Document:
    """The register's document (the documents demo entered it), else entered."""
    found = (
        Document.objects.filter(area=area, issued_on=on, kind=kind)
        .filter(issuer_body=body)
        .first()
    )
    if found is not None:
        return found
    return documents.register_document(
        actor=system_actor(),
        area=area,
        symbol_text=symbol,
        issued_on=on,
        title=title,
        kind=kind,
        issuer_body=body,
        accept_warning=True,
    )


def _targets(
    plan: Plan,
    group: PlanGroup,
    rows: Sequence[Row],
    *,
    responsible: Body | None,
    serves: dict[int, Target] | None = None,
) -> list[Target]:
    made = []
    for i, (name, unit, baseline, value, direction, achieved) in enumerate(rows):
        target = services.add_target(
            actor=system_actor(),
            plan=plan,
            group=group,
            name=name,
            unit=unit,
            baseline=None if baseline is None else _d(baseline),
            target_value=_d(value),
            direction=direction,
            due_year=plan.ends_year,
            responsible_body=responsible,
            serves=(serves or {}).get(i),
        )
        made.append(target)
        if achieved is not None:
            services.record_progress(
                actor=system_actor(),
                target=target,
                period_type="year",
                period_year=plan.ends_year,
                achieved=_d(achieved),
                note="Số liệu báo cáo tổng kết năm (dữ liệu minh họa).",
            )
    return made


def _tasks(
    plan: Plan, group: PlanGroup, titles: list[str], owners: list[Body], year: int
) -> None:
    for i, title in enumerate(titles):
        task = services.add_task(
            actor=system_actor(),
            plan=plan,
            group=group,
            title=title,
            owner_body=owners[i % len(owners)],
            due_on=D(year, 3 + (i * 5) % 10, 28),
        )
        # Most were done in the year; a few still under way or dropped.
        status = (DONE, DONE, DONE, IN_PROGRESS, DONE, DONE, CANCELLED)[i % 7]
        on = D(year, 3 + (i * 5) % 10, 20)
        note = "Đã triển khai theo kế hoạch." if status == DONE else ""
        if status == IN_PROGRESS:
            note = "Đang triển khai, chuyển sang năm sau."
        elif status == CANCELLED:
            note = "Không thực hiện do dịch Covid-19."
        services.set_task_status(
            actor=system_actor(), task=task, status=status, on=on, note=note
        )


@transaction.atomic
def load_demo() -> None:
    """Create the demo plans once; nothing when the demo units are missing."""
    yen_bai = Area.objects.resolve("15", BEFORE)
    tu = Body.objects.filter(name="Tỉnh ủy Yên Bái", area=yen_bai).first()
    hu = Body.objects.filter(name="Huyện ủy Trạm Tấu").select_related("area").first()
    if tu is None or hu is None:
        logger.info("No demo units: the plans demo needs danvan.units.demo.")
        return
    district = hu.area
    k106 = _document(
        district,
        hu,
        "106-KH/HU",
        D(2020, 1, 3),
        "Thực hiện Chương trình hành động 190 của Tỉnh ủy Yên Bái về các chỉ "
        "tiêu, nhiệm vụ năm 2020",
        Document.Kind.PLAN,
    )
    if Plan.objects.filter(document=k106).exists():
        return
    ctr190 = _document(
        yen_bai,
        tu,
        "Chương trình hành động 190",
        D(2019, 12, 20),
        "Chương trình hành động thực hiện các chỉ tiêu, nhiệm vụ năm 2020",
        Document.Kind.ACTION_PROGRAMME,
    )
    actor = system_actor()
    province = Plan.objects.filter(document=ctr190).first() or services.create_plan(
        actor=actor,
        area=yen_bai,
        body=tu,
        document=ctr190,
        starts_year=2020,
    )
    first = province.groups.order_by("order")
    top = _targets(
        province, first[0], PROVINCE_TARGETS[:6], responsible=None
    ) + _targets(province, first[1], PROVINCE_TARGETS[6:7], responsible=None)
    top += _targets(province, first[2], PROVINCE_TARGETS[7:], responsible=None)

    bdv = Body.objects.filter(name="Ban Dân vận Huyện ủy Trạm Tấu").first() or hu
    front = _body(
        "Ủy ban MTTQ Việt Nam huyện Trạm Tấu",
        district,
        kind=Body.Kind.FRONT,
        valid_to=LAST_DAY,
    )
    ubnd = _body(
        "Ủy ban nhân dân huyện Trạm Tấu",
        district,
        kind=Body.Kind.PEOPLES_COMMITTEE,
        abbreviation="UBND",
        valid_to=LAST_DAY,
    )
    plan = services.create_plan(
        actor=actor,
        area=district,
        body=hu,
        document=k106,
        starts_year=2020,
        parent=province,
    )
    groups = list(plan.groups.order_by("order"))
    economy = _targets(
        plan,
        groups[0],
        ECONOMY,
        responsible=ubnd,
        serves={i: top[j] for i, j in SERVES["economy"].items()},
    )
    _targets(
        plan,
        groups[1],
        DEFENCE_TARGETS,
        responsible=ubnd,
        serves={i: top[j] for i, j in SERVES["defence"].items()},
    )
    _tasks(plan, groups[1], DEFENCE_TASKS, [ubnd, hu], 2020)
    _tasks(plan, groups[2], PARTY_TASKS, [hu, bdv], 2020)
    _tasks(plan, groups[3], FRONT_TASKS, [front], 2020)

    for k, (code, name, body_name, symbol) in enumerate(COMMUNES):
        commune = Area.objects.resolve(code, BEFORE)
        committee = _body(
            body_name,
            commune,
            kind=Body.Kind.PARTY_COMMITTEE,
            abbreviation="ĐU",
            parent=hu,
            valid_to=LAST_DAY,
        )
        document = _document(
            commune,
            committee,
            symbol,
            D(2020, 1, 15 + k),
            f"Thực hiện Kế hoạch số 106-KH/HU của Huyện ủy Trạm Tấu về các chỉ "
            f"tiêu, nhiệm vụ năm 2020 của {name}",
            Document.Kind.PLAN,
        )
        below = services.create_plan(
            actor=actor,
            area=commune,
            body=committee,
            document=document,
            starts_year=2020,
            parent=plan,
        )
        group = below.groups.order_by("order").first()
        assert group is not None
        rows: list[Row] = [
            (
                label,
                unit,
                None,
                values[k],
                ECONOMY[index][4],
                achieved[k],
            )
            for index, label, unit, values, achieved in COMMUNE_TARGETS
        ]
        _targets(
            below,
            group,
            rows,
            responsible=committee,
            serves={i: economy[row[0]] for i, row in enumerate(COMMUNE_TARGETS)},
        )
        party = below.groups.order_by("order")[2]
        _tasks(below, party, COMMUNE_TASKS, [committee], 2020)
    # A half-year report of the district, as the reports of July write it.
    for target in economy[:10]:
        services.record_progress(
            actor=actor,
            target=target,
            period_type="6m",
            period_year=2020,
            achieved=(target.target_value * Decimal("0.55")).quantize(Decimal(1)),
            verdict_text="đạt trên 50% kế hoạch năm",
        )
