"""Demo register of "Dân vận khéo" models, generated reproducibly (seeded).

For the demo provinces of ``danvan.units.demo``: tỉnh Lào Cai (the former tỉnh
Lào Cai and tỉnh Yên Bái) and tỉnh Ninh Bình (the former Ninh Bình, Hà Nam and
Nam Định). In 2024 and 2025 the models are registered, early in the year, by
the communes, districts and bodies of the former provinces; in the demo year
2026 by the new communes and the bodies in force. Every model goes through the
register's services: registration, acceptance by the level above (the
province's approver account where the rules allow it), progress updates,
evaluation with the year's rubric, commendation, replication of an earlier
model, continuation of last year's. Names, places and figures are composed
from the usual kinds of models and are illustrative; the units are real.

The same seed gives the same register (areas are read in path order, every
choice comes from one ``random.Random``); dates after today are moved to today.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from danvan.accounts.models import User
from danvan.common import audit
from danvan.common.actors import system_actor
from danvan.initiatives import rules, services
from danvan.initiatives.models import (
    EFFECTIVE_OR_BETTER,
    Classification,
    Commendation,
    Field,
    Initiative,
)
from danvan.units.models import Area, AreaSuccession, Body, BodySuccession

logger = logging.getLogger(__name__)

DEMO_SEED = 2026
DEMO_COUNT = 300
DEMO_YEAR = 2026
# Models of the earlier years, as a share of the demo year's.
EARLIER_YEARS = {2024: 0.5, 2025: 0.6}
D = dt.date
BEFORE = D(2025, 1, 1)  # the units in force before the reform
AFTER = D(2025, 7, 1)
Status = Initiative.Status

# Demo provinces: the new province's code, and the former ones' codes.
PROVINCES = {"15": ["10", "15"], "37": ["37", "35", "36"]}

# (field code, name pattern, problem, goals, content, beneficiaries, criterion).
# "{noi}" is the place: "xã Pá Lau", "phường Nghĩa Lộ"…
TEMPLATES: list[tuple[str, str, str, str, str, str, tuple[str, str, int]]] = [
    (
        "kinh-te",
        "Vận động nhân dân hiến đất làm đường giao thông nông thôn ở {noi}",
        "Đường liên thôn hẹp, lầy lội vào mùa mưa, hàng hóa khó vận chuyển.",
        "Mở rộng và bê tông hóa các tuyến đường liên thôn bằng sức dân và vốn hỗ trợ.",
        "Cấp ủy họp dân, đảng viên gương mẫu hiến đất trước; tổ dân vận đến từng hộ.",
        "Các hộ dân ven tuyến đường",
        ("Chiều dài đường được bê tông hóa", "km", 3),
    ),
    (
        "kinh-te",
        "Tổ hợp tác trồng quế hữu cơ {noi}",
        "Người dân trồng quế nhỏ lẻ, bán sản phẩm thô, giá thấp.",
        "Liên kết các hộ trồng quế theo tiêu chuẩn hữu cơ, bao tiêu sản phẩm.",
        "Hội Nông dân vận động hộ tham gia tổ hợp tác, tập huấn kỹ thuật, ký hợp đồng.",
        "Hộ trồng quế",
        ("Số hộ tham gia tổ hợp tác", "hộ", 40),
    ),
    (
        "kinh-te",
        "Dân vận khéo trong phát triển chăn nuôi trâu, bò hàng hóa ở {noi}",
        "Chăn thả rông, dịch bệnh, thu nhập từ chăn nuôi thấp.",
        "Chuyển sang nuôi nhốt, trồng cỏ, tiêm phòng đầy đủ.",
        "Cán bộ thú y, chi hội nông dân hướng dẫn từng hộ; vay vốn ưu đãi.",
        "Hộ chăn nuôi",
        ("Số hộ chuyển sang nuôi nhốt", "hộ", 60),
    ),
    (
        "kinh-te",
        "Giúp hộ nghèo thoát nghèo bền vững ở {noi}",
        "Tỷ lệ hộ nghèo còn cao, thiếu vốn và cách làm ăn.",
        "Mỗi tổ chức đoàn thể nhận giúp đỡ hộ nghèo, hộ cận nghèo.",
        "Đoàn thể nhận đỡ đầu, hỗ trợ giống, ngày công; theo dõi hằng quý.",
        "Hộ nghèo, hộ cận nghèo",
        ("Số hộ thoát nghèo", "hộ", 15),
    ),
    (
        "kinh-te",
        "Liên kết sản xuất lúa chất lượng cao ở {noi}",
        "Ruộng manh mún, giống lúa cũ, giá bán thấp.",
        "Dồn điền, đổi thửa, gieo cấy một giống lúa chất lượng cao trên cánh đồng lớn.",
        "Họp dân từng xứ đồng, hợp tác xã ký hợp đồng tiêu thụ với doanh nghiệp.",
        "Hộ trồng lúa",
        ("Diện tích cánh đồng lớn", "ha", 50),
    ),
    (
        "kinh-te",
        "Phát triển du lịch cộng đồng gắn với giữ gìn bản sắc ở {noi}",
        "Cảnh quan đẹp nhưng người dân chưa sống được bằng du lịch.",
        "Xây dựng các homestay, đội văn nghệ, sản phẩm du lịch của thôn, bản.",
        "Đoàn Thanh niên, Hội Phụ nữ vận động hộ làm homestay; tập huấn đón khách.",
        "Hộ làm du lịch, thanh niên",
        ("Số homestay đạt chuẩn", "cơ sở", 8),
    ),
    (
        "van-hoa-xa-hoi",
        "Xóa nhà tạm, nhà dột nát cho hộ khó khăn ở {noi}",
        "Nhiều hộ nghèo còn ở nhà tạm, dột nát.",
        "Không còn nhà tạm trên địa bàn trong năm.",
        "Mặt trận vận động nguồn lực xã hội hóa; thanh niên, dân quân góp ngày công.",
        "Hộ nghèo, gia đình chính sách",
        ("Số nhà được làm mới, sửa chữa", "nhà", 12),
    ),
    (
        "van-hoa-xa-hoi",
        "Phòng, chống tảo hôn và hôn nhân cận huyết thống ở {noi}",
        "Còn tình trạng tảo hôn trong đồng bào dân tộc thiểu số.",
        "Không để xảy ra tảo hôn; nâng hiểu biết pháp luật về hôn nhân.",
        "Tuyên truyền bằng tiếng dân tộc, cam kết của dòng họ, người có uy tín.",
        "Thanh thiếu niên, các gia đình",
        ("Số buổi tuyên truyền", "buổi", 24),
    ),
    (
        "van-hoa-xa-hoi",
        "Khu dân cư xanh - sạch - đẹp, phân loại rác tại nguồn ở {noi}",
        "Rác thải sinh hoạt đổ bừa bãi, ô nhiễm môi trường.",
        "Các hộ phân loại rác tại nguồn; đường làng có hoa, cây xanh.",
        "Chi hội phụ nữ nhận tự quản tuyến đường, mỗi tháng tổng vệ sinh một lần.",
        "Nhân dân khu dân cư",
        ("Số hộ phân loại rác tại nguồn", "hộ", 150),
    ),
    (
        "van-hoa-xa-hoi",
        "Không để học sinh bỏ học giữa chừng ở {noi}",
        "Học sinh dân tộc thiểu số bỏ học theo bố mẹ lên nương.",
        "Giữ vững sĩ số, huy động trẻ ra lớp đúng độ tuổi.",
        "Giáo viên, trưởng thôn, đoàn viên đến từng nhà vận động; bữa ăn bán trú.",
        "Học sinh và phụ huynh",
        ("Tỷ lệ học sinh ra lớp", "%", 100),
    ),
    (
        "van-hoa-xa-hoi",
        "Câu lạc bộ dân ca giữ gìn bản sắc văn hóa dân tộc ở {noi}",
        "Lớp trẻ ít biết các làn điệu dân ca của dân tộc mình.",
        "Duy trì câu lạc bộ, truyền dạy dân ca cho thanh thiếu niên.",
        "Nghệ nhân truyền dạy hằng tuần; biểu diễn trong các ngày lễ, hội.",
        "Thanh thiếu niên, người cao tuổi",
        ("Số thành viên câu lạc bộ", "người", 30),
    ),
    (
        "quoc-phong-an-ninh",
        "Tổ tự quản an ninh trật tự ở {noi}",
        "Trộm cắp vặt, mâu thuẫn trong nhân dân chưa được phát hiện sớm.",
        "Giữ vững an ninh trật tự, giải quyết mâu thuẫn ngay tại cơ sở.",
        "Mỗi tổ gồm trưởng thôn, công an viên, đoàn viên; tuần tra ban đêm.",
        "Nhân dân thôn, bản",
        ("Số vụ việc được hòa giải thành", "vụ", 10),
    ),
    (
        "quoc-phong-an-ninh",
        "Camera an ninh - mắt thần khu dân cư ở {noi}",
        "Các tuyến đường, ngã ba đông người qua lại thiếu giám sát.",
        "Lắp camera tại các điểm giao thông, nơi công cộng bằng sức dân.",
        "Mặt trận vận động các hộ, doanh nghiệp đóng góp; công an xã quản lý.",
        "Nhân dân khu dân cư",
        ("Số camera được lắp đặt", "chiếc", 20),
    ),
    (
        "quoc-phong-an-ninh",
        "Thôn, bản không có ma túy ở {noi}",
        "Nguy cơ ma túy xâm nhập từ các tuyến biên giới, người đi làm ăn xa về.",
        "Không có người nghiện mới; người sau cai được giúp đỡ việc làm.",
        "Dòng họ, gia đình cam kết; đoàn thể nhận giúp đỡ người sau cai nghiện.",
        "Thanh niên, gia đình",
        ("Số hộ ký cam kết", "hộ", 120),
    ),
    (
        "xay-dung-dang",
        "Đảng viên phụ trách hộ gia đình ở {noi}",
        "Chủ trương, chính sách chưa đến được từng hộ dân.",
        "Mỗi đảng viên phụ trách 5-10 hộ, nắm tình hình và giúp hộ làm ăn.",
        "Chi bộ phân công, đảng viên báo cáo tại sinh hoạt chi bộ hằng tháng.",
        "Các hộ gia đình",
        ("Số hộ được đảng viên phụ trách", "hộ", 200),
    ),
    (
        "xay-dung-dang",
        "Dân vận chính quyền trong giải quyết thủ tục hành chính ở {noi}",
        "Người dân phải đi lại nhiều lần, chưa hài lòng với bộ phận một cửa.",
        "Giải quyết đúng hạn, thân thiện; hướng dẫn làm thủ tục trực tuyến.",
        "Cán bộ một cửa trực cả ngày thứ bảy; đoàn viên hướng dẫn dịch vụ công.",
        "Người dân, doanh nghiệp",
        ("Tỷ lệ hồ sơ giải quyết đúng hạn", "%", 98),
    ),
    (
        "xay-dung-dang",
        "Cán bộ bám bản, gần dân ở {noi}",
        "Cán bộ ít xuống cơ sở, chưa nắm chắc tâm tư của dân.",
        "Mỗi cán bộ phụ trách một thôn, bản; xuống cơ sở ít nhất 4 ngày mỗi tháng.",
        "Ghi sổ nhật ký bám bản; đối thoại với dân hằng quý.",
        "Nhân dân thôn, bản",
        ("Số buổi đối thoại với dân", "buổi", 12),
    ),
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Giàng", "Lò", "Sùng"]
GIVEN = ["Văn Hùng", "Thị Lan", "Văn Minh", "Thị Hoa", "A Sử", "Thị Mai", "Văn Nam"]
PARTNERS = [
    "Mặt trận Tổ quốc, Hội Phụ nữ, Đoàn Thanh niên",
    "Hội Nông dân, Hội Cựu chiến binh",
    "Công an xã, Ban Chỉ huy quân sự xã",
    "Trường học, Trạm y tế",
]
LEADS = ["Ban Dân vận", "Ủy ban MTTQ", "Hội Phụ nữ", "Hội Nông dân", "Đoàn Thanh niên"]
# Classification of the earlier years (the demo year has half of its models
# still to be judged).
CLASSES = [
    (Classification.NOT_ACHIEVED, 0.08),
    (Classification.ACHIEVED, 0.32),
    (Classification.EFFECTIVE, 0.42),
    (Classification.EXEMPLARY, 0.18),
]
SCORES = {
    Classification.NOT_ACHIEVED: (3.0, 4.8),
    Classification.ACHIEVED: (5.2, 6.8),
    Classification.EFFECTIVE: (7.2, 8.8),
    Classification.EXEMPLARY: (9.1, 10.0),
}


@dataclass(frozen=True)
class DemoResult:
    """What the generator made."""

    models: int
    evaluations: int
    commendations: int
    replications: int

    def __str__(self) -> str:
        return (
            f"Demo register: {self.models} models, {self.evaluations} evaluations, "
            f"{self.commendations} commendations, {self.replications} replications."
        )


@dataclass
class Unit:
    """A registering unit: an area, with a body or not."""

    area: Area
    body: Body | None
    weight: float


def _place(area: Area) -> str:
    return f"{Area.PREFIX[Area.Kind(area.kind)].lower()} {area.name}"


def _pick(rng: random.Random, weights: list[tuple[Any, float]]) -> Any:
    x = rng.random() * sum(w for _value, w in weights)
    for value, w in weights:
        x -= w
        if x <= 0:
            return value
    return weights[-1][0]


def _units(rng: random.Random, province: Area, on: dt.date) -> list[Unit]:
    """The units that register in ``province`` on ``on``, each with a weight.

    Most communes register one or two models, some many, a few none; bodies
    and districts now and then.
    """
    areas = list(
        Area.objects.in_force(on)
        .filter(level__in=[Area.Level.COMMUNE, Area.Level.DISTRICT])
        .subtree(province.path)
        .order_by("path")
    )
    units = []
    for area in areas:
        if area.level == Area.Level.DISTRICT:
            units.append(Unit(area, None, 0.6))
            continue
        activity = rng.choice([0, 0.6, 1, 1, 1, 1.5, 2, 3]) * rng.uniform(0.7, 1.3)
        if area.code in ("04591", "04585"):  # the demo communes: busy ones
            activity = 6 if area.code == "04591" else 3
        units.append(Unit(area, None, activity))
    bodies = list(
        Body.objects.in_force(on)
        .filter(area__path__startswith=province.path)
        .select_related("area")
        .order_by("path")
    )
    units += [Unit(b.area, b, 1.5) for b in bodies]
    units.append(Unit(province, None, 2))
    return [u for u in units if u.weight > 0]


def _approvers() -> dict[str, User]:
    return {
        u.username: u
        for u in User.objects.filter(username__in=["tinh.laocai", "tinh.ninhbinh"])
    }


def _rubric(year: int) -> None:
    if services.rubric_for(year=year, level="") is None:
        services.create_standard_rubric(actor=system_actor(), year=year)


def _aware(day: dt.date, rng: random.Random) -> dt.datetime:
    moment = dt.datetime.combine(day, dt.time(rng.randrange(7, 17), rng.randrange(60)))
    return timezone.make_aware(moment)


def _reviewer(initiative: Initiative, approver: User | None) -> User:
    """The province's approver when the rules let them judge, else the system."""
    if approver is not None and rules.may_review(approver, initiative):
        return approver
    return system_actor()


class _Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.today = timezone.localdate()
        self.fields = {f.code: f for f in Field.objects.order_by("code")}
        self.approvers = _approvers()
        self.heirs = dict(
            AreaSuccession.objects.filter(primary=True).values_list(
                "predecessor_id", "successor_id"
            )
        )
        self.body_heirs = dict(
            BodySuccession.objects.filter(primary=True).values_list(
                "predecessor_id", "successor_id"
            )
        )
        self.made: list[Initiative] = []
        self.by_unit: dict[tuple[int, int | None], list[Initiative]] = {}
        self.evaluations = 0
        self.commendations = 0
        self.replications = 0

    def key(self, area_id: int, body_id: int | None) -> tuple[int, int | None]:
        """A unit as it is today: a former commune is the commune it merged into,
        so the new commune continues the models of the communes it took over."""
        if body_id is not None:
            return (0, self.body_heirs.get(body_id, body_id))
        return (self.heirs.get(area_id, area_id), None)

    def day(self, day: dt.date) -> dt.date:
        return min(day, self.today)

    def register(self, unit: Unit, year: int, approver: User | None) -> None:
        rng = self.rng
        template = rng.choice(TEMPLATES)
        field_code, pattern, problem, goals, content, people, criterion = template
        place = _place(unit.area)
        key = self.key(unit.area.pk, unit.body.pk if unit.body else None)
        earlier = [m for m in self.by_unit.get(key, []) if m.year < year]
        previous = None
        if earlier and rng.random() < 0.3:
            previous = earlier[-1]
        origin = None
        candidates = [
            m
            for m in self.made
            if m.year < year
            and m.classification in EFFECTIVE_OR_BETTER
            and m.area_id != unit.area.pk
        ]
        if previous is None and candidates and rng.random() < 0.12:
            origin = rng.choice(candidates[-200:])
        if previous is not None:
            name, field = previous.name, previous.field
        elif origin is not None:
            base = origin.name.split(" ở ")[0]
            name, field = f"{base} ở {place}", origin.field
        else:
            name, field = pattern.format(noi=place), self.fields[field_code]
        start = D(year, rng.randrange(1, 4), rng.randrange(1, 28))
        money = rng.randrange(2, 120) * 5_000_000
        status = Status.ACCEPTED
        if year == DEMO_YEAR:
            status = _pick(
                rng,
                [
                    (Status.ACCEPTED, 0.88),
                    (Status.SUBMITTED, 0.06),
                    (Status.RETURNED, 0.02),
                    (Status.DRAFT, 0.04),
                ],
            )
        person = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
        initiative = services.create_initiative(
            actor=system_actor(),
            area=unit.area,
            body=unit.body,
            field=field,
            name=name,
            year=year,
            status=status,
            kind=Initiative.Kind.COLLECTIVE
            if rng.random() < 0.85
            else Initiative.Kind.INDIVIDUAL,
            problem=problem,
            goals=goals,
            content=content,
            place=place[0].upper() + place[1:],
            beneficiaries=people,
            lead_forces=rng.choice(LEADS),
            partner_forces=rng.choice(PARTNERS),
            money_vnd=money,
            working_days=rng.randrange(50, 3000),
            socialized_vnd=rng.randrange(0, 40) * 5_000_000,
            start_date=start,
            end_date=D(year, 12, 15),
            person_in_charge=person,
            previous=previous,
            adopted_from=origin,
            criteria=[
                {
                    "name": criterion[0],
                    "unit": criterion[1],
                    "target": Decimal(criterion[2]),
                }
            ],
        )
        if origin is not None:
            self.replications += 1
        submitted = _aware(self.day(start - dt.timedelta(days=20)), rng)
        stamps: dict[str, Any] = {"created_at": submitted}
        if status != Status.DRAFT:
            stamps["submitted_at"] = submitted
        if status in (Status.ACCEPTED, Status.RETURNED):
            stamps["reviewed_at"] = submitted + dt.timedelta(days=rng.randrange(3, 15))
            stamps["reviewed_by"] = approver
        if status == Status.RETURNED:
            stamps["review_note"] = "Đề nghị bổ sung tiêu chí đo đếm được."
        # Back-dated as if it had happened then; the log says it was the demo.
        audit.update_all(
            Initiative.objects.filter(pk=initiative.pk),
            actor=system_actor(),
            **stamps,
        )
        if status != Status.ACCEPTED:
            return
        self.follow(initiative, year, approver, criterion)
        initiative.refresh_from_db()
        self.made.append(initiative)
        self.by_unit.setdefault(key, []).append(initiative)

    def follow(
        self,
        initiative: Initiative,
        year: int,
        approver: User | None,
        criterion: tuple[str, str, int],
    ) -> None:
        """Progress updates, an evaluation, maybe a commendation and a closing."""
        rng = self.rng
        target = criterion[2]
        pk = initiative.criteria.values_list("pk", flat=True).first()
        assert initiative.start_date is not None  # ``register`` always sets it
        for month in (6, 10)[: _pick(rng, [(0, 0.3), (1, 0.5), (2, 0.2)])]:
            day = self.day(D(year, month, rng.randrange(1, 28)))
            if day < initiative.start_date:
                continue
            services.add_progress_update(
                actor=system_actor(),
                initiative=initiative,
                date=day,
                text="Kết quả thực hiện theo kế hoạch.",
                money_vnd=rng.randrange(1, 60) * 5_000_000,
                working_days=rng.randrange(20, 1500),
                people_reached=rng.randrange(30, 900),
                results={pk: round(target * rng.uniform(0.4, 1.2), 1)} if pk else None,
            )
        if year == DEMO_YEAR and rng.random() < 0.5:
            return  # not judged yet
        classification = _pick(rng, CLASSES)
        low, high = SCORES[classification]
        rubric = services.rubric_for(year=year, level=initiative.level)
        assert rubric is not None
        scores = {
            c.pk: Decimal(
                str(round(rng.uniform(low, high) * float(c.max_score) / 10, 1))
            )
            for c in rubric.criteria.all()
        }
        evaluated_on = self.day(D(year, 11, rng.randrange(5, 28)))
        reviewer = _reviewer(initiative, approver)
        evaluation = services.evaluate_initiative(
            actor=reviewer,
            initiative=initiative,
            scores=scores,
            evaluated_on=evaluated_on,
            comment="Bình xét cuối năm.",
        )
        self.evaluations += 1
        if evaluation.classification in EFFECTIVE_OR_BETTER and rng.random() < (
            0.45 if evaluation.classification == "dien_hinh" else 0.12
        ):
            form, level = _pick(
                rng,
                [
                    ((Commendation.Form.CERTIFICATE, "commune"), 0.45),
                    ((Commendation.Form.DIPLOMA, "province"), 0.35),
                    ((Commendation.Form.PRAISE, "province"), 0.2),
                ],
            )
            services.commend_initiative(
                actor=reviewer,
                initiative=initiative,
                level=level,
                form=form,
                decided_on=self.day(D(year, 12, rng.randrange(10, 28))),
                body_name="Ủy ban nhân dân tỉnh"
                if level == "province"
                else "Ủy ban nhân dân xã",
                decision_number=f"{rng.randrange(100, 3000)}/QĐ-UBND",
            )
            self.commendations += 1
        if year < DEMO_YEAR:
            services.close_initiative(
                actor=system_actor(),
                initiative=initiative,
                status=Status.STOPPED
                if evaluation.classification == Classification.NOT_ACHIEVED
                else Status.COMPLETED,
            )


def _demo_provinces() -> list[tuple[Area, list[Area], User | None]] | None:
    approvers = _approvers()
    if not approvers:
        return None
    found = []
    for code, old_codes in PROVINCES.items():
        province = Area.objects.filter(code=code).in_force(AFTER).first()
        if province is None:
            return None
        old = list(Area.objects.in_force(BEFORE).filter(code__in=old_codes))
        user = approvers.get("tinh.laocai" if code == "15" else "tinh.ninhbinh")
        found.append((province, sorted(old, key=lambda a: a.path), user))
    return found


@transaction.atomic
def generate_demo(
    *, seed: int = DEMO_SEED, count: int = DEMO_COUNT
) -> DemoResult | None:
    """Generate the demo register once; None without the demo units or when the
    demo provinces already have models."""
    provinces = _demo_provinces()
    if provinces is None:
        logger.info("No demo units: the models demo needs danvan.units.demo.")
        return None
    paths = [p.path for p, _old, _user in provinces]
    if Initiative.objects.in_lineage_of(*paths).exists():
        return None
    gen = _Generator(seed)
    for year in sorted(EARLIER_YEARS):
        _rubric(year)
    _rubric(DEMO_YEAR)
    plan: list[tuple[int, int]] = [
        (year, round(count * share)) for year, share in sorted(EARLIER_YEARS.items())
    ]
    plan.append((DEMO_YEAR, count))
    for year, total in plan:
        on = BEFORE if year <= 2025 else AFTER
        pools = []
        for province, old, user in provinces:
            units: list[Unit] = []
            if on == BEFORE:
                for area in old:
                    units += _units(gen.rng, area, on)
            else:
                units = _units(gen.rng, province, on)
            pools.append((units, user))
        # Lào Cai (with Yên Bái) and Ninh Bình share the models about evenly.
        for i in range(total):
            units, user = pools[i % len(pools)]
            unit = _pick(gen.rng, [(u, u.weight) for u in units])
            gen.register(unit, year, user)
    return DemoResult(
        models=Initiative.objects.in_lineage_of(*paths).count(),
        evaluations=gen.evaluations,
        commendations=gen.commendations,
        replications=gen.replications,
    )


def load_demo() -> None:
    """The demo register (seed 2026, 300 models in 2026 and the two years before)."""
    result = generate_demo()
    if result is not None:
        logger.info("%s", result)
