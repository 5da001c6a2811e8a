"""factory-boy factories of dialogues, built through ``dialogues.services``
as the system actor: give ``body`` and ``area``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from factory.django import DjangoModelFactory

from danvan.common.actors import system_actor
from danvan.dialogues import services
from danvan.dialogues.models import Issue, Reception, Session


class SessionFactory(DjangoModelFactory[Session]):
    """A dialogue of ``body`` at ``area`` (10/10/2026 unless given)."""

    class Meta:
        model = Session

    held_on = dt.date(2026, 10, 10)
    leader_name = "Giàng A Sử"
    leader_title = "Bí thư Đảng ủy xã"
    audience_kind = Session.Audience.VILLAGE
    audience = factory.Sequence(lambda n: f"Nhân dân thôn Tà Chử {n + 1}")
    place = "Nhà văn hóa thôn"
    participants = 45

    @classmethod
    def _create(cls, model_class: type[Session], *args: Any, **kwargs: Any) -> Session:
        return services.hold_session(actor=system_actor(), **kwargs)


class IssueFactory(DjangoModelFactory[Issue]):
    """An opinion of ``session``: answered there unless ``assigned_body`` and
    ``due_on`` are given."""

    class Meta:
        model = Issue

    raised_by = "Ông Sùng A Páo"
    content = factory.Sequence(lambda n: f"Đề nghị sửa đường vào thôn, đoạn {n + 1}")
    answer = "Xã đã đưa vào kế hoạch năm sau."

    @classmethod
    def _create(cls, model_class: type[Issue], *args: Any, **kwargs: Any) -> Issue:
        if kwargs.get("assigned_body") is not None:
            kwargs["answer"] = ""
        return services.add_issue(actor=system_actor(), **kwargs)


class ReceptionFactory(DjangoModelFactory[Reception]):
    """A reception day of ``body``."""

    class Meta:
        model = Reception

    held_on = dt.date(2026, 10, 5)
    leader_name = factory.Sequence(lambda n: f"Lý Văn Chiến {n + 1}")
    leader_title = "Chủ tịch UBND xã"
    citizens = 6
    cases = 3

    @classmethod
    def _create(
        cls, model_class: type[Reception], *args: Any, **kwargs: Any
    ) -> Reception:
        return services.record_reception(actor=system_actor(), **kwargs)
