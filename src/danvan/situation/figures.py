"""The figures of the people's situation that reports quote
(``datasets.providers``): entries by assessment, and the places where the
situation is complex or shows signs of it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q

from danvan.datasets.providers import Figure, Register, Window, count_where
from danvan.situation.models import Assessment, Entry

WORRYING = (Assessment.SIGNS, Assessment.COMPLEX)


def _rows(user: Any) -> Any:
    return Entry.objects.visible_to(user)


def _touches(start: dt.date, end: dt.date) -> Q:
    return Q(observed_on__gte=start, observed_on__lte=end)


def _assessed(assessment: str) -> Any:
    def count(window: Window) -> Any:
        return count_where(window.during("observed_on") & Q(assessment=assessment))

    return count


def _places(window: Window) -> Any:
    return Count(
        "area_id",
        distinct=True,
        filter=window.during("observed_on") & Q(assessment__in=WORRYING),
    )


ENTRIES = Register(
    key="situation.entries",
    rows=_rows,
    area_field="area_path",
    body_field="body_path",
    touches=_touches,
    models=("situation.Entry",),
    figures=(
        Figure(
            "situation.stable",
            "TNND_ON_DINH",
            "Số nội dung tình hình Nhân dân được đánh giá ổn định",
            "nội dung",
            _assessed(Assessment.STABLE),
            description="Từ sổ theo dõi tình hình Nhân dân (ngày ghi nhận trong kỳ).",
        ),
        Figure(
            "situation.signs",
            "TNND_CO_BIEU_HIEN",
            "Số nội dung tình hình Nhân dân có biểu hiện phức tạp",
            "nội dung",
            _assessed(Assessment.SIGNS),
            description="Từ sổ theo dõi tình hình Nhân dân (ngày ghi nhận trong kỳ).",
        ),
        Figure(
            "situation.complex",
            "TNND_PHUC_TAP",
            "Số nội dung tình hình Nhân dân phức tạp",
            "nội dung",
            _assessed(Assessment.COMPLEX),
            description="Từ sổ theo dõi tình hình Nhân dân (ngày ghi nhận trong kỳ).",
        ),
        Figure(
            "situation.complex_places",
            "TNND_DIA_BAN_PHUC_TAP",
            "Số địa bàn có tình hình phức tạp hoặc có biểu hiện phức tạp",
            "địa bàn",
            _places,
            distinct=True,
            description=(
                "Địa bàn (thôn, xã) có ít nhất một nội dung được đánh giá phức "
                "tạp hoặc có biểu hiện phức tạp trong kỳ; cả năm không cộng "
                "dồn các tháng."
            ),
        ),
    ),
)

REGISTERS = (ENTRIES,)
