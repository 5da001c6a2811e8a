"""Records made from a text check the acting user themselves: a viewer of the
commune and another commune's editor are refused, and nothing is written."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied

from danvan.documents.models import Document
from danvan.meetings.models import Meeting
from danvan.records import services
from danvan.units.models import Person

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Document, Meeting, Person, LogEntry))


@pytest.mark.parametrize("who", ["viewer", "sibling", "village"])
def test_records_without_the_editor_role_are_refused(users, source, committee, who):
    actor = users[who]
    before = _counts()
    with pytest.raises(PermissionDenied):
        services.record_document(actor=actor, source=source, index=0)
    with pytest.raises(PermissionDenied):
        services.record_person(actor=actor, source=source, index=0)
    with pytest.raises(PermissionDenied):
        services.record_meeting(actor=actor, source=source, convening_body=committee)
    assert _counts() == before
