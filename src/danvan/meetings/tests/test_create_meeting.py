"""Recording a meeting: its series, period dates, people, checks and audit."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.common.actors import system_actor
from danvan.meetings import services
from danvan.meetings.models import Meeting, MeetingSeries

pytestmark = pytest.mark.django_db
D = dt.date


def test_meeting_is_recorded_with_its_period_and_series(make_meeting, people, tree):
    meeting = make_meeting(
        attendees=[people["chair"], people["front_head"]],
        guests="Đại diện Công an xã\nBí thư các chi bộ",
        agenda="Đánh giá kết quả tháng 9\nTriển khai nhiệm vụ tháng 10",
    )
    assert meeting.period_start == D(2026, 9, 1)
    assert meeting.period_end == D(2026, 9, 30)
    assert meeting.period_label == "tháng 9/2026"
    assert meeting.area == tree["commune"]
    assert meeting.series.name == "Giao ban"
    assert meeting.series.body == meeting.convening_body
    assert set(meeting.attendees.all()) == {people["chair"], people["front_head"]}
    assert "giang a su" in meeting.search_text
    assert "cong an xa" in meeting.search_text
    assert services.chair_label(meeting) == (
        "Nguyễn Văn Minh, Phó Bí thư Thường trực Đảng ủy xã"
    )


def test_meetings_of_a_body_and_kind_share_a_series(make_meeting):
    first = make_meeting()
    second = make_meeting(held_on=D(2026, 11, 4), period_number=10)
    thematic = make_meeting(kind="chuyen_de", title="Chuyên đề dân vận khéo")
    named = make_meeting(series_name="Giao ban khối dân vận")
    same_name = make_meeting(
        series_name="giao ban khoi dan van", held_on=D(2026, 12, 1)
    )
    assert first.series == second.series
    assert thematic.series != first.series
    assert named.series != first.series
    assert same_name.series == named.series
    assert MeetingSeries.objects.count() == 3


def test_quarter_and_cumulative_periods_get_dates(make_meeting):
    quarter = make_meeting(period_type="quarter", period_number=2, period_year=2026)
    assert (quarter.period_start, quarter.period_end) == (D(2026, 4, 1), D(2026, 6, 30))
    nine = make_meeting(period_type="9m", period_number=None, period_year=2026)
    assert (nine.period_start, nine.period_end) == (D(2026, 1, 1), D(2026, 9, 30))
    custom = make_meeting(
        period_type="custom",
        period_year=None,
        period_number=None,
        period_start=D(2026, 7, 15),
        period_end=D(2026, 10, 14),
    )
    assert custom.period_year == 2026
    none = make_meeting(period_type="", period_year=None, period_number=None)
    assert none.period_start is None
    assert none.period_label == ""


def test_a_wrong_period_is_a_field_error(make_meeting):
    with pytest.raises(ValidationError) as error:
        make_meeting(period_type="quarter", period_number=5)
    assert "period_number" in error.value.message_dict
    assert not Meeting.objects.exists()


def test_body_must_exist_on_the_meeting_date(make_meeting, bodies):
    with pytest.raises(ValidationError) as error:
        make_meeting(convening_body=bodies["district"])  # ended 30/6/2025
    assert "convening_body" in error.value.message_dict
    old = make_meeting(
        convening_body=bodies["district"],
        held_on=D(2021, 7, 12),
        period_type="6m",
        period_year=2021,
        chair=None,
        chair_name="Nguyễn Văn Minh, Trưởng Ban Dân vận Huyện ủy",
    )
    assert old.area.code == "139"


def test_only_editors_of_the_body_record_its_meetings(make_meeting, users, bodies):
    with pytest.raises(PermissionDenied):
        make_meeting(actor=users["sibling"])
    with pytest.raises(PermissionDenied):
        make_meeting(actor=users["viewer"])
    meeting = make_meeting(actor=users["commune"])
    assert meeting.created_by == users["commune"]
    entry = LogEntry.objects.get_for_object(meeting).get()
    assert entry.actor == users["commune"]


def test_people_of_another_unit_cannot_attend_by_the_back_door(
    make_meeting, users, people
):
    with pytest.raises(ValidationError):
        make_meeting(actor=users["commune"], attendees=[people["stranger"]])


def test_update_moves_the_meeting_and_keeps_search_current(make_meeting, users, bodies):
    meeting = make_meeting(actor=users["commune"])
    services.update_meeting(
        actor=users["commune"],
        meeting=meeting,
        title="Giao ban mở rộng tháng 9",
        kind="so_ket",
        place="Nhà văn hóa thôn Trung Tâm",
    )
    meeting.refresh_from_db()
    assert meeting.series.kind == "so_ket"
    assert "nha van hoa" in meeting.search_text
    with pytest.raises(PermissionDenied):
        services.update_meeting(
            actor=users["commune"], meeting=meeting, convening_body=bodies["sibling"]
        )
    with pytest.raises(PermissionDenied):
        services.update_meeting(actor=users["sibling"], meeting=meeting, title="x")


def test_people_holding_a_position_in_a_visible_body_can_attend(
    make_meeting, users, bodies, people, tree
):
    from danvan.units import services as units

    # Kept by the former province of Yên Bái, deputy secretary of the commune.
    kept_elsewhere = units.create_person(
        actor=system_actor(), full_name="Vàng A Dình", area=tree["yen_bai"]
    )
    units.appoint(
        actor=system_actor(),
        person=kept_elsewhere,
        body=bodies["commune"],
        title="Phó Bí thư Đảng ủy xã",
        valid_from=D(2025, 7, 1),
    )
    chosen = services.people_for(users["commune"])
    assert kept_elsewhere in chosen
    assert people["stranger"] not in chosen  # kept by the sibling commune
    assert people["deputy"] not in chosen  # of the province's board
    meeting = make_meeting(actor=users["commune"], attendees=[kept_elsewhere])
    assert list(meeting.attendees.all()) == [kept_elsewhere]
