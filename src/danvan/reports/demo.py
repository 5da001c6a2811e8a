"""Demo reports: the periodic "Báo cáo kết quả thực hiện công tác dân vận" of
tỉnh Lào Cai and its communes.

Three report types of the Ban Tuyên giáo và Dân vận Tỉnh ủy Lào Cai, with the
figures form of the datasets demo (``bc-dan-van-quy``):

- the communes' quarterly report, written by the Đảng ủy of every commune;
- the province's quarterly report, written by the Tỉnh ủy, which merges the
  communes' reports sent up;
- the province's year report (tổng kết), written by the Ban Tuyên giáo và
  Dân vận.

The communes' reports of the past quarters are in every state: xã Trạm Tấu
and xã Hạnh Phúc wrote each quarter since the 2025 reform (xã Hạnh Phúc
missed one), and for the last two quarters past their deadline the other
communes of the figures demo sent theirs, or had them approved and not yet
sent, submitted, returned, or sent nothing. The quarter under way is open
for xã Trạm Tấu (``xa.tramtau``), its approver being ``duyet.tramtau``; the
province's report of the last quarter is open for the Tỉnh ủy, beside the
communes' reports sent.

Every report is opened (with the system's draft), submitted, approved
(numbered in the register, its DOCX attached), sent and returned through
the services; xã Trạm Tấu's last report sent is the paper of its next giao ban
(the meetings demo's); the dates are then set to the days they stand for. Idempotent;
acting as the system actor where no demo officer does the step.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time

from django.db import transaction
from django.utils import timezone

from danvan.accounts.models import Membership, User
from danvan.common.actors import system_actor
from danvan.datasets.models import Period, ReportForm
from danvan.reports import schedule
from danvan.reports.kept import FIGURES
from danvan.reports.models import Report, ReportType
from danvan.reports.services import reports
from danvan.units.models import Area, Body

logger = logging.getLogger(__name__)

REFORM = dt.date(2025, 7, 1)
FIRST = (2025, 3)  # quarter III/2025, the first of the new communes
FORM = "bc-dan-van-quy"
COMMUNES = "bc-dan-van-quy-xa"
PROVINCE = "bc-dan-van-quy-tinh"
YEAR = "bc-dan-van-nam-tinh"
TRAM_TAU, HANH_PHUC = "04591", "04585"
# Other communes whose reports of the last two past quarters are written.
OTHERS = 10

SENT, APPROVED, SUBMITTED, RETURNED, MISSING = (
    Report.Status.SENT,
    Report.Status.APPROVED,
    Report.Status.SUBMITTED,
    Report.Status.RETURNED,
    "missing",
)
RETURN_NOTES = [
    "Phần kết quả chưa nêu số mô hình “Dân vận khéo” được công nhận trong quý; "
    "đề nghị bổ sung.",
    "Số liệu phụ lục chưa khớp với biểu số liệu đã gửi; đề nghị rà soát lại.",
    "Phần phương hướng còn chung chung; đề nghị nêu rõ nhiệm vụ trọng tâm quý tới.",
]
WRITTEN = {
    "situation": (
        "<p>Tình hình Nhân dân trên địa bàn cơ bản ổn định; Nhân dân tin tưởng vào "
        "sự lãnh đạo của Đảng, quản lý của chính quyền. Một số hộ còn băn khoăn về "
        "tiến độ hỗ trợ nhà ở theo chương trình mục tiêu quốc gia.</p>"
    ),
    "proposals": (
        "<p>Đề nghị Ban Tuyên giáo và Dân vận Tỉnh ủy tiếp tục mở lớp tập huấn "
        "nghiệp vụ công tác dân vận cho cán bộ cấp xã.</p>"
    ),
}


def _draw(*parts: object) -> int:
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:4], "big")


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _body(name: str) -> Body | None:
    return Body.objects.filter(name=name).in_force(REFORM).first()


def _ensure_term(body: Body) -> None:
    """The Party term the register numbers in, unless another demo has it."""
    from danvan.documents.services import add_term, term_for

    if term_for(body, REFORM) is None:
        add_term(
            actor=system_actor(),
            body=body,
            name="Nhiệm kỳ 2025–2030",
            starts_on=REFORM,
        )


def _approver(tram_tau: Area) -> User:
    """``duyet.tramtau``, approver of xã Trạm Tấu (made by the units demo;
    here when the units demo ran before it knew the account)."""
    found = _user("duyet.tramtau")
    if found is not None:
        return found
    from danvan.units.demo import _account

    _account("duyet.tramtau", "Vàng Văn Duyệt", tram_tau, Membership.Role.APPROVER)
    return User.objects.get(username="duyet.tramtau")


def _types(
    board: Body, committee: Body, form: ReportForm | None
) -> dict[str, ReportType]:
    from danvan.reports.services.types import create_report_type

    actor = system_actor()
    province = committee.area
    forms = [form] if form is not None else []
    made = {}
    for code, name, period_type, level, kinds, writer, capacity, title, to in (
        (
            COMMUNES,
            "Báo cáo quý công tác dân vận của Đảng ủy các xã, phường",
            "quarter",
            Area.Level.COMMUNE,
            [Body.Kind.PARTY_COMMITTEE],
            "",
            "T/M BAN THƯỜNG VỤ",
            "BÍ THƯ",
            "- Ban Tuyên giáo và Dân vận Tỉnh ủy,\n- Lưu Văn phòng Đảng ủy.",
        ),
        (
            PROVINCE,
            "Báo cáo quý công tác dân vận của Tỉnh ủy Lào Cai",
            "quarter",
            Area.Level.PROVINCE,
            [Body.Kind.PARTY_COMMITTEE],
            "",
            "T/M BAN THƯỜNG VỤ",
            "PHÓ BÍ THƯ",
            "- Ban Dân vận Trung ương,\n- Các đồng chí Tỉnh ủy viên,\n"
            "- Lưu Văn phòng Tỉnh ủy.",
        ),
        (
            YEAR,
            "Báo cáo tổng kết công tác dân vận năm của tỉnh Lào Cai",
            "year",
            Area.Level.PROVINCE,
            [Body.Kind.PARTY_BOARD],
            "Tuyên giáo và Dân vận",
            "K/T TRƯỞNG BAN",
            "PHÓ TRƯỞNG BAN",
            "- Ban Dân vận Trung ương,\n- Thường trực Tỉnh ủy,\n- Lưu VT.",
        ),
    ):
        found = ReportType.objects.filter(code=code).first()
        if found is None:
            found = create_report_type(
                actor=actor,
                code=code,
                name=name,
                period_type=period_type,
                owner_body=board,
                area=province,
                reporter_level=level,
                reporter_kinds=kinds,
                reporter_name=writer,
                signer_capacity=capacity,
                signer_title=title,
                recipients=to,
                forms=forms,
            )
        made[code] = found
    return made


def _quarters(today: dt.date) -> list[tuple[int, int]]:
    """Quarter III/2025 up to the quarter under way, oldest first."""
    current = (today.year, (today.month - 1) // 3 + 1)
    found = []
    year, number = FIRST
    while (year, number) <= current:
        found.append((year, number))
        year, number = (year + 1, 1) if number == 4 else (year, number + 1)
    return found


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


# The other communes' reports of the last past quarter, in turn, and of the
# quarter before it (approved and submitted ones were sent by then).
LAST = [SENT, SENT, APPROVED, SUBMITTED, RETURNED, MISSING, SENT, SUBMITTED]
BEFORE_LAST = [SENT, SENT, SENT, RETURNED, SENT, MISSING, SENT, SENT]


def _fate(code: str, quarter: tuple[int, int], last: bool, index: int) -> str:
    """What became of a commune's report of a past quarter (``index``: the
    commune's place among the others)."""
    if code == TRAM_TAU:
        return SENT
    if code == HANH_PHUC:
        if quarter == (2025, 4):
            return MISSING
        return RETURNED if last else SENT
    fates = LAST if last else BEFORE_LAST
    return fates[index % len(fates)]


def _write(
    *,
    report_type: ReportType,
    period: Period,
    body: Body,
    fate: str,
    writer: User,
    approver: User,
    above: User,
) -> Report | None:
    """Open the report and take it to ``fate``, backdated to its deadline."""
    if fate == MISSING:
        return None
    report = reports.open_report(
        actor=writer, report_type=report_type, period=period, body=body
    )
    if report.status != Report.Status.DRAFT:
        return report
    for section in report.sections.filter(key__in=WRITTEN):
        reports.save_section(
            actor=writer, section=section, text=WRITTEN[section.key], version=1
        )
    code = body.area.code
    r = _draw("days", code, period.pk)
    sent_on = report.due_on - dt.timedelta(days=r % 4)
    if r % 7 == 0:
        sent_on = report.due_on + dt.timedelta(days=2 + r % 5)  # late
    reports.submit(actor=writer, report=report)
    if fate in (SUBMITTED,):
        Report.objects.filter(pk=report.pk).update(submitted_at=_at(sent_on, 9))
        return report
    if fate == RETURNED and r % 2:
        # Returned by the unit's approver before it was approved.
        reports.return_(
            actor=approver, report=report, note=RETURN_NOTES[r % len(RETURN_NOTES)]
        )
        Report.objects.filter(pk=report.pk).update(submitted_at=_at(sent_on, 9))
        return report
    reports.approve(
        actor=approver,
        report=report,
        issued_on=sent_on,
        signer_name="",
    )
    stamps = {"submitted_at": _at(sent_on, 8), "approved_at": _at(sent_on, 10)}
    if fate != APPROVED:
        reports.send(actor=writer, report=report)
        stamps["sent_at"] = _at(sent_on, 15)
    if fate == RETURNED:
        # Sent, then returned by the level above.
        reports.return_(
            actor=above, report=report, note=RETURN_NOTES[r % len(RETURN_NOTES)]
        )
    Report.objects.filter(pk=report.pk).update(**stamps)
    return report


def _present(body: Body) -> None:
    """The commune's last report sent becomes the paper of its next giao ban
    (when the meetings demo has one)."""
    from danvan.meetings.models import Meeting

    report = Report.objects.filter(body=body, status=SENT).order_by("-span_end").first()
    if report is None or report.issued_on is None:
        return
    meeting = (
        Meeting.objects.filter(convening_body=body, held_on__gte=report.issued_on)
        .order_by("held_on", "pk")
        .first()
    )
    if meeting is not None:
        reports.present_at(actor=system_actor(), report=report, meeting=meeting)


@transaction.atomic
def load_demo() -> None:
    """Create the demo report types and reports once; nothing without the
    units demo."""
    if ReportType.objects.filter(code=COMMUNES).exists():
        return
    started = time.monotonic()
    board = _body("Ban Tuyên giáo và Dân vận Tỉnh ủy Lào Cai")
    committee = _body("Tỉnh ủy Lào Cai")
    tram_tau_body = _body("Đảng ủy xã Trạm Tấu")
    if board is None or committee is None or tram_tau_body is None:
        logger.info("No demo units: the reports demo needs danvan.units.demo.")
        return
    system = system_actor()
    duyet = _approver(tram_tau_body.area)
    form = ReportForm.objects.filter(code=FORM).first()
    types = _types(board, committee, form)
    writers = {
        TRAM_TAU: _user("xa.tramtau") or system,
        HANH_PHUC: _user("xa.hanhphuc") or system,
    }
    above = _user("tinh.laocai") or system
    today = timezone.localdate()
    quarters = _quarters(today)
    communes = types[COMMUNES]
    periods = {q: Period.objects.of("quarter", *q) for q in quarters}
    past = [q for q, p in periods.items() if schedule.due_on(communes, p) < today]
    for quarter in quarters:
        period = periods[quarter]
        bodies = list(schedule.reporters(communes, period).select_related("area"))
        featured = [b for b in bodies if b.area.code in writers]
        others = [b for b in bodies if b.area.code not in writers]
        chosen = featured + (others[:OTHERS] if quarter in past[-2:] else [])
        for index, body in enumerate(chosen):
            _ensure_term(body)
            code = body.area.code
            if quarter not in past:
                if code != TRAM_TAU:
                    continue
                # The quarter under way: open for xã Trạm Tấu, to write.
                reports.open_report(
                    actor=writers[TRAM_TAU],
                    report_type=communes,
                    period=period,
                    body=body,
                )
                continue
            _write(
                report_type=communes,
                period=period,
                body=body,
                fate=_fate(code, quarter, quarter == past[-1], index),
                writer=writers.get(code, system),
                approver=duyet if code == TRAM_TAU else system,
                above=above,
            )
    _present(tram_tau_body)
    # The province: the last past quarter's report open beside the
    # communes' reports sent up; the quarter before it sent.
    _ensure_term(committee)
    if past:
        if len(past) > 1:
            _write(
                report_type=types[PROVINCE],
                period=periods[past[-2]],
                body=committee,
                fate=SENT,
                writer=above,
                approver=above,
                above=system,
            )
        reports.open_report(
            actor=above,
            report_type=types[PROVINCE],
            period=periods[past[-1]],
            body=committee,
        )
    # The year's report of the board, open.
    year = Period.objects.of("year", today.year)
    if schedule.reporters(types[YEAR], year).filter(pk=board.pk).exists():
        reports.open_report(
            actor=_user("bdv.laocai") or system,
            report_type=types[YEAR],
            period=year,
            body=board,
        )
    # The dates were set by bulk updates, which send no signal.
    FIGURES.forget()
    logger.info("Reports demo loaded in %.1f s.", time.monotonic() - started)
