"""Fixtures of the ingestion tests: a source in xã Trạm Tấu and one next door."""

from typing import Any

import pytest

from danvan.ingestion import services
from danvan.ingestion.tests.files import ARTICLE

# Facts written for ARTICLE by hand, so tests do not depend on the extractor.
FACTS: dict[str, Any] = {
    "title": "Xã Trạm Tấu giao ban công tác dân vận quý III năm 2025",
    "published": None,
    "period": {"start": "2025-07-01", "end": "2025-09-30"},
    "meeting": {"kind": "giao ban", "date": "2025-10-03"},
    "authors": ["Mùa Thị Dua"],
    "body": "",
    "doc_refs": [
        {
            "kind": "Chỉ thị",
            "number": "49",
            "symbol": "CT/TW",
            "date": "2015-10-20",
            "issuer": "Ban Bí thư",
        }
    ],
    "people": [{"name": "Giàng A Sử", "position": "Chủ tịch Ủy ban MTTQ Việt Nam xã"}],
    "places": [{"name": "Trạm Tấu", "level": "xã"}],
    "figures": [
        {"kind": "percent", "value": 100, "what": "thôn"},
        {"kind": "count", "value": 12, "what": "mô hình"},
        {"kind": "money", "value": 350000000, "what": "huy động"},
        {"kind": "ratio", "value": [9, 9], "what": "thôn đạt chuẩn"},
    ],
    "movements": ["Dân vận khéo"],
}

SIBLING_TEXT = """Xã Hạnh Phúc đối thoại với Nhân dân về dồn điền đổi thửa

Chiều 14/11/2025, đồng chí Đinh Thị Lan, Bí thư Đảng ủy xã Hạnh Phúc, đối thoại
với 120 hộ dân thôn Khấu Ly về dồn điền đổi thửa.
"""


@pytest.fixture
def sources(tree, users):
    mine, _ = services.ingest_text(
        actor=users["commune"], area=tree["commune"], text=ARTICLE
    )
    mine.facts = FACTS
    mine.save(update_fields=["facts"])
    theirs, _ = services.ingest_text(
        actor=users["sibling"], area=tree["sibling"], text=SIBLING_TEXT
    )
    return {"mine": mine, "theirs": theirs}
