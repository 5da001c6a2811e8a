"""factory-boy factories of petitions: received through petitions.services.

``PetitionFactory.create()`` records a complaint received on 05/10/2026 by the
People's Committee of xã Trạm Tấu (made once, ``committee(area)``) about that
commune, from one petitioner, routed as the services route it. Pass
``area=``, ``received_by=``, ``kind=``, ``petitioners=`` … as to
``services.receive_petition``; the system actor acts unless ``actor=`` is
given.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from factory.django import DjangoModelFactory

from danvan.common.actors import system_actor
from danvan.petitions import services
from danvan.petitions.models import Channel, Kind, Petition, RoutingRule
from danvan.units import services as unit_services
from danvan.units.models import Area, Body

RECEIVED_ON = dt.date(2026, 10, 5)
# The demo commune, as the root conftest's ``tree`` resolves it.
COMMUNE_CODE = "04591"
AFTER = dt.date(2025, 7, 1)

NAMES: dict[str, str] = {
    Body.Kind.PEOPLES_COMMITTEE: "Ủy ban nhân dân",
    Body.Kind.PARTY_COMMITTEE: "Đảng ủy",
}


def commune() -> Area:
    """xã Trạm Tấu (after the 2025 merger)."""
    return Area.objects.resolve(COMMUNE_CODE, AFTER)


def committee(area: Area, kind: str = Body.Kind.PEOPLES_COMMITTEE) -> Body:
    """The People's Committee (or another area-wide body) of ``area``: the
    one recorded, else a new one made through units.services."""
    found = Body.objects.filter(area=area, kind=kind).order_by("pk").first()
    if found is not None:
        return found
    return unit_services.create_body(
        actor=system_actor(),
        name=f"{NAMES.get(kind, 'Cơ quan')} {area.full_name}",
        kind=kind,
        area=area,
    )


def petitioner(n: int = 1, **fields: Any) -> dict[str, Any]:
    """One petitioner's data, as ``receive_petition`` takes it."""
    return {
        "name": f"Giàng A Páo {n}",
        "id_number": f"0150860{n:05d}",
        "address": "Thôn Trung Tâm, xã Trạm Tấu",
        "phone": f"09120{n:05d}",
        **fields,
    }


def representatives(count: int = 1) -> list[dict[str, Any]]:
    """A crowd's representatives (and nobody else named)."""
    return [petitioner(n + 1, representative=True) for n in range(count)]


class PetitionFactory(DjangoModelFactory[Petition]):
    """A petition recorded through ``services.receive_petition``."""

    class Meta:
        model = Petition

    received_on = RECEIVED_ON
    channel = Channel.IN_PERSON
    kind = Kind.COMPLAINT
    subject = factory.Sequence(
        lambda n: f"Khiếu nại về việc bồi thường đất nương số {n + 1}"
    )
    content = "Gia đình chưa nhận được tiền bồi thường khi mở đường liên thôn."
    area = factory.LazyFunction(commune)
    received_by = factory.LazyAttribute(lambda o: committee(o.area))
    petitioners = factory.Sequence(lambda n: [petitioner(n + 1)])

    @classmethod
    def _create(
        cls, model_class: type[Petition], *args: Any, **kwargs: Any
    ) -> Petition:
        kwargs.setdefault("actor", system_actor())
        return services.receive_petition(**kwargs)


class RoutingRuleFactory(DjangoModelFactory[RoutingRule]):
    """A routing rule of ``area`` to ``body`` (any kind and topic unless
    given), saved through ``services.save_routing_rule``."""

    class Meta:
        model = RoutingRule

    area = factory.LazyFunction(commune)
    body = factory.LazyAttribute(lambda o: committee(o.area))

    @classmethod
    def _create(
        cls, model_class: type[RoutingRule], *args: Any, **kwargs: Any
    ) -> RoutingRule:
        kwargs.setdefault("actor", system_actor())
        return services.save_routing_rule(**kwargs)
