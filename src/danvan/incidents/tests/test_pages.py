"""The hot spots' pages: the list and its filters, XLSX, a hot spot's page,
the forms (create, edit, follow-up, link), the view by commune, the home
page, the command, and their query counts."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from danvan.common.actors import system_actor
from danvan.incidents.models import Incident, Severity, Status
from danvan.incidents.tests.factories import FollowUpFactory, IncidentFactory

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def spots(tree, bodies):
    """An overdue one in the commune's village, an escalating one in the
    commune, a closed one, and one of the sibling commune."""
    late = IncidentFactory.create(
        title="Tranh chấp đất nương rẫy thôn Trung Tâm",
        owner_body=bodies["commune"],
        area=tree["village"],
        due_on=D(2026, 8, 20),
        severity=Severity.HIGH,
    )
    rising = IncidentFactory.create(
        title="Tụ tập đông người phản đối giải phóng mặt bằng",
        owner_body=bodies["commune"],
    )
    FollowUpFactory.create(incident=rising, people=60, status=Status.HANDLING)
    done = IncidentFactory.create(
        title="Mâu thuẫn dòng họ đã hòa giải", owner_body=bodies["commune"]
    )
    FollowUpFactory.create(incident=done, status=Status.CLOSED)
    other = IncidentFactory.create(
        title="Vụ việc của xã Hạnh Phúc", owner_body=bodies["sibling"]
    )
    return {"late": late, "rising": rising, "done": done, "other": other}


def _text(response):
    return response.content.decode()


def test_list_scoped_and_filtered(client, users, spots):
    client.force_login(users["commune"])
    page = _text(client.get(reverse("incidents:list")))
    assert spots["late"].title in page
    assert spots["other"].title not in page
    overdue = _text(client.get(reverse("incidents:list") + "?overdue=1"))
    assert spots["late"].title in overdue
    assert spots["rising"].title not in overdue
    rising = _text(client.get(reverse("incidents:list") + "?escalating=1"))
    assert spots["rising"].title in rising
    assert spots["late"].title not in rising
    found = _text(client.get(reverse("incidents:list") + "?q=tu tap dong nguoi"))
    assert spots["rising"].title in found
    assert spots["done"].title not in found
    opened = _text(client.get(reverse("incidents:list") + "?status=open"))
    assert spots["done"].title not in opened


def test_level_above_sees_the_communes_spots(client, users, spots):
    client.force_login(users["province"])
    page = _text(client.get(reverse("incidents:list") + "?sort=-severity"))
    assert spots["late"].title in page
    assert spots["other"].title in page


def test_export_has_the_filtered_rows(client, users, spots):
    client.force_login(users["commune"])
    response = client.get(reverse("incidents:export") + "?overdue=1")
    sheet = load_workbook(io.BytesIO(response.content)).active
    titles = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert titles == [spots["late"].title]
    assert sheet.cell(1, 1).value == "Ngày phát sinh"


def test_detail_timeline_and_rights(client, users, spots):
    incident = spots["rising"]
    client.force_login(users["commune"])
    page = _text(client.get(incident.get_absolute_url()))
    assert "Tổ công tác gặp gỡ các hộ" in page
    assert "phức tạp thêm" in page
    assert reverse("incidents:follow_up_add", args=[incident.pk]) in page
    client.force_login(users["viewer"])
    page = _text(client.get(incident.get_absolute_url()))
    assert reverse("incidents:follow_up_add", args=[incident.pk]) not in page
    client.force_login(users["sibling"])
    assert client.get(incident.get_absolute_url()).status_code == 404


def test_create_and_follow_up_through_the_forms(client, users, tree, bodies):
    from danvan.situation.tests.factories import TopicFactory

    topic = TopicFactory.create(code="land")
    client.force_login(users["commune"])
    response = client.post(
        reverse("incidents:create"),
        {
            "title": "Tranh chấp ranh giới rừng cộng đồng",
            "area": tree["village"].pk,
            "topic": topic.pk,
            "owner_body": bodies["commune"].pk,
            "arose_on": "15/08/2026",
            "severity": "3",
            "people": "1.200",
            "due_on": "30/09/2026",
        },
    )
    incident = Incident.objects.get()
    assert response.status_code == 302
    assert incident.people == 1200
    assert incident.due_on == D(2026, 9, 30)
    response = client.post(
        reverse("incidents:follow_up_add", args=[incident.pk]),
        {
            "on": "20/08/2026",
            "text": "Họp dân thôn, giải thích chính sách",
            "status": "handling",
        },
    )
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.status == Status.HANDLING
    # A date in the future: the form says why, nothing is saved.
    response = client.post(
        reverse("incidents:follow_up_add", args=[incident.pk]),
        {"on": "20/12/2026", "text": "Chưa xảy ra"},
    )
    assert response.status_code == 200
    assert "tương lai" in _text(response)
    assert incident.follow_ups.count() == 1


def test_edit_refused_to_others(client, users, spots):
    incident = spots["late"]
    client.force_login(users["viewer"])
    assert (
        client.get(reverse("incidents:incident_edit", args=[incident.pk])).status_code
        == 403
    )
    client.force_login(users["sibling"])
    assert (
        client.get(reverse("incidents:incident_edit", args=[incident.pk])).status_code
        == 404
    )


def test_link_and_unlink_a_meeting(client, users, spots, bodies):
    from danvan.meetings import services as meetings

    meeting = meetings.create_meeting(
        actor=system_actor(),
        convening_body=bodies["commune"],
        kind="giao_ban",
        title="Giao ban bàn giải pháp tranh chấp",
        held_on=D(2026, 8, 5),
    )
    incident = spots["late"]
    client.force_login(users["commune"])
    form = _text(client.get(reverse("incidents:link_add", args=[incident.pk])))
    assert "Giao ban bàn giải pháp tranh chấp" in form
    client.post(
        reverse("incidents:link_add", args=[incident.pk]), {"meeting": meeting.pk}
    )
    assert list(incident.meetings.all()) == [meeting]
    assert "Giao ban bàn giải pháp tranh chấp" in _text(
        client.get(incident.get_absolute_url())
    )
    client.post(
        reverse("incidents:link_remove", args=[incident.pk]),
        {"kind": "meeting", "row": meeting.pk},
    )
    assert not incident.meetings.exists()


def test_history_never_names_a_link_the_reader_does_not_see(
    client, users, spots, bodies
):
    from danvan.meetings import services as meetings

    hidden = meetings.create_meeting(
        actor=system_actor(),
        convening_body=bodies["sibling"],
        kind="giao_ban",
        title="Giao ban riêng của xã bạn",
        held_on=D(2026, 8, 5),
    )
    from danvan.incidents import services

    services.link(actor=users["province"], incident=spots["late"], meetings=[hidden])
    client.force_login(users["commune"])
    page = _text(client.get(spots["late"].get_absolute_url()))
    assert "Giao ban riêng của xã bạn" not in page
    assert "đã thêm liên kết" in page.lower()
    assert "1 liên kết tới hồ sơ của đơn vị khác" in page


def test_communes_counts_and_colours(client, users, spots, tree):
    client.force_login(users["province"])
    response = client.get(
        reverse("incidents:communes") + f"?area={tree['province'].pk}"
    )
    rows = {r["name"]: r for r in map(vars, response.context["rows"])}
    own = rows[tree["commune"].full_name]
    assert own["total"] == 3
    assert own["closed"] == 1
    assert own["overdue"] == 1
    assert own["escalating"] == 1
    assert own["worst"] == Severity.HIGH
    assert rows[tree["sibling"].full_name]["total"] == 1
    assert 'class="worst-3"' in _text(response)
    # Sorted by the number of hot spots, fewest first.
    response = client.get(
        reverse("incidents:communes") + f"?area={tree['province'].pk}&sort=total"
    )
    totals = [r.total for r in response.context["rows"]]
    assert totals == sorted(totals)
    # The commune's officer sees only their commune.
    client.force_login(users["commune"])
    response = client.get(reverse("incidents:communes"))
    assert [r.name for r in response.context["rows"]] == [tree["commune"].full_name]
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("incidents:communes_export")).content)
    ).active
    assert sheet.cell(2, 2).value == 3


def test_home_page_shows_overdue_and_escalating(client, users, spots):
    for user in (users["commune"], users["province"]):
        client.force_login(user)
        page = _text(client.get(reverse("home")))
        assert "Điểm nóng quá hạn" in page
        assert "Điểm nóng có chiều hướng phức tạp thêm" in page
    client.force_login(users["sibling"])
    page = _text(client.get(reverse("home")))
    assert "Điểm nóng quá hạn" not in page


def test_overdue_command(spots, tree):
    out = io.StringIO()
    call_command("incidents_overdue", "--area", "04591", stdout=out)
    text = out.getvalue()
    assert spots["late"].title in text
    assert spots["other"].title not in text
    assert "1 điểm nóng quá hạn ngày 01/09/2026." in text
    out = io.StringIO()
    call_command("incidents_overdue", "--on", "2026-08-15", stdout=out)
    assert "0 điểm nóng quá hạn ngày 15/08/2026." in out.getvalue()


def _count(client, url, django_assert_max_num_queries, limit):
    client.get(url)  # the scope and the kept figures are read once
    with django_assert_max_num_queries(limit) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize(
    ("url", "limit"),
    [
        (lambda s: reverse("incidents:list"), 4),
        (lambda s: reverse("incidents:list") + "?overdue=1&sort=severity", 4),
        (lambda s: reverse("incidents:communes"), 4),
        (lambda s: reverse("incident-list"), 7),
        (lambda s: reverse("incidents:incident_detail", args=[s["rising"].pk]), 10),
    ],
)
def test_few_rows_and_many_cost_the_same(
    client, users, spots, bodies, django_assert_max_num_queries, url, limit
):
    client.force_login(users["province"])
    few = _count(client, url(spots), django_assert_max_num_queries, limit)
    for _ in range(6):
        spot = IncidentFactory.create(owner_body=bodies["commune"])
        FollowUpFactory.create(incident=spot)
        FollowUpFactory.create(incident=spots["rising"])
    many = _count(client, url(spots), django_assert_max_num_queries, limit)
    assert many == few


def test_overdue_command_refuses_an_unknown_area(spots):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không có địa bàn"):
        call_command("incidents_overdue", "--area", "99999", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command("incidents_overdue", "--on", "31/12/2026", stdout=io.StringIO())
