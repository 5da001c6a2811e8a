"""The hot spots' services: opening, follow-ups applying their changes,
escalation, the status order, dates, rules, links."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from danvan.common.actors import system_actor
from danvan.incidents import services
from danvan.incidents.exceptions import IncidentError
from danvan.incidents.models import FollowUp, Incident, Severity, Status
from danvan.incidents.queries import escalating_q, overdue_q
from danvan.incidents.tests.factories import FollowUpFactory, IncidentFactory
from danvan.situation.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

D = dt.date


def _open(user, body, area, **kw):
    values = {
        "title": "Tranh chấp ranh giới đất rừng",
        "area": area,
        "topic": TopicFactory.create(code="land"),
        "owner_body": body,
        "arose_on": D(2026, 8, 1),
        "severity": Severity.MEDIUM,
    }
    values.update(kw)
    return services.open_incident(actor=user, **values)


def test_open_copies_paths_and_search(tree, bodies, users):
    incident = _open(
        users["commune"],
        bodies["commune"],
        tree["village"],
        parties="Hộ ông Giàng A Páo và hộ ông Sùng A Dế",
        people=8,
    )
    assert incident.status == Status.ARISEN
    assert incident.area_path == tree["village"].path
    assert incident.owner_body_path == bodies["commune"].path
    assert incident.created_by == users["commune"]
    assert Incident.objects.search("giang a pao").get() == incident


def test_open_refuses_the_future_and_deadlines_before_it(tree, bodies, users):
    with pytest.raises(IncidentError, match="tương lai"):
        _open(
            users["commune"], bodies["commune"], tree["commune"], arose_on=D(2026, 9, 2)
        )
    with pytest.raises(IncidentError, match="trước ngày phát sinh"):
        _open(
            users["commune"],
            bodies["commune"],
            tree["commune"],
            due_on=D(2026, 7, 1),
        )
    with pytest.raises(IncidentError, match="xã hoặc thôn"):
        _open(users["province"], bodies["province"], tree["province"])
    assert not Incident.objects.exists()


def test_open_needs_an_editor_of_the_owner_body(tree, bodies, users):
    with pytest.raises(PermissionDenied):
        _open(users["sibling"], bodies["commune"], tree["commune"])
    with pytest.raises(PermissionDenied):
        _open(users["viewer"], bodies["commune"], tree["commune"])
    # The level above opens one for the commune.
    assert _open(users["province"], bodies["commune"], tree["commune"]).pk


def test_follow_up_applies_changes_and_escalates(tree, bodies):
    incident = IncidentFactory.create(owner_body=bodies["commune"], people=10)
    FollowUpFactory.create(
        incident=incident, on=D(2026, 8, 3), status=Status.HANDLING, people=25
    )
    incident.refresh_from_db()
    assert incident.status == Status.HANDLING
    assert incident.people == 25
    assert incident.escalating is True
    # A higher severity escalates it too; fewer people calm it.
    FollowUpFactory.create(incident=incident, on=D(2026, 8, 5), severity=Severity.HIGH)
    incident.refresh_from_db()
    assert incident.severity == Severity.HIGH
    assert incident.escalating
    FollowUpFactory.create(incident=incident, on=D(2026, 8, 9), people=4)
    incident.refresh_from_db()
    assert incident.people == 4
    assert incident.escalating is False
    steps = list(incident.follow_ups.values_list("escalating", flat=True))
    assert steps == [True, True, False]


def test_officer_marks_escalating_without_change(tree, bodies):
    incident = IncidentFactory.create(owner_body=bodies["commune"])
    FollowUpFactory.create(incident=incident, escalating=True)
    incident.refresh_from_db()
    assert incident.escalating is True
    # Nothing said, nothing calmer: it stays escalating.
    FollowUpFactory.create(incident=incident)
    incident.refresh_from_db()
    assert incident.escalating is True
    # More people cannot be marked "not escalating".
    FollowUpFactory.create(incident=incident, people=50, escalating=False)
    incident.refresh_from_db()
    assert incident.escalating is True


def test_closing_sets_closed_on_and_is_final(tree, bodies):
    incident = IncidentFactory.create(
        owner_body=bodies["commune"], next_review_on=D(2026, 8, 10)
    )
    FollowUpFactory.create(incident=incident, on=D(2026, 8, 20), status=Status.CLOSED)
    incident.refresh_from_db()
    assert incident.status == Status.CLOSED
    assert incident.closed_on == D(2026, 8, 20)
    assert incident.escalating is False
    with pytest.raises(IncidentError, match="đã kết thúc"):
        FollowUpFactory.create(incident=incident, on=D(2026, 8, 21))
    assert incident.follow_ups.count() == 1


def test_status_order(tree, bodies):
    incident = IncidentFactory.create(owner_body=bodies["commune"])
    FollowUpFactory.create(incident=incident, status=Status.STABLE)
    # A stabilised case may flare up again...
    FollowUpFactory.create(incident=incident, status=Status.HANDLING)
    incident.refresh_from_db()
    assert incident.status == Status.HANDLING
    # ...but never returns to "arisen".
    with pytest.raises(IncidentError, match="phát sinh"):
        FollowUpFactory.create(incident=incident, status=Status.ARISEN)
    incident.refresh_from_db()
    assert incident.status == Status.HANDLING


def test_follow_up_dates(tree, bodies):
    incident = IncidentFactory.create(owner_body=bodies["commune"])
    with pytest.raises(IncidentError, match="tương lai"):
        FollowUpFactory.create(incident=incident, on=D(2026, 9, 2))
    with pytest.raises(IncidentError, match="trước"):
        FollowUpFactory.create(incident=incident, on=D(2026, 7, 31))
    FollowUpFactory.create(incident=incident, on=D(2026, 8, 10))
    with pytest.raises(IncidentError, match="theo thứ tự"):
        FollowUpFactory.create(incident=incident, on=D(2026, 8, 9))
    with pytest.raises(IncidentError, match="trước"):
        FollowUpFactory.create(
            incident=incident, on=D(2026, 8, 11), next_review_on=D(2026, 8, 10)
        )
    assert incident.follow_ups.count() == 1


def test_follow_up_clears_a_review_date_it_meets(tree, bodies):
    incident = IncidentFactory.create(
        owner_body=bodies["commune"], next_review_on=D(2026, 8, 15)
    )
    assert Incident.objects.filter(overdue_q(D(2026, 8, 16))).exists()
    FollowUpFactory.create(incident=incident, on=D(2026, 8, 16))
    incident.refresh_from_db()
    assert incident.next_review_on is None
    FollowUpFactory.create(
        incident=incident, on=D(2026, 8, 17), next_review_on=D(2026, 8, 30)
    )
    incident.refresh_from_db()
    assert incident.next_review_on == D(2026, 8, 30)
    assert not Incident.objects.filter(overdue_q(D(2026, 8, 30))).exists()
    assert Incident.objects.filter(overdue_q(D(2026, 8, 31))).exists()


def test_overdue_and_escalating_queries(tree, bodies):
    late = IncidentFactory.create(owner_body=bodies["commune"], due_on=D(2026, 8, 20))
    IncidentFactory.create(owner_body=bodies["commune"], due_on=D(2026, 9, 20))
    closed = IncidentFactory.create(owner_body=bodies["commune"], due_on=D(2026, 8, 5))
    FollowUpFactory.create(incident=closed, on=D(2026, 8, 4), status=Status.CLOSED)
    found = Incident.objects.filter(overdue_q(D(2026, 9, 1)))
    assert list(found) == [late]
    FollowUpFactory.create(incident=late, people=99)
    assert list(Incident.objects.filter(escalating_q())) == [late]
    assert late.is_overdue(D(2026, 9, 1))


def test_follow_up_rules(tree, bodies, users):
    incident = IncidentFactory.create(owner_body=bodies["commune"])
    for user in (users["sibling"], users["viewer"]):
        with pytest.raises(PermissionDenied):
            services.add_follow_up(
                actor=user, incident=incident, on=D(2026, 8, 2), text="Ghi nhận"
            )
    services.add_follow_up(
        actor=users["province"], incident=incident, on=D(2026, 8, 2), text="Ghi nhận"
    )
    assert FollowUp.objects.filter(incident=incident).count() == 1


def test_update_keeps_status_and_checks(tree, bodies, users):
    incident = IncidentFactory.create(owner_body=bodies["commune"])
    FollowUpFactory.create(incident=incident, on=D(2026, 8, 5))
    services.update_incident(
        actor=users["commune"], incident=incident, title="Tranh chấp đã đổi tên"
    )
    incident.refresh_from_db()
    assert incident.title == "Tranh chấp đã đổi tên"
    with pytest.raises(IncidentError, match="theo dõi đầu tiên"):
        services.update_incident(
            actor=users["commune"], incident=incident, arose_on=D(2026, 8, 6)
        )
    with pytest.raises(PermissionDenied):
        services.update_incident(actor=users["sibling"], incident=incident, title="X")
    with pytest.raises(TypeError):
        services.update_incident(
            actor=users["commune"], incident=incident, status=Status.CLOSED
        )
    incident.refresh_from_db()
    assert incident.arose_on == D(2026, 8, 1)


def test_links_only_rows_the_actor_reads(tree, bodies, users):
    from danvan.meetings import services as meetings

    incident = IncidentFactory.create(owner_body=bodies["commune"])
    own = meetings.create_meeting(
        actor=system_actor(),
        convening_body=bodies["commune"],
        kind="giao_ban",
        title="Giao ban về vụ tranh chấp",
        held_on=D(2026, 8, 3),
    )
    other = meetings.create_meeting(
        actor=system_actor(),
        convening_body=bodies["sibling"],
        kind="giao_ban",
        title="Giao ban xã bạn",
        held_on=D(2026, 8, 3),
    )
    services.link(actor=users["commune"], incident=incident, meetings=[own])
    assert list(incident.meetings.all()) == [own]
    with pytest.raises(PermissionDenied):
        services.link(actor=users["commune"], incident=incident, meetings=[other.pk])
    assert list(incident.meetings.all()) == [own]
    services.unlink(actor=users["commune"], incident=incident, meetings=[own.pk])
    assert not incident.meetings.exists()
