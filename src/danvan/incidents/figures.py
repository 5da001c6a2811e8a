"""The figures of the hot spots that reports quote (``datasets.providers``):
hot spots arisen, closed and the people involved in the period; open and
overdue at its end."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, Sum

from danvan.datasets.providers import LAST, Figure, Register, Window, count_where
from danvan.incidents.models import Incident
from danvan.incidents.queries import late_q


def _rows(user: Any) -> Any:
    return Incident.objects.visible_to(user)


def _touches(start: dt.date, end: dt.date) -> Q:
    return Q(arose_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gte=start))


def open_on(day: dt.date) -> Q:
    """Hot spots arisen by ``day`` and not closed on it."""
    return Q(arose_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


def _arisen(window: Window) -> Any:
    return count_where(window.during("arose_on"))


def _closed(window: Window) -> Any:
    return count_where(window.during("closed_on"))


def _open(window: Window) -> Any:
    return count_where(open_on(window.as_of))


def _overdue(window: Window) -> Any:
    return count_where(open_on(window.as_of) & late_q(window.as_of))


def _people(window: Window) -> Any:
    return Sum("people", filter=window.during("arose_on"))


SOURCE = "Từ sổ theo dõi điểm nóng."

INCIDENTS = Register(
    key="incidents.incidents",
    rows=_rows,
    area_field="area_path",
    body_field="owner_body_path",
    touches=_touches,
    models=("incidents.Incident",),
    figures=(
        Figure(
            "incidents.arisen",
            "DN_PHAT_SINH",
            "Số điểm nóng phát sinh trong kỳ",
            "điểm",
            _arisen,
            description=SOURCE,
        ),
        Figure(
            "incidents.people",
            "DN_SO_NGUOI",
            "Số người tham gia các điểm nóng phát sinh trong kỳ",
            "người",
            _people,
            description=SOURCE,
        ),
        Figure(
            "incidents.closed",
            "DN_KET_THUC",
            "Số điểm nóng đã giải quyết dứt điểm (kết thúc) trong kỳ",
            "điểm",
            _closed,
            description=SOURCE,
        ),
        Figure(
            "incidents.open",
            "DN_DANG_THEO_DOI",
            "Số điểm nóng đang theo dõi, xử lý cuối kỳ",
            "điểm",
            _open,
            aggregation=LAST,
            description=SOURCE + " Số cuối kỳ (hoặc đến hôm nay), không cộng dồn.",
        ),
        Figure(
            "incidents.overdue",
            "DN_QUA_HAN",
            "Số điểm nóng quá hạn xử lý, theo dõi cuối kỳ",
            "điểm",
            _overdue,
            aggregation=LAST,
            description=SOURCE
            + " Chưa kết thúc và quá hạn giải quyết hoặc quá ngày theo dõi tiếp"
            " (theo hạn đang ghi trên sổ); số cuối kỳ, không cộng dồn.",
        ),
    ),
)

REGISTERS = (INCIDENTS,)
