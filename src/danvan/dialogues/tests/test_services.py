"""The services of dialogues: who may write, the dates, answered or assigned."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from danvan.dialogues import services
from danvan.dialogues.exceptions import DialogueError
from danvan.dialogues.models import Issue, Reception, Session
from danvan.dialogues.tests.factories import IssueFactory, SessionFactory

pytestmark = pytest.mark.django_db
D = dt.date


def _hold(actor, bodies, tree, **kw):
    values = {
        "actor": actor,
        "body": bodies["commune"],
        "area": tree["village"],
        "held_on": D(2026, 10, 10),
        "leader_name": "Giàng A Sử",
        "leader_title": "Bí thư Đảng ủy xã",
        "audience_kind": Session.Audience.VILLAGE,
        "audience": "Nhân dân thôn Trung Tâm",
    }
    values.update(kw)
    return services.hold_session(**values)


def test_hold_session_copies_paths_and_level(users, bodies, tree):
    session = _hold(users["commune"], bodies, tree, participants=60)
    assert session.area_path == tree["village"].path
    assert session.body_path == bodies["commune"].path
    assert session.level == "commune"
    assert session.created_by == users["commune"]
    assert "trung tam" in session.search_text


def test_a_date_in_the_future_is_refused(users, bodies, tree):
    with pytest.raises(DialogueError) as found:
        _hold(users["commune"], bodies, tree, held_on=D(2026, 11, 21))
    assert "21/11/2026" in found.value.message
    assert not Session.objects.exists()


def test_another_units_body_is_refused(users, bodies, tree):
    with pytest.raises(PermissionDenied):
        _hold(users["commune"], bodies, tree, body=bodies["sibling"])
    with pytest.raises(PermissionDenied):
        _hold(users["viewer"], bodies, tree)
    assert not Session.objects.exists()


def test_an_opinion_is_answered_or_assigned(users, bodies, tree):
    session = _hold(users["commune"], bodies, tree)
    answered = services.add_issue(
        actor=users["commune"],
        session=session,
        raised_by="Bà Vàng Thị Mai",
        content="Hỏi về hỗ trợ giống ngô vụ đông.",
        answer="Xã cấp giống trong tháng 11.",
    )
    assert answered.status == Issue.Status.ANSWERED
    assert answered.answered_on == session.held_on
    assert answered.order == 1
    with pytest.raises(DialogueError):
        services.add_issue(
            actor=users["commune"],
            session=session,
            raised_by="Ông Sùng A Páo",
            content="Đường vào thôn sạt lở.",
        )
    with pytest.raises(DialogueError):
        services.add_issue(
            actor=users["commune"],
            session=session,
            raised_by="Ông Sùng A Páo",
            content="Đường vào thôn sạt lở.",
            assigned_body=bodies["ubnd"],
            due_on=D(2026, 10, 1),
        )
    assigned = services.add_issue(
        actor=users["commune"],
        session=session,
        raised_by="Ông Sùng A Páo",
        content="Đường vào thôn sạt lở.",
        assigned_body=bodies["ubnd"],
        due_on=D(2026, 11, 10),
    )
    assert assigned.status == Issue.Status.ASSIGNED
    assert assigned.assigned_body_path == bodies["ubnd"].path
    assert assigned.order == 2
    assert session.issues.count() == 2


def test_the_assigned_body_answers(users, bodies, tree, django_user_model):
    from danvan.accounts.models import Membership

    session = SessionFactory.create(body=bodies["province"], area=tree["province"])
    issue = IssueFactory.create(
        session=session, assigned_body=bodies["police"], due_on=D(2026, 11, 1)
    )
    police = django_user_model.objects.create_user(username="ca", password="x-pass-1")
    Membership.objects.create(
        user=police, body=bodies["police"], role=Membership.Role.EDITOR
    )
    # The police read it (assigned to them), not the province's other rows.
    assert Issue.objects.visible_to(police).filter(pk=issue.pk).exists()
    assert not Session.objects.visible_to(police).exists()
    with pytest.raises(PermissionDenied):
        services.answer_issue(
            actor=users["sibling"], issue=issue, answer="x", answered_on=D(2026, 11, 2)
        )
    with pytest.raises(DialogueError):
        services.answer_issue(
            actor=police, issue=issue, answer="Đã xử lý.", answered_on=D(2026, 10, 1)
        )
    services.follow_issue(
        actor=police, issue=issue, on=D(2026, 10, 20), text="Đã xác minh."
    )
    services.answer_issue(
        actor=police, issue=issue, answer="Đã xử lý xong.", answered_on=D(2026, 11, 2)
    )
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DONE
    assert issue.answered_on == D(2026, 11, 2)
    assert issue.follow_up == "20/10/2026: Đã xác minh."


def test_an_answered_opinion_is_not_answered_again(bodies, tree):
    from danvan.common.actors import system_actor

    session = SessionFactory.create(body=bodies["commune"], area=tree["commune"])
    issue = IssueFactory.create(session=session)
    with pytest.raises(DialogueError):
        services.answer_issue(
            actor=system_actor(), issue=issue, answer="x", answered_on=D(2026, 11, 1)
        )
    assert Issue.objects.get(pk=issue.pk).answer == "Xã đã đưa vào kế hoạch năm sau."


def test_update_session_keeps_the_opinions_dates(users, bodies, tree):
    session = _hold(users["commune"], bodies, tree)
    IssueFactory.create(
        session=session, assigned_body=bodies["ubnd"], due_on=D(2026, 10, 20)
    )
    with pytest.raises(DialogueError):
        services.update_session(
            actor=users["commune"], session=session, held_on=D(2026, 10, 25)
        )
    services.update_session(
        actor=users["commune"],
        session=session,
        held_on=D(2026, 10, 12),
        place="Nhà văn hóa",
    )
    session.refresh_from_db()
    assert (session.held_on, session.place) == (D(2026, 10, 12), "Nhà văn hóa")


def test_record_reception(users, bodies):
    reception = services.record_reception(
        actor=users["commune"],
        body=bodies["ubnd"],
        held_on=D(2026, 11, 2),
        leader_name="Lý Văn Chiến",
        leader_title="Chủ tịch UBND xã",
        citizens=5,
    )
    assert reception.level == "commune"
    with pytest.raises(DialogueError):
        services.record_reception(
            actor=users["commune"],
            body=bodies["ubnd"],
            held_on=D(2026, 11, 2),
            leader_name="Lý Văn Chiến",
            leader_title="Chủ tịch UBND xã",
        )
    with pytest.raises(DialogueError):
        services.record_reception(
            actor=users["commune"],
            body=bodies["ubnd"],
            held_on=D(2026, 12, 2),
            leader_name="Lý Văn Chiến",
            leader_title="Chủ tịch UBND xã",
        )
    with pytest.raises(PermissionDenied):
        services.record_reception(
            actor=users["sibling"],
            body=bodies["ubnd"],
            held_on=D(2026, 11, 3),
            leader_name="Lý Văn Chiến",
            leader_title="Chủ tịch UBND xã",
        )
    assert Reception.objects.count() == 1
