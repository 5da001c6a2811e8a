"""The figures of the dialogues that reports quote (``datasets.providers``):
sessions held and their participants; the opinions raised, answered at the
session, assignments answered since and those overdue at the period's end;
reception days and the citizens received."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, Sum

from danvan.datasets.providers import LAST, Figure, Register, Window, count_where
from danvan.dialogues.models import Issue, Reception, Session

SOURCE = "Từ sổ đối thoại trực tiếp với Nhân dân."
ASSIGNED = (Issue.Status.ASSIGNED, Issue.Status.DONE)


def _sessions(user: Any) -> Any:
    return Session.objects.visible_to(user)


def _held(start: dt.date, end: dt.date) -> Q:
    return Q(held_on__gte=start, held_on__lte=end)


def _count_held(window: Window) -> Any:
    return count_where(window.during("held_on"))


def _participants(window: Window) -> Any:
    return Sum("participants", filter=window.during("held_on"))


SESSIONS = Register(
    key="dialogues.sessions",
    rows=_sessions,
    area_field="area_path",
    body_field="body_path",
    touches=_held,
    models=("dialogues.Session",),
    figures=(
        Figure(
            "dialogues.sessions",
            "DTTT_CUOC",
            "Số cuộc đối thoại trực tiếp với Nhân dân đã tổ chức",
            "cuộc",
            _count_held,
            description=SOURCE,
        ),
        Figure(
            "dialogues.participants",
            "DTTT_NGUOI_DU",
            "Số người dự đối thoại trực tiếp",
            "người",
            _participants,
            description=SOURCE,
        ),
    ),
)


def _issues(user: Any) -> Any:
    return Issue.objects.visible_to(user)


def _issues_touch(start: dt.date, end: dt.date) -> Q:
    return Q(session__held_on__lte=end) & (
        Q(session__held_on__gte=start)
        | Q(answered_on__gte=start)
        | Q(status=Issue.Status.ASSIGNED)
    )


def overdue_on(day: dt.date) -> Q:
    """Assigned opinions past their due date and not answered by ``day``."""
    return Q(status__in=ASSIGNED, session__held_on__lte=day, due_on__lt=day) & (
        Q(answered_on__isnull=True) | Q(answered_on__gt=day)
    )


def _raised(window: Window) -> Any:
    return count_where(window.during("session__held_on"))


def _answered_there(window: Window) -> Any:
    return count_where(
        window.during("session__held_on") & Q(status=Issue.Status.ANSWERED)
    )


def _assigned(window: Window) -> Any:
    return count_where(window.during("session__held_on") & Q(status__in=ASSIGNED))


def _done(window: Window) -> Any:
    return count_where(window.during("answered_on") & Q(status=Issue.Status.DONE))


def _overdue(window: Window) -> Any:
    return count_where(overdue_on(window.as_of))


ISSUES = Register(
    key="dialogues.issues",
    rows=_issues,
    area_field="session__area_path",
    body_field="session__body_path",
    touches=_issues_touch,
    models=("dialogues.Issue", "dialogues.Session"),
    figures=(
        Figure(
            "dialogues.opinions",
            "DTTT_Y_KIEN",
            "Số ý kiến, kiến nghị Nhân dân nêu tại đối thoại",
            "ý kiến",
            _raised,
            description=SOURCE,
        ),
        Figure(
            "dialogues.answered",
            "DTTT_TRA_LOI_TAI_CHO",
            "Số ý kiến được trả lời ngay tại buổi đối thoại",
            "ý kiến",
            _answered_there,
            description=SOURCE,
        ),
        Figure(
            "dialogues.assigned",
            "DTTT_GIAO_GIAI_QUYET",
            "Số ý kiến giao cơ quan giải quyết sau đối thoại",
            "ý kiến",
            _assigned,
            description=SOURCE,
        ),
        Figure(
            "dialogues.assignments_done",
            "DTTT_GIAO_DA_TRA_LOI",
            "Số ý kiến được giao đã trả lời trong kỳ",
            "ý kiến",
            _done,
            description=SOURCE + " Theo ngày trả lời.",
        ),
        Figure(
            "dialogues.assignments_overdue",
            "DTTT_GIAO_QUA_HAN",
            "Số ý kiến được giao quá hạn chưa trả lời cuối kỳ",
            "ý kiến",
            _overdue,
            aggregation=LAST,
            description=SOURCE + " Số cuối kỳ (hoặc đến hôm nay), không cộng dồn.",
        ),
    ),
)


def _receptions(user: Any) -> Any:
    return Reception.objects.visible_to(user)


def _reception_days(window: Window) -> Any:
    return count_where(window.during("held_on"))


def _citizens(window: Window) -> Any:
    return Sum("citizens", filter=window.during("held_on"))


RECEPTIONS = Register(
    key="dialogues.receptions",
    rows=_receptions,
    area_field="body__area__path",
    body_field="body__path",
    touches=_held,
    models=("dialogues.Reception",),
    figures=(
        Figure(
            "dialogues.reception_days",
            "TCD_NGAY_DINH_KY",
            "Số ngày tiếp công dân định kỳ của người đứng đầu",
            "ngày",
            _reception_days,
            description="Từ sổ tiếp công dân.",
        ),
        Figure(
            "dialogues.citizens",
            "TCD_LUOT_CONG_DAN",
            "Số lượt công dân được tiếp trong các ngày tiếp định kỳ",
            "lượt",
            _citizens,
            description="Từ sổ tiếp công dân.",
        ),
    ),
)

REGISTERS = (SESSIONS, ISSUES, RECEPTIONS)
