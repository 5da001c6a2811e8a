"""factory-boy factories of hot spots, made through ``incidents.services``.

``IncidentFactory.create(owner_body=…)`` opens a hot spot of that body in its
area (give ``area`` for a village); it arose on 01/08/2026 with a medium
severity. ``FollowUpFactory.create(incident=…)`` adds a follow-up dated the
day after the last one (or the day it arose).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from factory.django import DjangoModelFactory

from danvan.common.actors import system_actor
from danvan.incidents import services
from danvan.incidents.models import FollowUp, Incident, Severity
from danvan.situation.tests.factories import TopicFactory


class IncidentFactory(DjangoModelFactory[Incident]):
    class Meta:
        model = Incident

    title = factory.Sequence(lambda n: f"Tranh chấp đất nương rẫy số {n + 1}")
    area = factory.LazyAttribute(lambda row: row.owner_body.area)
    topic = factory.LazyFunction(lambda: TopicFactory.create(code="land"))
    arose_on = dt.date(2026, 8, 1)
    severity = Severity.MEDIUM
    people = 12

    @classmethod
    def _create(
        cls, model_class: type[Incident], *args: Any, **kwargs: Any
    ) -> Incident:
        return services.open_incident(actor=system_actor(), **kwargs)


class FollowUpFactory(DjangoModelFactory[FollowUp]):
    class Meta:
        model = FollowUp

    text = factory.Sequence(lambda n: f"Tổ công tác gặp gỡ các hộ, lần {n + 1}.")

    @classmethod
    def _create(
        cls, model_class: type[FollowUp], *args: Any, **kwargs: Any
    ) -> FollowUp:
        incident = kwargs["incident"]
        if "on" not in kwargs:
            last = incident.follow_ups.order_by("-on").first()
            start = last.on if last else incident.arose_on
            kwargs["on"] = start + dt.timedelta(days=1)
        return services.add_follow_up(actor=system_actor(), **kwargs)
