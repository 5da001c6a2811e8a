"""The "tình hình Nhân dân" section from the people's apps' registers
(``reports.sources.people``): the situation by topic with its assessment,
hot spots, dialogues and opinions, reception days, petitions; Vietnamese
sentences, every figure a link to its list; one query per register."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.datasets.models import Period
from danvan.datasets.tests.test_providers import People, build_people
from danvan.reports.draft import write_draft
from danvan.reports.models import Source
from danvan.reports.outline import DEFAULT_OUTLINE
from danvan.reports.sources import Context, people
from danvan.reports.tests.test_draft import body, make_report, make_type
from danvan.units.models import Body

FIGURE = re.compile(r'<a href="(/[^"]*)" data-figure="([^"]+)">([^<]+)</a>')


@pytest.fixture
def bodies(tree):
    kind = Body.Kind
    return {
        "province": body("Tỉnh ủy Lào Cai", tree["province"], kind.PARTY_COMMITTEE),
        "commune": body("Đảng ủy xã Trạm Tấu", tree["commune"], kind.PARTY_COMMITTEE),
        "sibling": body("Đảng ủy xã Hạnh Phúc", tree["sibling"], kind.PARTY_COMMITTEE),
    }


@pytest.fixture
def world(tree, bodies, settings) -> People:
    """The rows of the registers, as the sums' tests make them."""
    settings.DANVAN_TODAY = "2026-12-06"
    return build_people(tree, bodies)


def figures_of(html: str) -> dict[str, tuple[str, str]]:
    return {key: (href, shown) for href, key, shown in FIGURE.findall(html)}


def test_the_outline_writes_the_people_first():
    situation = next(p for p in DEFAULT_OUTLINE if p.key == "situation")
    assert situation.fills[0] == Source.PEOPLE


@pytest.mark.usefixtures("world")
def test_the_section_quotes_the_registers(tree, bodies):
    report_type = make_type(bodies["province"], tree["province"], period_type="quarter")
    report = make_report(
        report_type, bodies["commune"], Period.objects.of("quarter", 2026, 1)
    )
    html = write_draft(report).sections["situation"]
    found = figures_of(html)
    # The situation: three entries, two complex (one place), one with signs.
    assert "Nắm tình hình Nhân dân trong kỳ" in html
    assert found["people.situation.entries"][1] == "3"
    assert found["people.situation.complex"][1] == "2"
    assert found["people.situation.signs"][1] == "1"
    assert found["people.situation.entries"][0].startswith("/situation/period/?area=")
    assert ": 1 địa bàn phức tạp, 1 địa bàn có biểu hiện phức tạp.</li>" in html
    assert "cơ bản ổn định" not in html
    # Hot spots: arisen 20/1, the former xã Pá Lau's closed 10/2, one open
    # and overdue (due 1/3) at the span's end; xã Hạnh Phúc's never counts.
    assert found["people.incidents.arisen"][1] == "1"
    assert found["people.incidents.people"][1] == "12"
    assert found["people.incidents.closed"][1] == "1"
    assert found["people.incidents.overdue"][1] == "1"
    assert found["people.incidents.overdue"][0].startswith("/hot-spots/?")
    assert "overdue=1" in found["people.incidents.overdue"][0]
    # Dialogues: one session, three opinions, one answered there (33,3%).
    assert found["people.dialogues.sessions"][1] == "1"
    assert found["people.dialogues.participants"][1] == "40"
    assert found["people.dialogues.opinions"][1] == "3"
    assert "(33,3%)" in html
    assert found["people.dialogues.reception_days"][1] == "1"
    assert found["people.dialogues.citizens"][1] == "9"
    # Petitions: two received in the span (a crowd complaint, a
    # recommendation answered on time).
    assert found["people.petitions.received"][1] == "2"
    assert found["people.petitions.complaint"][1] == "1"
    assert "kind=complaint" in found["people.petitions.complaint"][0]
    assert found["people.petitions.crowd"][1] == "1"
    assert found["people.petitions.settled"][1] == "1"
    assert found["people.petitions.on_time"][1] == "1"
    assert "quá hạn giải quyết" not in html
    assert found["people.petitions.received"][0].startswith("/petitions/?area=")


@pytest.mark.usefixtures("world")
def test_the_sibling_reads_only_its_own(tree, bodies):
    report_type = make_type(bodies["province"], tree["province"], period_type="quarter")
    report = make_report(
        report_type, bodies["sibling"], Period.objects.of("quarter", 2026, 1)
    )
    html = write_draft(report).sections["situation"]
    found = figures_of(html)
    assert found["people.situation.stable"][1] == "1"
    assert "Tình hình Nhân dân cơ bản ổn định." in html
    assert found["people.incidents.arisen"][1] == "1"
    assert "Trong kỳ không tiếp nhận đơn thư" in html
    assert "chưa ghi nhận cuộc đối thoại trực tiếp" in html


def test_an_empty_span_says_so(tree, bodies, settings):
    settings.DANVAN_TODAY = "2026-12-06"
    report_type = make_type(bodies["province"], tree["province"], period_type="quarter")
    report = make_report(
        report_type, bodies["commune"], Period.objects.of("quarter", 2026, 1)
    )
    html = write_draft(report).sections["situation"]
    assert "chưa có nội dung nào về tình hình Nhân dân" in html
    assert "không phát sinh điểm nóng" in html
    assert 'data-figure="people.' not in html


@pytest.mark.usefixtures("world")
def test_one_query_per_register(tree, bodies):
    report_type = make_type(bodies["province"], tree["province"], period_type="quarter")
    report = make_report(
        report_type, bodies["province"], Period.objects.of("quarter", 2026, 1)
    )
    ctx = Context.of(report)
    with CaptureQueriesContext(connection) as queries:
        found = people.people(ctx)
        people.people(ctx)  # read once for the report
    tables = [
        "situation_entry",
        "incidents_incident",
        "dialogues_session",
        "dialogues_issue",
        "dialogues_reception",
        "petitions_petition",
    ]
    read = [
        t for q in queries.captured_queries for t in tables if f'FROM "{t}"' in q["sql"]
    ]
    # The situation by topic; the other registers' figures with the sums.
    assert sorted(read) == sorted(tables)
    assert len(queries) <= len(tables) + 6
    assert found.value("incidents.arisen") == 2  # the province: both communes
