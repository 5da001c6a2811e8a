"""The five dev articles: brought in, confirmed as read, and made into records.

The articles are read from ../shared/extraction/dev/ (never copied here).
"""

import datetime as dt
from pathlib import Path

import pytest

from danvan.accounts.models import User
from danvan.common.actors import system_actor
from danvan.documents.models import Document
from danvan.ingestion import services as ingestion
from danvan.meetings.models import Meeting
from danvan.records import services
from danvan.units import services as units
from danvan.units.models import Area, Body, Person

DEV = Path(__file__).resolve().parents[5] / "shared" / "extraction" / "dev"
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not DEV.is_dir(), reason=f"SKIPPED: no dev articles at {DEV}"),
]
BEFORE = dt.date(2024, 1, 1)
# Article -> (area code on BEFORE, convening body of its meeting).
ARTICLES = {
    "000": ("139", "Huyện ủy Trạm Tấu"),
    "001": ("376", "Huyện ủy Kim Sơn"),
    "002": ("15", "Tỉnh ủy Yên Bái"),
    "003": ("15", "Tỉnh ủy Yên Bái"),
    "004": ("088", "Thị ủy Sa Pa"),
}


def test_dev_articles_become_records(tree):
    admin = User.objects.create_superuser("records-admin", password="x-secret-1")
    made = {}
    for path in sorted(DEV.glob("*.txt")):
        code, body_name = ARTICLES[path.name[:3]]
        area = Area.objects.resolve(code, BEFORE)
        body = Body.objects.filter(name=body_name).first() or units.create_body(
            actor=system_actor(),
            name=body_name,
            kind=Body.Kind.PARTY_COMMITTEE,
            area=area,
            valid_to=dt.date(2025, 6, 30),
        )
        source, _ = ingestion.ingest_bytes(
            actor=admin, area=area, data=path.read_bytes(), filename=path.name
        )
        source = ingestion.confirm_facts(actor=admin, source=source, facts=source.facts)
        confirmed = source.confirmed_facts
        assert confirmed is not None
        for index, ref in enumerate(confirmed["doc_refs"]):
            if ref["date"]:
                services.record_document(actor=admin, source=source, index=index)
        if confirmed["meeting"] and confirmed["meeting"]["date"]:
            services.record_meeting(actor=admin, source=source, convening_body=body)
        for index, _person in enumerate(confirmed["people"]):
            services.record_person(actor=admin, source=source, index=index)
        made[path.name[:3]] = source

    plan = Document.objects.get(kind=Document.Kind.PLAN, number="106")
    assert plan.reference == "106-KH/HU"
    assert plan.issued_on == dt.date(2020, 1, 3)
    assert plan.area.code == "139"
    assert services.links_of(plan).get().source == made["000"]

    briefing = Meeting.objects.get(held_on=dt.date(2018, 10, 3))
    assert briefing.kind == Meeting.Kind.BRIEFING
    assert (briefing.period_start, briefing.period_end) == (
        dt.date(2018, 1, 1),
        dt.date(2018, 9, 30),
    )
    assert briefing.convening_body.name == "Huyện ủy Kim Sơn"

    assert (
        Document.objects.filter(kind=Document.Kind.DIRECTIVE, number="06")
        .get()
        .reference
        == "06-CT/TU"
    )
    people = set(Person.objects.values_list("full_name", flat=True))
    assert {"Trịnh Văn Xuê", "Hoàng Văn Thắng", "Trần Văn Chung"} <= people
