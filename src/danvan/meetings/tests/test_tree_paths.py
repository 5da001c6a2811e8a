"""Meetings and tasks carry copies of their units' paths, which their scope reads."""

import datetime as dt

import pytest

from danvan.common.actors import system_actor
from danvan.meetings import services
from danvan.meetings.models import Meeting, Task

pytestmark = pytest.mark.django_db


def test_paths_follow_the_meeting_and_the_owner_body(make_meeting, bodies, users):
    meeting = make_meeting()
    task = services.create_task(
        actor=system_actor(),
        meeting=meeting,
        title="Nắm tình hình",
        owner_body=bodies["board"],
        due_on=dt.date(2026, 11, 30),
    )
    meeting.refresh_from_db()
    task.refresh_from_db()
    commune = bodies["commune"]
    assert (meeting.area_path, meeting.convening_body_path) == (
        commune.area.path,
        commune.path,
    )
    assert (task.meeting_area_path, task.meeting_body_path) == (
        commune.area.path,
        commune.path,
    )
    board = bodies["board"]
    assert (task.owner_area_path, task.owner_body_path) == (board.area.path, board.path)
    # The commune reads its meeting's task; the sibling does not.
    assert Task.objects.visible_to(users["commune"]).filter(pk=task.pk).exists()
    assert not Task.objects.visible_to(users["sibling"]).filter(pk=task.pk).exists()
    # Moved to the sibling's body, the meeting takes its task's copies along.
    services.update_meeting(
        actor=system_actor(), meeting=meeting, convening_body=bodies["sibling"]
    )
    task.refresh_from_db()
    sibling = bodies["sibling"]
    assert (task.meeting_area_path, task.meeting_body_path) == (
        sibling.area.path,
        sibling.path,
    )
    assert Meeting.objects.visible_to(users["sibling"]).filter(pk=meeting.pk).exists()
    assert Task.objects.visible_to(users["sibling"]).filter(pk=task.pk).exists()
    assert not Task.objects.visible_to(users["commune"]).filter(pk=task.pk).exists()
    # A new owner body: the owner's copies follow.
    services.update_task(actor=system_actor(), task=task, owner_body=bodies["front"])
    task.refresh_from_db()
    assert task.owner_body_path == bodies["front"].path
    assert Task.objects.visible_to(users["commune"]).filter(pk=task.pk).exists()
