"""factory-boy factories of units: villages made by the service (paths right)."""

from __future__ import annotations

from typing import Any

import factory
from factory.django import DjangoModelFactory

from danvan.common.actors import system_actor
from danvan.units import services
from danvan.units.models import Area


class VillageFactory(DjangoModelFactory[Area]):
    """A village under ``commune``, created through units.services (tree path)."""

    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Thôn {n + 1}")

    @classmethod
    def _create(cls, model_class: type[Area], *args: Any, **kwargs: Any) -> Area:
        return services.create_village(actor=system_actor(), **kwargs)
