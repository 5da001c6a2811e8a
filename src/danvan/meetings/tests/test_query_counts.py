"""The meetings pages cost a fixed number of queries, whatever their rows.

Each page is read as the province's approver and as the commune's editor,
with a few rows and again with many more (conclusions, tasks of many bodies,
attendees, change-log entries, meetings): the count must not move. No form is
built per row and no related row is fetched one at a time.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.meetings import services
from danvan.meetings.models import Meeting
from danvan.units import services as units
from danvan.units.models import Body

pytestmark = pytest.mark.django_db
D = dt.date


def _queries(client, url):
    client.get(url)  # content types and the scope are cached once per process
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _grow(meeting, tree, count):
    """``count`` more conclusions, each a task of another body, changed once;
    as many attendees; and ``count`` more meetings of the series with tasks."""
    actor = system_actor()
    bodies = [
        units.create_body(
            actor=actor,
            name=f"Chi bộ thôn số {i}",
            kind=Body.Kind.PARTY_COMMITTEE,
            area=tree["commune"],
        )
        for i in range(count)
    ]
    people = [
        units.create_person(
            actor=actor, full_name=f"Người dự {i}", area=tree["commune"]
        )
        for i in range(count)
    ]
    services.update_meeting(
        actor=actor,
        meeting=meeting,
        attendees=[*meeting.attendees.all(), *people],
        agenda="Đánh giá kết quả, bàn nhiệm vụ tháng tới",
    )
    for i, body in enumerate(bodies):
        conclusion = services.add_conclusion(
            actor=actor, meeting=meeting, text=f"Kết luận thêm số {i}"
        )
        task = services.task_from_conclusion(
            actor=actor, conclusion=conclusion, owner_body=body, due_on=D(2026, 11, 30)
        )
        services.update_task(
            actor=actor,
            task=task,
            title=task.title,
            owner_body=bodies[-1 - i],
            due_on=D(2026, 12, 15),
            clear_due=False,
        )
    for i in range(count):
        other = services.create_meeting(
            actor=actor,
            convening_body=meeting.convening_body,
            kind="chuyen_de",
            title=f"Hội nghị chuyên đề số {i}",
            held_on=D(2026, 1, 1) + dt.timedelta(days=i),
        )
        for body in bodies[i % count : i % count + 2]:
            services.create_task(
                actor=actor, meeting=other, title=f"Việc số {i}", owner_body=body
            )


# Pinned: a change means a page reads more (or less); say why in the commit.
EXPECTED = {
    # No paper form on the page (its options load on demand: no chair's
    # title read for it); the series and the people the page has read name
    # themselves in the change log when the reader sees them, those the
    # reader does not see read unnamed without a query. The session, the
    # user, the meeting (its scope checked on its copied paths), its chair
    # and secretary, attendees, papers, the chair's title, the change log and
    # the texts it came from; its tasks, conclusions, previous meeting and
    # carried tasks are kept until a meeting, task or conclusion changes;
    # the periodic reports presented at it (reports.present_at), one query
    # by the meeting's key, read on the page.
    "meetings:detail": 10,
    # The count and the year filter's two ends are kept until a meeting or
    # task changes (meetings.kept), and whether the user may record a meeting
    # with their scope: the session, the user, the rows and their tasks' counts.
    "meetings:list": 4,
    # The session, the user and the rows (the count and years kept).
    "meetings:task_list": 3,
    # The session, the user, the rows and their attendees, conclusions and
    # papers; the count is kept like the pages' (meetings.kept).
    "api-meetings": 6,
    # The session, the user and the rows (the count kept).
    "api-tasks": 3,
}


def _urls(meeting):
    return {
        "meetings:detail": reverse("meetings:detail", args=[meeting.pk]),
        "meetings:list": reverse("meetings:list"),
        "meetings:task_list": reverse("meetings:task_list"),
        "api-meetings": "/api/v1/meetings/",
        "api-tasks": "/api/v1/tasks/",
    }


@pytest.mark.parametrize("reader", ["province", "commune"])
def test_meetings_pages_cost_the_same_queries_with_many_rows(
    client, users, tree, concluded, reader
):
    client.force_login(users[reader])
    urls = _urls(concluded)
    few = {name: _queries(client, url) for name, url in urls.items()}
    _grow(concluded, tree, 12)
    many = {name: _queries(client, url) for name, url in urls.items()}
    assert Meeting.objects.count() > 12
    assert few == many
    assert many == EXPECTED
