"""factory-boy factories of initiatives: registrations made by the service."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from factory.django import DjangoModelFactory

from danvan.common.actors import system_actor
from danvan.initiatives import services
from danvan.initiatives.models import Field, Initiative

YEAR = 2025


class InitiativeFactory(DjangoModelFactory[Initiative]):
    """A complete registration of ``area`` (a draft unless ``status`` says)."""

    class Meta:
        model = Initiative

    name = factory.Sequence(lambda n: f"Con đường bê tông nghĩa tình {n + 1}")
    year = YEAR
    field = factory.LazyFunction(lambda: Field.objects.get(code="kinh-te"))
    problem = "Đường liên thôn lầy lội, người dân đi lại khó khăn."
    goals = "Bê tông hóa 3 km đường liên thôn bằng sức dân."
    content = "Vận động nhân dân hiến đất, góp ngày công, vật liệu."
    place = "Thôn Trung Tâm"
    beneficiaries = "Hơn 200 hộ dân"
    lead_forces = "Ban Dân vận Đảng ủy xã"
    partner_forces = "Mặt trận Tổ quốc, Đoàn Thanh niên"
    money_vnd = 150_000_000
    working_days = 900
    start_date = dt.date(YEAR, 2, 1)
    end_date = dt.date(YEAR, 11, 30)
    person_in_charge = "Giàng A Chư, Phó Bí thư Đảng ủy xã"

    @classmethod
    def _create(
        cls, model_class: type[Initiative], *args: Any, **kwargs: Any
    ) -> Initiative:
        kwargs.setdefault("actor", system_actor())
        kwargs.setdefault(
            "criteria", [{"name": "Số hộ tham gia", "unit": "hộ", "target": 200}]
        )
        return services.create_initiative(**kwargs)
