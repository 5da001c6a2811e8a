import datetime as dt
from typing import TypeVar

import pytest
from django.db import models

from danvan.common.actors import system_actor
from danvan.ingestion import services as ingestion
from danvan.ingestion.schema import empty_facts
from danvan.records import services
from danvan.units import services as units
from danvan.units.models import Body

TEXT = """Xã Trạm Tấu giao ban công tác dân vận 9 tháng đầu năm 2025
Sáng ngày 03/10, Đảng ủy xã Trạm Tấu tổ chức Hội nghị giao ban công tác dân vận 9 tháng."""


M = TypeVar("M", bound=models.Model)


def record_of(outcome: services.Outcome, model: type[M]) -> M:
    """The outcome's record, checked to be a ``model``."""
    assert isinstance(outcome.record, model), outcome.record
    return outcome.record


def facts(**overrides):
    record = empty_facts()
    record.update(
        {
            "title": "Xã Trạm Tấu giao ban công tác dân vận 9 tháng đầu năm 2025",
            "period": {"start": "2025-01-01", "end": "2025-09-30"},
            "meeting": {"kind": "giao ban", "date": "2025-10-03"},
            "doc_refs": [
                {
                    "kind": "Kế hoạch",
                    "number": "05",
                    "symbol": "KH/ĐU",
                    "date": "2025-07-10",
                    "issuer": "Đảng ủy xã",
                },
                {
                    "kind": "Nghị định",
                    "number": "30",
                    "symbol": "2020/NĐ-CP",
                    "date": None,
                    "issuer": "Chính phủ",
                },
                {
                    "kind": "Chỉ thị",
                    "number": "05",
                    "symbol": None,
                    "date": None,
                    "issuer": "Bộ Chính trị",
                },
            ],
            "people": [
                {"name": "Giàng A Páo", "position": "Bí thư Đảng ủy xã"},
                {"name": "Lò Thị Hoa", "position": "Chủ tịch Ủy ban MTTQ xã"},
            ],
            "figures": [{"kind": "count", "value": 21, "what": "mô hình"}],
        }
    )
    record.update(overrides)
    return record


@pytest.fixture
def committee(tree):
    return units.create_body(
        actor=system_actor(),
        name="Đảng ủy xã Trạm Tấu",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=tree["commune"],
        abbreviation="ĐU",
        valid_from=dt.date(2025, 7, 1),
    )


@pytest.fixture
def source(tree, users):
    text, _created = ingestion.ingest_text(
        actor=users["commune"],
        area=tree["commune"],
        text=TEXT,
        title="Giao ban quý III",
    )
    return ingestion.confirm_facts(actor=users["commune"], source=text, facts=facts())
