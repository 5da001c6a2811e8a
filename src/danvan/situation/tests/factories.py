"""factory-boy factories of the people's situation: topics and entries.

``TopicFactory`` makes a topic of the catalogue (codes ``test-topic-N``, never
a seeded code; ``TopicFactory.create(code="land")`` returns the seeded row when
it exists). ``EntryFactory`` records an entry through
``situation.services.record_entry`` as the system actor: give ``body`` (its
area is the place unless ``area`` is given); the period defaults to quarter
III of 2026 and ``observed_on`` to 15/08/2026.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from factory.django import DjangoModelFactory

from danvan.common.actors import system_actor
from danvan.datasets.models import Period
from danvan.situation import services
from danvan.situation.models import Assessment, Entry, Topic


class TopicFactory(DjangoModelFactory[Topic]):
    """A topic of the catalogue (the seeded one when ``code`` names it)."""

    class Meta:
        model = Topic
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"test-topic-{n + 1}")
    name = factory.Sequence(lambda n: f"Vấn đề thử nghiệm {n + 1}")
    description = ""
    order = factory.Sequence(lambda n: 500 + n)
    active = True


class EntryFactory(DjangoModelFactory[Entry]):
    """An entry of ``body`` recorded through situation.services."""

    class Meta:
        model = Entry

    area = factory.LazyAttribute(lambda entry: entry.body.area)
    period = factory.LazyFunction(lambda: Period.objects.of("quarter", 2026, 3))
    topic = factory.SubFactory(TopicFactory)
    assessment = Assessment.STABLE
    summary = factory.Sequence(
        lambda n: (
            f"Tình hình Nhân dân cơ bản ổn định, tin tưởng vào sự lãnh đạo {n + 1}."
        )
    )
    observed_on = dt.date(2026, 8, 15)
    sources = "Báo cáo của các chi bộ thôn"
    follow_up = ""

    @classmethod
    def _create(cls, model_class: type[Entry], *args: Any, **kwargs: Any) -> Entry:
        return services.record_entry(actor=system_actor(), **kwargs)
