"""factory-boy factories of meetings: a giao ban recorded by the service."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from factory.django import DjangoModelFactory

from danvan.common.actors import system_actor
from danvan.meetings import services
from danvan.meetings.models import Meeting


class MeetingFactory(DjangoModelFactory[Meeting]):
    """A giao ban of ``convening_body``, recorded through meetings.services."""

    class Meta:
        model = Meeting

    kind = "giao_ban"
    title = factory.Sequence(lambda n: f"Giao ban công tác dân vận lần {n + 1}")
    held_on = dt.date(2026, 10, 5)
    place = "Hội trường Đảng ủy xã"

    @classmethod
    def _create(cls, model_class: type[Meeting], *args: Any, **kwargs: Any) -> Meeting:
        return services.create_meeting(actor=system_actor(), **kwargs)
