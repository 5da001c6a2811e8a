"""factory-boy factories of units: villages made by the service (paths right)."""

from __future__ import annotations

from typing import Any

import factory
from factory.django import DjangoModelFactory

from danvan.common.actors import system_actor
from danvan.units import services
from danvan.units.models import Area, Body, Person


class VillageFactory(DjangoModelFactory[Area]):
    """A village under ``commune``, created through units.services (tree path)."""

    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Thôn {n + 1}")

    @classmethod
    def _create(cls, model_class: type[Area], *args: Any, **kwargs: Any) -> Area:
        return services.create_village(actor=system_actor(), **kwargs)


class BodyFactory(DjangoModelFactory[Body]):
    """A body of ``area`` (a Fatherland Front committee unless ``kind`` says)."""

    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Ủy ban Mặt trận Tổ quốc {n + 1}")
    kind = Body.Kind.FRONT

    @classmethod
    def _create(cls, model_class: type[Body], *args: Any, **kwargs: Any) -> Body:
        return services.create_body(actor=system_actor(), **kwargs)


class PersonFactory(DjangoModelFactory[Person]):
    """A person kept by ``area``, created through units.services."""

    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn An {n + 1}")

    @classmethod
    def _create(cls, model_class: type[Person], *args: Any, **kwargs: Any) -> Person:
        return services.create_person(actor=system_actor(), **kwargs)
