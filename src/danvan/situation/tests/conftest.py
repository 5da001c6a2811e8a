"""Fixtures of the situation tests: bodies of the test tree."""

from __future__ import annotations

from typing import Any

import pytest

from danvan.common.actors import system_actor
from danvan.units import services as units
from danvan.units.models import Area, Body


@pytest.fixture
def bodies(tree: dict[str, Area]) -> dict[str, Body]:
    """Party committees of xã Trạm Tấu, its sibling and the province."""

    def body(name: str, area: Area, **kw: Any) -> Body:
        return units.create_body(
            actor=system_actor(),
            name=name,
            kind=Body.Kind.PARTY_COMMITTEE,
            area=area,
            **kw,
        )

    return {
        "commune": body("Đảng ủy xã Trạm Tấu", tree["commune"]),
        "sibling": body("Đảng ủy xã Hạnh Phúc", tree["sibling"]),
        "province": body("Tỉnh ủy Lào Cai", tree["province"]),
    }
