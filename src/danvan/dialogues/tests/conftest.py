"""Fixtures of the dialogues tests: bodies of the test tree, a fixed today."""

import datetime as dt

import pytest

from danvan.common.actors import system_actor
from danvan.units import services as units
from danvan.units.models import Body

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def fixed_today(settings):
    settings.DANVAN_TODAY = TODAY
    return TODAY


@pytest.fixture
def bodies(tree):
    """The Party committees and People's Committees of xã Trạm Tấu, its
    sibling and the province."""
    kind = Body.Kind

    def body(name, area, kind, code=""):
        return units.create_body(
            actor=system_actor(), name=name, kind=kind, area=area, abbreviation=code
        )

    province = body("Tỉnh ủy Lào Cai", tree["province"], kind.PARTY_COMMITTEE, "TU")
    return {
        "commune": body(
            "Đảng ủy xã Trạm Tấu", tree["commune"], kind.PARTY_COMMITTEE, "ĐU"
        ),
        "ubnd": body(
            "Ủy ban nhân dân xã Trạm Tấu",
            tree["commune"],
            kind.PEOPLES_COMMITTEE,
            "UBND",
        ),
        "sibling": body(
            "Đảng ủy xã Hạnh Phúc", tree["sibling"], kind.PARTY_COMMITTEE, "ĐU"
        ),
        "province": province,
        "police": body("Công an xã Trạm Tấu", tree["commune"], kind.POLICE, "CA"),
    }
