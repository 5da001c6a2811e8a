"""Demo texts: a dozen articles and reports brought in by the demo users.

The texts in ``demo_texts/`` were written for the project (fictional people and
local documents; real places and central documents). Each is brought in by the
demo user of its area and read by the extractor; the five with a
``.facts.json`` beside them are confirmed by that user with those facts.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.db import transaction

from danvan.accounts.models import User
from danvan.ingestion import services
from danvan.units.models import Area

DEMO_DIR = Path(__file__).resolve().parent / "demo_texts"
BEFORE = dt.date(2024, 1, 1)
AFTER = dt.date(2025, 7, 1)

# (file, area code, the date the code is read on, demo user who brings it in)
TEXTS = [
    ("01-tram-tau-so-ket-6-thang-2019.txt", "139", BEFORE, "bdv.laocai"),
    ("02-bao-cao-bdv-huyen-tram-tau-nam-2023.txt", "139", BEFORE, "bdv.laocai"),
    ("03-sa-pa-doi-thoai-2021.txt", "088", BEFORE, "tinh.laocai"),
    ("04-sa-pa-ke-hoach-dan-van-kheo-2022.txt", "088", BEFORE, "bdv.laocai"),
    ("05-kim-son-tong-ket-nghi-quyet-25-2023.txt", "376", BEFORE, "tinh.ninhbinh"),
    ("06-kim-dong-mo-hinh-nuoi-ngao-2022.html", "14698", BEFORE, "tinh.ninhbinh"),
    ("07-lao-cai-ban-tgdv-6-thang-cuoi-2025.txt", "15", AFTER, "bdv.laocai"),
    ("08-xa-tram-tau-giao-ban-quy-3-2025.txt", "04591", AFTER, "xa.tramtau"),
    ("09-bao-cao-dang-uy-xa-tram-tau-quy-3-2025.txt", "04591", AFTER, "xa.tramtau"),
    ("10-xa-hanh-phuc-doi-thoai-2025.txt", "04585", AFTER, "xa.hanhphuc"),
    ("11-ninh-binh-tap-huan-dan-van-2025.txt", "37", AFTER, "tinh.ninhbinh"),
    ("12-tram-tau-5-nam-quy-dinh-11-2024.txt", "139", BEFORE, "tinh.laocai"),
]


def confirmed_facts_file(filename: str) -> Path:
    return DEMO_DIR / f"{Path(filename).stem}.facts.json"


@transaction.atomic
def load_demo_texts() -> int:
    """Bring the demo texts in once; return how many were new."""
    created_count = 0
    for filename, code, on, username in TEXTS:
        user = User.objects.get(username=username)
        area = Area.objects.resolve(code, on)
        data = (DEMO_DIR / filename).read_bytes()
        source, created = services.ingest_bytes(
            actor=user, area=area, data=data, filename=filename
        )
        created_count += created
        facts_file = confirmed_facts_file(filename)
        if created and facts_file.exists():
            facts = json.loads(facts_file.read_text(encoding="utf-8"))
            # The body is the text as brought in; the file holds the rest.
            facts["body"] = source.facts.get("body") or source.text
            services.confirm_facts(actor=user, source=source, facts=facts)
    return created_count


def load_demo() -> None:
    """Called by ``danvan demo`` after the unit tree and the accounts."""
    load_demo_texts()
