"""Fixtures of the plans tests: the province's programme, the commune's and
the sibling's plans implementing it, with targets and tasks."""

from __future__ import annotations

from decimal import Decimal

import pytest

from danvan.common.actors import system_actor
from danvan.plans.tests.factories import PlanFactory, PlanTaskFactory, TargetFactory
from danvan.units import services as units
from danvan.units.models import Body


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


@pytest.fixture
def plans(tree, bodies):
    """The province's programme (two targets), the commune's and the sibling's
    plans implementing it (a target serving each province target)."""
    province = PlanFactory.create(
        area=tree["province"],
        body=bodies["province"],
        symbol_text="190-CTr/TU",
        kind="chuong_trinh_hanh_dong",
        title="Chương trình hành động thực hiện nhiệm vụ năm 2025",
    )
    top = [
        TargetFactory.create(
            plan=province, name="Mô hình dân vận khéo", target_value=Decimal(20)
        ),
        TargetFactory.create(
            plan=province,
            name="Tỷ lệ hộ nghèo",
            target_value=Decimal(5),
            unit="%",
            direction="lower",
        ),
    ]
    made = {"province": province, "top": top}
    for key in ("commune", "sibling"):
        plan = PlanFactory.create(area=tree[key], body=bodies[key], parent=province)
        made[key] = plan
        made[f"{key}_targets"] = [
            TargetFactory.create(
                plan=plan,
                name=f"Mô hình của {key}",
                target_value=Decimal(2),
                serves=top[0],
            ),
            TargetFactory.create(
                plan=plan,
                name=f"Hộ nghèo của {key}",
                target_value=Decimal(6),
                unit="%",
                direction="lower",
                serves=top[1],
            ),
        ]
        made[f"{key}_task"] = PlanTaskFactory.create(
            plan=plan, owner_body=bodies[key], title=f"Nhiệm vụ của {key}"
        )
    made["province_task"] = PlanTaskFactory.create(
        plan=province, owner_body=bodies["province"], title="Nhiệm vụ của tỉnh"
    )
    return made
