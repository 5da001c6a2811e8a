"""Fixtures of the figures tests: Party committees of the test tree, a
quarterly form they report, and its period.

- ``bodies``: the province's Party committee (``province``, owner of the form),
  its board for dân vận (``board``), the Party committees of xã Trạm Tấu
  (``commune``) and xã Hạnh Phúc (``sibling``), and the Front of xã Trạm Tấu
  (``front``, which does not report).
- ``quarterly``: the form ``test-bc-quy`` owned by the province's Party
  committee, reported by the commune Party committees of the province, with
  one section, three indicators (``TEST_MH_DK``, ``TEST_MH_HQ``,
  ``TEST_DOI_THOAI``) and a blocking rule (``TEST_MH_HQ <= TEST_MH_DK``).
- ``period``: quarter III of 2026.
"""

from __future__ import annotations

import pytest

from danvan.common.actors import system_actor
from danvan.datasets.models import Period, ReportForm
from danvan.datasets.tests.factories import (
    FormIndicatorFactory,
    FormSectionFactory,
    IndicatorFactory,
    PeriodFactory,
    ReportFormFactory,
    ValidationRuleFactory,
)
from danvan.units import services as units
from danvan.units.models import Body


@pytest.fixture
def bodies(tree):
    kind = Body.Kind

    def body(name, area, kind, parent=None):
        return units.create_body(
            actor=system_actor(), name=name, kind=kind, area=area, parent=parent
        )

    province = body("Tỉnh ủy Lào Cai", tree["province"], kind.PARTY_COMMITTEE)
    return {
        "province": province,
        "board": body(
            "Ban Tuyên giáo và Dân vận Tỉnh ủy Lào Cai",
            tree["province"],
            kind.PARTY_BOARD,
            parent=province,
        ),
        "commune": body("Đảng ủy xã Trạm Tấu", tree["commune"], kind.PARTY_COMMITTEE),
        "sibling": body("Đảng ủy xã Hạnh Phúc", tree["sibling"], kind.PARTY_COMMITTEE),
        "front": body("Ủy ban MTTQ Việt Nam xã Trạm Tấu", tree["commune"], kind.FRONT),
    }


@pytest.fixture
def quarterly(bodies) -> ReportForm:
    form = ReportFormFactory.create(
        code="test-bc-quy",
        name="Báo cáo công tác dân vận quý (thử)",
        owner_body=bodies["province"],
    )
    section = FormSectionFactory.create(
        form=form, title="I. Phong trào thi đua “Dân vận khéo”", order=1
    )
    for order, (code, name, unit) in enumerate(
        [
            ("TEST_MH_DK", "Số mô hình “Dân vận khéo” đăng ký", "mô hình"),
            ("TEST_MH_HQ", "Số mô hình “Dân vận khéo” hiệu quả", "mô hình"),
            ("TEST_DOI_THOAI", "Số cuộc đối thoại với nhân dân", "cuộc"),
        ],
        start=1,
    ):
        FormIndicatorFactory.create(
            form=form,
            section=section,
            order=order,
            indicator=IndicatorFactory.create(code=code, name=name, unit=unit),
        )
    ValidationRuleFactory.create(
        form=form,
        name="Mô hình hiệu quả không quá số đăng ký",
        left="TEST_MH_HQ",
        right="TEST_MH_DK",
    )
    return form


@pytest.fixture
def period(db) -> Period:
    return PeriodFactory.create()
