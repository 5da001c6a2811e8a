"""Demo figures: the quarterly "Báo cáo công tác dân vận" of the communes of
tỉnh Lào Cai, from quarter III/2025 (the first of the new communes) to today.

The form (``bc-dan-van-quy``) belongs to the Ban Tuyên giáo và Dân vận Tỉnh
ủy Lào Cai and is reported by the Party committee of every commune and ward of
the province; 17 indicators of the seeded catalogue in four sections, two
rules that block and one that warns. The units demo has Đảng ủy bodies for two
new communes (xã Trạm Tấu, xã Hạnh Phúc); this one adds those of the others
(from 01/07/2025).

Every past quarter is entered through the values service and submitted and
judged through the approval services: most reports accepted on time, some
late, some missing, some returned with a note, the last quarter's partly
waiting for the province's decision (``tinh.laocai``). The quarter under way
is open: xã Trạm Tấu (``xa.tramtau``) has yet to enter and submit it.

The dates a report was sent and judged are set afterwards to the days they
stand for (the services stamp the moment they run). Idempotent, and the
figures are the same at every load (drawn from the commune's code).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from danvan.accounts.models import User
from danvan.common.actors import system_actor
from danvan.datasets import periods as cutoffs
from danvan.datasets.kept import FIGURES
from danvan.datasets.models import Indicator, Period, ReportForm, Submission
from danvan.datasets.services import approval, catalogue, values
from danvan.datasets.services.submissions import open_submission
from danvan.units import services as units
from danvan.units.models import Area, Body

if TYPE_CHECKING:
    from collections.abc import Callable

logger = logging.getLogger(__name__)

CODE = "bc-dan-van-quy"
NAME = "Báo cáo công tác dân vận"
REFORM = dt.date(2025, 7, 1)
FIRST = (2025, 3)  # quarter III/2025

SECTIONS: list[tuple[str, list[tuple[str, bool]]]] = [
    (
        "I. Công tác lãnh đạo, chỉ đạo và tuyên truyền",
        [
            ("VAN_BAN_CHI_DAO", False),
            ("HOI_NGHI_GIAO_BAN", False),
            ("TUYEN_TRUYEN_BUOI", False),
            ("TAP_HUAN_LOP", False),
        ],
    ),
    (
        "II. Phong trào thi đua “Dân vận khéo”",
        [
            ("DVK_MH_DANG_KY", True),
            ("DVK_MH_HIEU_QUA", False),
            ("DVK_MH_CONG_NHAN", False),
            ("DVK_KHEN_THUONG", False),
        ],
    ),
    (
        "III. Tiếp xúc, đối thoại và giải quyết đơn thư",
        [
            ("DT_SO_CUOC", True),
            ("DT_Y_KIEN", False),
            ("DT_Y_KIEN_TRA_LOI", False),
            ("DON_NHAN", False),
            ("DON_GIAI_QUYET", False),
        ],
    ),
    (
        "IV. Tình hình Nhân dân và huy động nguồn lực",
        [
            ("DIEM_NONG", False),
            ("TINH_HINH_ON_DINH", False),
            ("TIEN_HUY_DONG", False),
            ("NGAY_CONG", False),
        ],
    ),
]

RULES = [
    (
        "Mô hình hiệu quả không quá số đăng ký",
        "DVK_MH_HIEU_QUA",
        "<=",
        "DVK_MH_DANG_KY",
        "blocking",
        "Số mô hình “Dân vận khéo” hiệu quả không được lớn hơn số mô hình đăng ký.",
    ),
    (
        "Ý kiến được trả lời không quá số ý kiến",
        "DT_Y_KIEN_TRA_LOI",
        "<=",
        "DT_Y_KIEN",
        "blocking",
        "Số ý kiến được trả lời, giải quyết không được lớn hơn số ý kiến nêu ra.",
    ),
    (
        "Đơn đã giải quyết không quá số đơn nhận",
        "DON_GIAI_QUYET",
        "<=",
        "DON_NHAN",
        "warning",
        "Số đơn đã giải quyết lớn hơn số đơn nhận trong kỳ: "
        "kiểm tra lại đơn tồn kỳ trước.",
    ),
]

RETURN_NOTES = [
    "Số mô hình được công nhận chưa khớp với quyết định công nhận của Đảng ủy; "
    "đề nghị rà soát, bổ sung.",
    "Thiếu số ý kiến, kiến nghị nêu tại các buổi đối thoại; đề nghị bổ sung.",
    "Số tiền vận động chưa tách phần đóng góp của doanh nghiệp; đề nghị làm rõ.",
]

# The communes that report in the demo: xã Trạm Tấu, xã Hạnh Phúc (entered by
# their demo accounts, every indicator) and others (the indicators the rules
# and the sums read).
FEATURED = ("04591", "04585")
COMMUNES = 20
SHORT = (
    "DVK_MH_DANG_KY",
    "DVK_MH_HIEU_QUA",
    "DT_SO_CUOC",
    "DT_Y_KIEN",
    "DT_Y_KIEN_TRA_LOI",
    "TIEN_HUY_DONG",
)

# What becomes of each commune's report in a past quarter, by a number 0–99
# drawn from the commune and the quarter.
ACCEPTED_LATE, RETURNED, WAITING, DRAFT, MISSING = range(5)


def _draw(*parts: object) -> int:
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:4], "big")


def _fate(commune: str, quarter: tuple[int, int], last: bool) -> int | None:
    """None: accepted on time; otherwise one of the fates above."""
    n = _draw("fate", commune, *quarter) % 100
    if n < 70:
        return None
    if n < 80:
        return ACCEPTED_LATE
    if n < 85:
        return RETURNED
    if n < 92 and last:
        return WAITING
    if n < 95:
        return DRAFT
    return MISSING


def _typed(code: str, commune: str, quarter: tuple[int, int]) -> str:
    """The value typed for one indicator, the Vietnamese way."""
    r = _draw(code, commune, *quarter)
    registered = 2 + r % 6
    if code == "DVK_MH_DANG_KY":
        return str(registered)
    if code == "DVK_MH_HIEU_QUA":
        return str(2 + _draw("DVK_MH_DANG_KY", commune, *quarter) % 6 - r % 2)
    if code == "DVK_MH_CONG_NHAN":
        return str(r % 3)
    if code == "DT_Y_KIEN":
        return str(10 + r % 40)
    if code == "DT_Y_KIEN_TRA_LOI":
        asked = 10 + _draw("DT_Y_KIEN", commune, *quarter) % 40
        return str(asked - r % 5)
    if code == "DON_GIAI_QUYET":
        received = 3 + _draw("DON_NHAN", commune, *quarter) % 12
        return str(received - r % 3)
    if code == "DON_NHAN":
        return str(3 + r % 12)
    if code == "TINH_HINH_ON_DINH":
        return "không" if r % 23 == 0 else "có"
    if code == "TIEN_HUY_DONG":
        millions = 20 + r % 400
        return f"{millions * 1_000_000:,}".replace(",", ".")
    if code == "NGAY_CONG":
        return f"{200 + r % 2500:,}".replace(",", ".")
    if code == "DIEM_NONG":
        return "1" if r % 17 == 0 else "0"
    return str(1 + r % 8)


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _quarters(today: dt.date) -> list[tuple[int, int]]:
    """Quarter III/2025 up to the quarter under way, oldest first."""
    current = (today.year, (today.month - 1) // 3 + 1)
    found = []
    year, number = FIRST
    while (year, number) <= current:
        found.append((year, number))
        year, number = (year + 1, 1) if number == 4 else (year, number + 1)
    return found


def _committees(province: Area) -> list[Body]:
    """The Party committee of every commune of the province from the reform,
    made where the units demo has none."""
    communes = list(
        Area.objects.filter(parent=province, level=Area.Level.COMMUNE)
        .in_force(REFORM)
        .order_by("code")
    )
    # Every report is written through the services (audited, checked): the
    # communes of the featured ones' region and enough others for the
    # province's completeness to read as it would, within a few seconds.
    featured = [c for c in communes if c.code in FEATURED]
    others = [c for c in communes if c.code not in FEATURED]
    communes = featured + others[: COMMUNES - len(featured)]
    have = set(
        Body.objects.filter(
            area__in=communes, kind=Body.Kind.PARTY_COMMITTEE
        ).values_list("area_id", flat=True)
    )
    for commune in communes:
        if commune.pk in have:
            continue
        label = f"{Area.PREFIX[Area.Kind(commune.kind)].lower()} {commune.name}"
        units.create_body(
            actor=system_actor(),
            name=f"Đảng ủy {label}",
            kind=Body.Kind.PARTY_COMMITTEE,
            area=commune,
            abbreviation="ĐU",
            valid_from=REFORM,
        )
    return list(
        Body.objects.filter(area__in=communes, kind=Body.Kind.PARTY_COMMITTEE)
        .select_related("area")
        .order_by("area__code")
    )


def _form(owner: Body, province: Area) -> ReportForm:
    actor = system_actor()
    form = catalogue.create_form(
        actor=actor,
        code=CODE,
        name=NAME,
        owner_body=owner,
        area=province,
        period_type="quarter",
        reporter_level=Area.Level.COMMUNE,
        reporter_kinds=[Body.Kind.PARTY_COMMITTEE],
        description=(
            "Báo cáo quý của Đảng ủy các xã, phường gửi Ban Tuyên giáo và Dân vận "
            "Tỉnh ủy (số liệu từ ngày 15 tháng cuối quý trước đến ngày 14 tháng "
            "cuối quý; hạn gửi 5 ngày sau)."
        ),
    )
    indicators = {
        i.code: i
        for i in Indicator.objects.filter(
            code__in=[code for _t, items in SECTIONS for code, _r in items]
        )
    }
    for title, items in SECTIONS:
        section = catalogue.add_section(actor=actor, form=form, title=title)
        for code, required in items:
            catalogue.add_indicator_to_form(
                actor=actor,
                form=form,
                indicator=indicators[code],
                section=section,
                required=required,
            )
    for name, left, operator, right, severity, message in RULES:
        catalogue.add_rule(
            actor=actor,
            form=form,
            name=name,
            left=left,
            operator=operator,
            right=right,
            severity=severity,
            message=message,
        )
    form.refresh_from_db()
    return form


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _report(
    *,
    form: ReportForm,
    period: Period,
    body: Body,
    quarter: tuple[int, int],
    fate: int | None,
    editor: Callable[[Body], User],
    approver: User,
    backdate: bool,
) -> None:
    code = body.area.code
    actor = editor(body)
    if fate == MISSING:
        return
    submission = open_submission(actor=actor, form=form, period=period, body=body)
    rows = [
        (item, "", _typed(item, code, quarter))
        for _t, items in SECTIONS
        for item, _r in items
        if code in FEATURED or item in SHORT
    ]
    values.save_values(actor=actor, submission=submission, rows=rows)
    if fate == DRAFT:
        return
    approval.submit(actor=actor, submission=submission)
    if not backdate:  # the quarter under way: sent today, waiting
        return
    due = submission.due_on
    r = _draw("days", code, *quarter)
    sent = due + dt.timedelta(days=2 + r % 9) if fate == ACCEPTED_LATE else due
    sent -= dt.timedelta(days=0 if fate == ACCEPTED_LATE else r % 5)
    decided = sent + dt.timedelta(days=1 + r % 4)
    if fate == WAITING:
        Submission.objects.filter(pk=submission.pk).update(
            submitted_at=_at(sent, 9 + r % 7)
        )
        return
    if fate == RETURNED:
        approval.return_(
            actor=approver,
            submission=submission,
            note=RETURN_NOTES[r % len(RETURN_NOTES)],
        )
    else:
        approval.accept(actor=approver, submission=submission)
    Submission.objects.filter(pk=submission.pk).update(
        submitted_at=_at(sent, 9 + r % 7), decided_at=_at(decided, 14)
    )


@transaction.atomic
def load_demo() -> None:
    """Create the demo form and its reports once; nothing without the units demo."""
    if ReportForm.objects.filter(code=CODE).exists():
        return
    owner = Body.objects.filter(
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy Lào Cai", valid_from=REFORM
    ).first()
    if owner is None or not Indicator.objects.filter(code="DT_SO_CUOC").exists():
        logger.info("No demo units: the figures demo needs danvan.units.demo.")
        return
    province = owner.area
    committees = _committees(province)
    form = _form(owner, province)
    system = system_actor()
    approver = _user("tinh.laocai") or system
    editors = {
        "04591": _user("xa.tramtau"),  # xã Trạm Tấu
        "04585": _user("xa.hanhphuc"),  # xã Hạnh Phúc
    }

    def editor(body: Body) -> User:
        return editors.get(body.area.code) or system

    today = timezone.localdate()
    periods = {q: Period.objects.of("quarter", *q) for q in _quarters(today)}
    past = [q for q, p in periods.items() if cutoffs.due_on(form, p) < today]
    for quarter, period in periods.items():
        last_past = bool(past) and quarter == past[-1]
        for body in committees:
            code = body.area.code
            if quarter not in past:
                # The quarter under way: a third has sent it already; xã Trạm
                # Tấu has yet to enter it.
                if code == "04591" or _draw("now", code, *quarter) % 3:
                    continue
                fate: int | None = WAITING
            elif code == "04591":
                # xã Trạm Tấu: on time but once late; its last one returned.
                fate = RETURNED if last_past else None
                if quarter == (2025, 4):
                    fate = ACCEPTED_LATE
            elif code == "04585":
                # xã Hạnh Phúc: missed quarter IV/2025.
                fate = MISSING if quarter == (2025, 4) else None
            else:
                fate = _fate(code, quarter, last_past)
            _report(
                form=form,
                period=period,
                body=body,
                quarter=quarter,
                fate=fate,
                editor=editor,
                approver=approver,
                backdate=quarter in past,
            )
    # The dates were set by bulk updates, which send no signal.
    FIGURES.forget()
