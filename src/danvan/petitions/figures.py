"""The figures of the petitions that reports quote (``datasets.providers``):
received (in all and by kind), crowd petitions, accepted, settled and
settled on time in the period; overdue at its end.

A petition is settled on the day of its first decision (a complaint, a
denunciation) or its answer (a recommendation, feedback); on time when that
day is not after the deadline then running (``settled_due_on``, kept by the
services when they settle it), or when no deadline was running.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, Q
from django.db.models.functions import Coalesce

from danvan.datasets.providers import LAST, Figure, Register, Window, count_where
from danvan.petitions.filters import overdue_q
from danvan.petitions.models import OPEN, Kind, Petition

SOURCE = "Từ sổ tiếp nhận, xử lý đơn thư."


def _rows(user: Any) -> Any:
    return Petition.objects.visible_to(user).annotate(
        _settled_on=Coalesce("decided_on", "answered_on")
    )


def _touches(start: dt.date, end: dt.date) -> Q:
    return Q(received_on__lte=end) & (
        Q(received_on__gte=start)
        | Q(status__in=OPEN)
        | Q(accepted_on__gte=start)
        | Q(_settled_on__gte=start)
    )


def _received(window: Window) -> Any:
    return count_where(window.during("received_on"))


def _of_kind(kind: str) -> Any:
    def count(window: Window) -> Any:
        return count_where(window.during("received_on") & Q(kind=kind))

    return count


def _crowd(window: Window) -> Any:
    return count_where(window.during("received_on") & Q(crowd=True))


def _accepted(window: Window) -> Any:
    return count_where(window.during("accepted_on"))


def _settled(window: Window) -> Any:
    return count_where(window.during("_settled_on"))


def _on_time(window: Window) -> Any:
    return count_where(
        window.during("_settled_on")
        & (Q(settled_due_on__isnull=True) | Q(_settled_on__lte=F("settled_due_on")))
    )


def overdue_on(day: dt.date) -> Q:
    """Petitions received by ``day``, still open, whose running deadline
    passed before it (the lists' ``overdue_q``)."""
    return overdue_q(day) & Q(received_on__lte=day)


def _overdue(window: Window) -> Any:
    return count_where(overdue_on(window.as_of))


KINDS = (
    (Kind.COMPLAINT, "DON_KHIEU_NAI", "Số đơn khiếu nại tiếp nhận"),
    (Kind.DENUNCIATION, "DON_TO_CAO", "Số đơn tố cáo tiếp nhận"),
    (Kind.RECOMMENDATION, "DON_KIEN_NGHI", "Số đơn kiến nghị tiếp nhận"),
    (Kind.FEEDBACK, "DON_PHAN_ANH", "Số đơn phản ánh tiếp nhận"),
)

PETITIONS = Register(
    key="petitions.petitions",
    rows=_rows,
    area_field="area_path",
    body_field="handling_body_path",
    touches=_touches,
    models=("petitions.Petition",),
    figures=(
        Figure(
            "petitions.received",
            "DON_TIEP_NHAN",
            "Số đơn thư tiếp nhận trong kỳ",
            "đơn",
            _received,
            description=SOURCE,
        ),
        *(
            Figure(
                f"petitions.received.{kind}",
                code,
                name,
                "đơn",
                _of_kind(kind),
                description=SOURCE,
            )
            for kind, code, name in KINDS
        ),
        Figure(
            "petitions.crowd",
            "DON_DONG_NGUOI",
            "Số đơn khiếu kiện đông người tiếp nhận",
            "đơn",
            _crowd,
            description=SOURCE,
        ),
        Figure(
            "petitions.accepted",
            "DON_THU_LY",
            "Số đơn thuộc thẩm quyền được thụ lý trong kỳ",
            "đơn",
            _accepted,
            description=SOURCE,
        ),
        Figure(
            "petitions.settled",
            "DON_DA_GIAI_QUYET",
            "Số đơn đã giải quyết, trả lời trong kỳ",
            "đơn",
            _settled,
            description=SOURCE + " Theo ngày quyết định giải quyết hoặc trả lời.",
        ),
        Figure(
            "petitions.settled_on_time",
            "DON_GIAI_QUYET_DUNG_HAN",
            "Số đơn giải quyết, trả lời đúng hạn trong kỳ",
            "đơn",
            _on_time,
            description=SOURCE + " Không muộn hơn thời hạn đang chạy của đơn.",
        ),
        Figure(
            "petitions.overdue",
            "DON_QUA_HAN",
            "Số đơn quá hạn giải quyết cuối kỳ",
            "đơn",
            _overdue,
            aggregation=LAST,
            description=SOURCE + " Số cuối kỳ (hoặc đến hôm nay), không cộng dồn.",
        ),
    ),
)

REGISTERS = (PETITIONS,)
