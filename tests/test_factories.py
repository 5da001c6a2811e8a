"""The shared factories make rows through the services, seen by their unit only."""

from danvan.accounts.models import Membership
from danvan.accounts.tests.factories import UserFactory
from danvan.documents.models import Document
from danvan.documents.tests.factories import DocumentFactory
from danvan.meetings.models import Meeting
from danvan.meetings.tests.factories import MeetingFactory
from danvan.units.tests.factories import BodyFactory


def test_document_and_meeting_factories_are_scoped(tree):
    editor = UserFactory.create(membership__area=tree["commune"])
    stranger = UserFactory.create(membership__area=tree["sibling"])
    assert editor.memberships.get().role == Membership.Role.EDITOR
    document = DocumentFactory.create(area=tree["commune"])
    meeting = MeetingFactory.create(
        convening_body=BodyFactory.create(area=tree["commune"])
    )
    assert document.area == tree["commune"]
    assert list(Document.objects.visible_to(editor)) == [document]
    assert not Document.objects.visible_to(stranger).exists()
    assert list(Meeting.objects.visible_to(editor)) == [meeting]
    assert not Meeting.objects.visible_to(stranger).exists()
