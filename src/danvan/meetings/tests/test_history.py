"""A meeting's change log reads in Vietnamese: labels, choices and related rows
by name, attendees by name, people's full names, no ids, no None."""

import pytest
from django.db.models import Field

from danvan.common.actors import system_actor
from danvan.meetings import services
from danvan.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def change_log(page) -> str:
    html: str = page.content.decode()
    return html[html.index('id="change-log"') :]


def label(name: str) -> str:
    field = Meeting._meta.get_field(name)
    assert isinstance(field, Field)
    text = str(field.verbose_name)
    return text[:1].upper() + text[1:]


def test_meeting_history_reads_in_vietnamese(client, users, make_meeting, people):
    editor = users["commune"]
    editor.first_name, editor.last_name = "Văn Minh", "Nguyễn"
    editor.save()
    meeting = make_meeting(actor=editor)
    services.update_meeting(
        actor=editor, meeting=meeting, attendees=[people["front_head"]]
    )
    client.force_login(editor)
    log = change_log(client.get(meeting.get_absolute_url()))

    assert "Nguyễn Văn Minh</strong> tạo" in log
    assert "Nguyễn Văn Minh</strong> sửa" in log
    assert f"<dt>{label('attendees')}</dt>" in log
    assert str(people["front_head"]) in log
    assert f"<dt>{label('chair')}</dt>" in log
    assert str(people["chair"]) in log  # by name, not by id
    assert meeting.get_kind_display() in log
    assert "05/10/2026" in log
    assert "giao_ban" not in log
    assert "None" not in log
    assert "search" not in log
    assert ">commune<" not in log


def test_people_the_page_reads_are_named_in_the_log_only_where_seen(
    client, users, make_meeting, people
):
    """The chair and attendees read by the page name themselves in the log
    (no query) when the reader sees them; one outside the reader's scope reads
    as such, as a query would tell."""
    meeting = make_meeting(chair=people["stranger"])
    services.update_meeting(
        actor=system_actor(), meeting=meeting, attendees=[people["front_head"]]
    )
    client.force_login(users["commune"])
    page = client.get(meeting.get_absolute_url()).content.decode()
    log = page[page.index('id="change-log"') :]
    assert str(people["front_head"]) in log
    assert str(people["stranger"]) in page  # the page's chair
    assert str(people["stranger"]) not in log
    assert "cá nhân ngoài phạm vi của bạn" in log
    assert 'datetime="' in log
