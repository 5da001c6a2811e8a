"""The meeting services check the acting user themselves: a viewer and another
commune's editor are refused, and nothing is written."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied

from danvan.meetings import services
from danvan.meetings.models import Conclusion, Meeting, Task

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int]:
    return (
        Meeting.objects.count(),
        Conclusion.objects.count(),
        Task.objects.count(),
        LogEntry.objects.count(),
    )


@pytest.mark.parametrize("who", ["viewer", "sibling", "village"])
def test_writes_without_the_editor_role_are_refused(users, bodies, make_meeting, who):
    meeting = make_meeting()
    actor = users[who]
    before = _counts()
    with pytest.raises(PermissionDenied):
        make_meeting(actor=actor, title="Giao ban khác")
    with pytest.raises(PermissionDenied):
        services.update_meeting(actor=actor, meeting=meeting, title="Đã sửa")
    with pytest.raises(PermissionDenied):
        services.add_conclusion(actor=actor, meeting=meeting, text="Kết luận")
    assert _counts() == before
    meeting.refresh_from_db()
    assert meeting.title != "Đã sửa"


def test_the_commune_editor_records_its_meetings(users, make_meeting):
    meeting = make_meeting(actor=users["commune"])
    conclusion = services.add_conclusion(
        actor=users["commune"], meeting=meeting, text="Tăng cường tuyên truyền"
    )
    assert LogEntry.objects.get_for_object(conclusion).get().actor == users["commune"]
