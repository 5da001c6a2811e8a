"""A meeting made from a text: its organiser, title, chair and conclusions."""

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse

from danvan.accounts.models import User
from danvan.common.actors import system_actor
from danvan.ingestion import services as ingestion
from danvan.meetings.models import Meeting
from danvan.records import meeting_text, services
from danvan.records.tests.conftest import facts, record_of
from danvan.units import services as units
from danvan.units.models import Area, Body, Person

pytestmark = pytest.mark.django_db
DEV = Path(__file__).resolve().parents[5] / "shared" / "extraction" / "dev"
DEMO = Path(__file__).resolve().parents[2] / "ingestion" / "demo_texts"
BEFORE = dt.date(2024, 1, 1)

DEMO_TEXT = (DEMO / "08-xa-tram-tau-giao-ban-quy-3-2025.txt").read_text()


def test_the_organiser_is_read_from_the_sentence_that_convenes():
    assert meeting_text.organiser_phrase(DEMO_TEXT) == "dang uy xa tram tau"
    text = "Sáng ngày 03/10, Thường trực Huyện ủy tổ chức Hội nghị giao ban."
    assert meeting_text.organiser_phrase(text) == "huyen uy"
    assert meeting_text.matches_organiser("huyen uy", "Huyện ủy Kim Sơn")
    assert not meeting_text.matches_organiser("huyen uy", "Ủy ban MTTQ huyện Kim Sơn")
    assert meeting_text.organiser_phrase("Báo cáo kết quả quý I.") == ""


def test_the_chair_is_the_one_who_chaired_else_a_secretary():
    people = [
        {"name": "Giàng A Sử", "position": "Chủ tịch Ủy ban MTTQ Việt Nam xã"},
        {"name": "Nguyễn Văn Minh", "position": "Phó Bí thư Thường trực Đảng ủy xã"},
    ]
    assert meeting_text.chair_index(DEMO_TEXT, people) == 1
    assert meeting_text.chair_index("Không ai chủ trì.", people) == 0
    assert meeting_text.chair_index("", [people[1]]) == 0
    assert meeting_text.chair_index("", []) is None


def test_conclusions_are_the_sentences_after_the_cue():
    assert meeting_text.conclusions(DEMO_TEXT) == [
        "Các chi bộ thôn, bản tiếp tục bám dân, nắm chắc tình hình; chuẩn bị tốt "
        "nội dung đối thoại giữa Bí thư Đảng ủy xã với Nhân dân trong tháng "
        "11/2025 theo Quy định số 11-QĐi/TW của Bộ Chính trị."
    ]
    text = "Hội nghị.\nĐồng chí Bí thư kết luận: Làm tốt A. Làm tốt B.\nTác giả"
    assert meeting_text.conclusions(text) == ["Làm tốt A.", "Làm tốt B."]
    assert meeting_text.conclusions("Không có gì.") == []


@pytest.fixture
def demo_source(tree, users, committee):
    """The demo text 08 as the commune confirms it; the commune has two bodies."""
    units.create_body(
        actor=system_actor(),
        name="Ủy ban MTTQ Việt Nam xã Trạm Tấu",
        kind=Body.Kind.FRONT,
        area=tree["commune"],
    )
    text, _ = ingestion.ingest_text(
        actor=users["commune"],
        area=tree["commune"],
        text=DEMO_TEXT,
        title="Xã Trạm Tấu giao ban công tác dân vận quý III năm 2025",
    )
    confirmed = facts(
        title="Xã Trạm Tấu giao ban công tác dân vận quý III năm 2025",
        period={"start": "2025-07-01", "end": "2025-09-30"},
        meeting={"kind": "giao ban", "date": "2025-10-07"},
        people=[
            {"name": "Giàng A Sử", "position": "Chủ tịch Ủy ban MTTQ Việt Nam xã"},
            {
                "name": "Nguyễn Văn Minh",
                "position": "Phó Bí thư Thường trực Đảng ủy xã",
            },
        ],
    )
    return ingestion.confirm_facts(actor=users["commune"], source=text, facts=confirmed)


def test_a_meeting_from_the_demo_text_has_its_organiser_title_chair_conclusions(
    demo_source, committee, users, tree
):
    proposal = services.propose_meeting(users["commune"], demo_source)
    assert len(proposal.bodies) == 2
    assert proposal.body == committee
    assert proposal.title == "Hội nghị giao ban quý III/2025 của Đảng ủy xã Trạm Tấu"
    assert proposal.chair is not None
    assert proposal.chair["name"] == "Nguyễn Văn Minh"

    meeting = record_of(
        services.record_meeting(
            actor=users["commune"], source=demo_source, convening_body=committee
        ),
        Meeting,
    )
    assert meeting.title == "Hội nghị giao ban quý III/2025 của Đảng ủy xã Trạm Tấu"
    assert demo_source.title.startswith("Xã Trạm Tấu giao ban")
    assert meeting.chair is not None
    assert meeting.chair.full_name == "Nguyễn Văn Minh"
    assert meeting.chair.area == tree["commune"]
    assert meeting.chair_name == "Nguyễn Văn Minh, Phó Bí thư Thường trực Đảng ủy xã"
    assert [c.text for c in meeting.conclusions.all()] == proposal.conclusions
    # The chair's fact is linked to the person made, so no twin is made later.
    again = services.record_person(actor=users["commune"], source=demo_source, index=1)
    assert again.record == meeting.chair
    assert Person.objects.filter(full_name="Nguyễn Văn Minh").count() == 1


def test_the_chair_links_to_the_person_of_the_area(demo_source, committee, users, tree):
    known = units.create_person(
        actor=system_actor(), full_name="Nguyễn Văn Minh", area=tree["commune"]
    )
    meeting = record_of(
        services.record_meeting(
            actor=users["commune"], source=demo_source, convening_body=committee
        ),
        Meeting,
    )
    assert meeting.chair == known


def test_the_panel_proposes_and_the_officer_edits_before_saving(
    client, demo_source, committee, users
):
    client.force_login(users["commune"])
    page = client.get(reverse("records:source_records", args=[demo_source.pk]))
    html = page.content.decode()
    assert f'<option value="{committee.pk}" selected>' in html
    assert "Hội nghị giao ban quý III/2025 của Đảng ủy xã Trạm Tấu" in html
    assert "Các chi bộ thôn, bản tiếp tục bám dân" in html
    client.post(
        reverse("records:make_meeting", args=[demo_source.pk]),
        {
            "body": committee.pk,
            "title": "Giao ban quý III/2025",
            "conclusions": "Bám dân, nắm chắc tình hình.\n\nChuẩn bị đối thoại.",
        },
    )
    meeting = Meeting.objects.get(convening_body=committee)
    assert meeting.title == "Giao ban quý III/2025"
    assert [c.text for c in meeting.conclusions.all()] == [
        "Bám dân, nắm chắc tình hình.",
        "Chuẩn bị đối thoại.",
    ]


def test_no_default_when_the_text_names_no_body_of_the_area(source, users, tree):
    units.create_body(
        actor=system_actor(),
        name="Ủy ban MTTQ Việt Nam xã Trạm Tấu",
        kind=Body.Kind.FRONT,
        area=tree["commune"],
    )
    assert services.default_convening_body(users["commune"], source) is None


@pytest.mark.skipif(not DEV.is_dir(), reason=f"SKIPPED: no dev articles at {DEV}")
def test_the_kim_son_briefing_from_the_dev_article(tree):
    admin = User.objects.create_superuser("meeting-admin", password="x-secret-1")
    area = Area.objects.resolve("376", BEFORE)
    front = units.create_body(
        actor=system_actor(),
        name="Ban Dân vận Huyện ủy Kim Sơn",
        kind=Body.Kind.PARTY_BOARD,
        area=area,
        valid_to=dt.date(2025, 6, 30),
    )
    committee = units.create_body(
        actor=system_actor(),
        name="Huyện ủy Kim Sơn",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=area,
        valid_to=dt.date(2025, 6, 30),
    )
    path = next(DEV.glob("001_*.txt"))
    source, _ = ingestion.ingest_bytes(
        actor=admin, area=area, data=path.read_bytes(), filename=path.name
    )
    source = ingestion.confirm_facts(actor=admin, source=source, facts=source.facts)
    proposal = services.propose_meeting(admin, source)
    assert front in proposal.bodies
    assert proposal.body == committee
    meeting = record_of(
        services.record_meeting(actor=admin, source=source, convening_body=committee),
        Meeting,
    )
    assert (
        meeting.title == "Hội nghị giao ban 9 tháng đầu năm 2018 của Huyện ủy Kim Sơn"
    )
    assert meeting.chair is not None
    assert meeting.chair.full_name == "Hoàng Văn Thắng"
    texts = [c.text for c in meeting.conclusions.all()]
    assert texts[0].startswith("Cấp ủy, chính quyền, khối dân vận từ huyện đến cơ sở")
    assert texts[-1].startswith("Phối hợp vận động thực hiện công tác tuyển quân")
