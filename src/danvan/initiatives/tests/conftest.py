"""Fixtures of the "Dân vận khéo" tests: fields, a rubric, complete registrations."""

import datetime as dt
from decimal import Decimal

import pytest

from danvan.common.actors import system_actor
from danvan.initiatives import services
from danvan.initiatives.models import Field, Initiative
from danvan.units import services as units
from danvan.units.models import Body

YEAR = 2025
D = dt.date


@pytest.fixture
def fields(db):
    """The four seeded fields, by code."""
    return {f.code: f for f in Field.objects.all()}


@pytest.fixture
def rubric(db):
    """The standard rubric of 2025 (thresholds 50 / 70 / 90)."""
    return services.create_standard_rubric(actor=system_actor(), year=YEAR)


def complete(**overrides):
    """What a complete registration carries, with ``overrides``."""
    data = {
        "problem": "Đường liên thôn lầy lội, người dân đi lại khó khăn.",
        "goals": "Bê tông hóa 3 km đường liên thôn bằng sức dân.",
        "content": "Vận động nhân dân hiến đất, góp ngày công, vật liệu.",
        "place": "Thôn Trung Tâm",
        "beneficiaries": "Hơn 200 hộ dân",
        "lead_forces": "Ban Dân vận Đảng ủy xã",
        "partner_forces": "Mặt trận Tổ quốc, Đoàn Thanh niên",
        "money_vnd": 150_000_000,
        "working_days": 900,
        "start_date": D(YEAR, 2, 1),
        "end_date": D(YEAR, 11, 30),
        "person_in_charge": "Giàng A Chư, Phó Bí thư Đảng ủy xã",
    }
    data.update(overrides)
    return data


CRITERIA = [
    {"name": "Chiều dài đường bê tông", "unit": "km", "target": Decimal(3)},
    {"name": "Số hộ tham gia", "unit": "hộ", "target": Decimal(200)},
]


@pytest.fixture
def make_initiative(fields):
    """Register a complete model for a unit (a draft unless ``status`` says)."""

    def make(
        area,
        name="Con đường bê tông nghĩa tình",
        *,
        body=None,
        actor=None,
        field="kinh-te",
        year=YEAR,
        criteria=CRITERIA,
        status=Initiative.Status.DRAFT,
        **overrides,
    ):
        return services.create_initiative(
            actor=actor or system_actor(),
            area=area,
            body=body,
            field=fields[field],
            name=name,
            year=year,
            criteria=criteria,
            status=status,
            **complete(**overrides),
        )

    return make


@pytest.fixture
def registered(make_initiative):
    """Register a model already accepted by the level above."""

    def make(area, name="Con đường bê tông nghĩa tình", **kwargs):
        kwargs.setdefault("status", Initiative.Status.ACCEPTED)
        return make_initiative(area, name, **kwargs)

    return make


@pytest.fixture
def bodies(tree):
    """Bodies of xã Trạm Tấu (its Party committee, a school) and the province."""
    kind = Body.Kind

    def body(name, area, kind, code=""):
        return units.create_body(
            actor=system_actor(), name=name, kind=kind, area=area, abbreviation=code
        )

    return {
        "party": body(
            "Đảng ủy xã Trạm Tấu", tree["commune"], kind.PARTY_COMMITTEE, "ĐU"
        ),
        "school": body(
            "Trường Tiểu học xã Trạm Tấu", tree["commune"], kind.PUBLIC_SERVICE
        ),
        "province": body(
            "Ủy ban nhân dân tỉnh Lào Cai",
            tree["province"],
            kind.PEOPLES_COMMITTEE,
            "UBND",
        ),
    }
