"""Fixtures of the hot spots tests: the bodies of the test tree, a fixed
clock (DANVAN_TODAY = 01/09/2026)."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.common.actors import system_actor
from danvan.units import services as units
from danvan.units.models import Body

TODAY = dt.date(2026, 9, 1)


@pytest.fixture(autouse=True)
def fixed_today(settings):
    settings.DANVAN_TODAY = TODAY.isoformat()
    return TODAY


@pytest.fixture
def bodies(tree):
    def body(name, area, code):
        return units.create_body(
            actor=system_actor(),
            name=name,
            kind=Body.Kind.PARTY_COMMITTEE,
            area=area,
            abbreviation=code,
        )

    return {
        "province": body("Tỉnh ủy Lào Cai", tree["province"], "TU"),
        "commune": body("Đảng ủy xã Trạm Tấu", tree["commune"], "ĐU"),
        "sibling": body("Đảng ủy xã Hạnh Phúc", tree["sibling"], "ĐU"),
    }
