"""Conclusions become tasks; tasks are followed up until done."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.meetings import services
from danvan.meetings.filters import TaskFilterSet, task_count_parts
from danvan.meetings.models import Task

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def meeting(make_meeting):
    return make_meeting()


def test_conclusions_are_numbered_in_order(meeting, users):
    first = services.add_conclusion(
        actor=users["commune"], meeting=meeting, text="Tăng cường nắm tình hình."
    )
    second = services.add_conclusion(
        actor=users["commune"],
        meeting=meeting,
        text="Tuyên truyền phòng chống tảo hôn.",
    )
    assert (first.order, second.order) == (1, 2)
    meeting.refresh_from_db()
    assert "tao hon" in meeting.search_text
    with pytest.raises(ValidationError):
        services.add_conclusion(actor=users["commune"], meeting=meeting, text="  ")
    with pytest.raises(PermissionDenied):
        services.add_conclusion(actor=users["viewer"], meeting=meeting, text="x")


def test_a_conclusion_becomes_a_task(meeting, users, bodies):
    conclusion = services.add_conclusion(
        actor=system_actor(),
        meeting=meeting,
        text="Vận động nhân dân hiến đất làm đường.",
    )
    task = services.task_from_conclusion(
        actor=users["commune"],
        conclusion=conclusion,
        owner_body=bodies["front"],
        due_on=D(2026, 10, 31),
    )
    assert task.title == conclusion.text
    assert task.meeting == meeting
    assert task.status == Task.Status.OPEN
    assert task.area == meeting.area
    assert list(conclusion.tasks.all()) == [task]
    # Deleting the conclusion keeps the task.
    services.delete_conclusion(actor=users["commune"], conclusion=conclusion)
    task.refresh_from_db()
    assert task.conclusion is None


def test_task_checks(meeting, users, bodies):
    with pytest.raises(ValidationError):  # a body the user does not see
        services.create_task(
            actor=users["commune"],
            meeting=meeting,
            title="x",
            owner_body=bodies["sibling"],
        )
    with pytest.raises(ValidationError):
        services.create_task(
            actor=system_actor(),
            meeting=meeting,
            title="x",
            owner_body=bodies["front"],
            due_on=D(2026, 1, 1),
        )
    with pytest.raises(PermissionDenied):
        services.create_task(
            actor=users["sibling"],
            meeting=meeting,
            title="x",
            owner_body=bodies["front"],
        )


def test_status_follow_up_records_done_date_and_notes(meeting, users, bodies):
    task = services.create_task(
        actor=system_actor(),
        meeting=meeting,
        title="Tổ chức đối thoại với nhân dân thôn Mới",
        owner_body=bodies["ubnd"],
        due_on=D(2026, 11, 15),
    )
    services.set_task_status(
        actor=users["commune"],
        task=task,
        status=Task.Status.IN_PROGRESS,
        on=D(2026, 10, 20),
        note="Đã xây dựng kế hoạch",
    )
    assert task.done_on is None
    assert task.notes == "20/10/2026: Đã xây dựng kế hoạch"
    services.set_task_status(
        actor=users["commune"],
        task=task,
        status=Task.Status.DONE,
        on=D(2026, 11, 10),
        note="Đối thoại xong, 120 người dự",
    )
    task.refresh_from_db()
    assert task.status == Task.Status.DONE
    assert task.done_on == D(2026, 11, 10)
    assert task.notes.splitlines()[-1] == "10/11/2026: Đối thoại xong, 120 người dự"
    assert "120 nguoi du" in task.search_text
    services.set_task_status(actor=system_actor(), task=task, status=Task.Status.OPEN)
    assert task.done_on is None
    with pytest.raises(ValidationError):
        services.set_task_status(actor=system_actor(), task=task, status="lost")
    with pytest.raises(PermissionDenied):
        services.set_task_status(actor=users["viewer"], task=task, status="done")


def test_overdue_tasks(meeting, bodies):
    late = services.create_task(
        actor=system_actor(),
        meeting=meeting,
        title="a",
        owner_body=bodies["front"],
        due_on=D(2026, 10, 10),
    )
    services.create_task(
        actor=system_actor(),
        meeting=meeting,
        title="b",
        owner_body=bodies["front"],
        due_on=D(2026, 12, 10),
    )
    done = services.create_task(
        actor=system_actor(),
        meeting=meeting,
        title="c",
        owner_body=bodies["front"],
        due_on=D(2026, 10, 10),
    )
    services.set_task_status(
        actor=system_actor(), task=done, status="done", on=D(2026, 10, 9)
    )
    assert list(Task.objects.overdue(D(2026, 11, 1))) == [late]


def test_task_list_counts_each_task_once_as_the_api(
    client, users, make_meeting, bodies
):
    """The task list's count adds the same disjoint parts as the API's
    (filters.task_count_parts, for a scope that holds a province): a task
    seen both ways is counted once, with or without a filter."""
    actor = system_actor()
    here = make_meeting()
    above = make_meeting(convening_body=bodies["province"], title="Giao ban tỉnh")
    sibling = make_meeting(convening_body=bodies["sibling"], title="Giao ban xã bên")
    for meeting, owner in (
        (here, bodies["ubnd"]),
        (here, bodies["province"]),
        (above, bodies["commune"]),
        (above, bodies["board"]),
        (sibling, bodies["sibling"]),
        (sibling, bodies["front"]),
    ):
        services.create_task(
            actor=actor, meeting=meeting, title="Việc", owner_body=owner
        )
    url = reverse("meetings:task_list")
    for name, user in users.items():
        client.force_login(user)
        visible = Task.objects.visible_to(user)
        page = client.get(url).context["page"]
        assert page.paginator.count == visible.count(), name
        pending = client.get(url, {"status": "pending"}).context["page"]
        assert pending.paginator.count == visible.pending().count(), name
    # A province's reader counts by parts (one UNION of them); a commune's
    # reads its few ranges at once.
    client.force_login(users["province"])
    with CaptureQueriesContext(connection) as read:
        client.get(url, {"q": "việc"})  # a filter not counted yet
    assert any(" UNION " in q["sql"] for q in read.captured_queries)
    for name, by_parts in (("province", True), ("commune", False)):
        user = users[name]
        filters = TaskFilterSet({}, Task.objects.visible_to(user))
        filters.qs  # noqa: B018  (validated: filter_queryset may be called)
        assert (task_count_parts(filters, user) is not None) == by_parts, name
