"""A meeting's page keeps its tasks, conclusions, previous meeting and carried
tasks (meetings.kept) until a meeting, task or conclusion changes: a change
shows at once."""

import datetime as dt

import pytest

from danvan.common.actors import system_actor
from danvan.meetings import services
from danvan.meetings.models import Meeting, Task

pytestmark = pytest.mark.django_db


def test_the_meeting_page_shows_a_change_of_its_rows_at_once(
    client, users, concluded, bodies, make_meeting
):
    client.force_login(users["commune"])
    url = concluded.get_absolute_url()
    page = client.get(url).content.decode()
    assert "Rà soát, nắm tình hình tôn giáo ở thôn Mới" in page  # carried
    carried = Task.objects.get(title="Rà soát, nắm tình hình tôn giáo ở thôn Mới")

    services.add_conclusion(
        actor=system_actor(), meeting=concluded, text="Kết luận mới thêm vào."
    )
    services.create_task(
        actor=system_actor(),
        meeting=concluded,
        title="Việc mới giao thêm",
        owner_body=bodies["front"],
    )
    services.set_task_status(
        actor=system_actor(), task=carried, status=Task.Status.CANCELLED
    )
    front = bodies["front"]
    front.name = "Ủy ban MTTQ xã Trạm Tấu (tên mới)"
    front.save()
    page = client.get(url).content.decode()
    assert "Kết luận mới thêm vào." in page
    assert "Việc mới giao thêm" in page
    assert "Rà soát, nắm tình hình tôn giáo ở thôn Mới" not in page
    assert "Ủy ban MTTQ xã Trạm Tấu (tên mới)" in page  # the tasks' lead body

    # A meeting held between them becomes the previous one.
    between = make_meeting(
        title="Giao ban bổ sung", held_on=dt.date(2026, 9, 20), period_number=9
    )
    page = client.get(url).content.decode()
    assert between.get_absolute_url() in page
    assert Meeting.objects.count() == 3


def test_the_meeting_page_is_read_where_the_list_reads_it(client, users, concluded):
    """The page checks the meeting's copied paths against the reader's scope:
    each reader reads it exactly when the meetings they see hold it."""
    for user in users.values():
        client.force_login(user)
        seen = Meeting.objects.visible_to(user).filter(pk=concluded.pk).exists()
        status = client.get(concluded.get_absolute_url()).status_code
        assert status == (200 if seen else 404), user
