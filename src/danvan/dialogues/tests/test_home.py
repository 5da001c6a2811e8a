"""The home page's items: assigned opinions overdue, for the body assigned
and the body that held the dialogue."""

import datetime as dt

import pytest

from danvan.accounts.models import Membership
from danvan.common.dashboard import counted
from danvan.dialogues import dashboard
from danvan.dialogues.tests.factories import IssueFactory, SessionFactory

pytestmark = pytest.mark.django_db
D = dt.date


def _counts(user):
    return {item.label: item.count for item in counted(dashboard.items(user))}


def test_overdue_opinions_for_the_holder_and_the_assigned_body(
    users, bodies, tree, django_user_model
):
    session = SessionFactory.create(body=bodies["province"], area=tree["province"])
    IssueFactory.create(
        session=session, assigned_body=bodies["police"], due_on=D(2026, 11, 1)
    )
    IssueFactory.create(
        session=session, assigned_body=bodies["police"], due_on=D(2026, 11, 30)
    )
    police = django_user_model.objects.create_user(username="ca", password="x-pass-1")
    Membership.objects.create(
        user=police, body=bodies["police"], role=Membership.Role.EDITOR
    )
    assert _counts(police) == {
        "Ý kiến đối thoại quá hạn trả lời": 1,
        "Ý kiến đối thoại đang chờ trả lời": 2,
    }
    assert _counts(users["province"])["Ý kiến đối thoại quá hạn trả lời"] == 1
    # The sibling commune neither held nor was assigned it.
    assert _counts(users["sibling"])["Ý kiến đối thoại quá hạn trả lời"] == 0


def test_the_home_page_shows_them(client, users, bodies, tree):
    session = SessionFactory.create(body=bodies["commune"], area=tree["commune"])
    IssueFactory.create(
        session=session, assigned_body=bodies["ubnd"], due_on=D(2026, 11, 1)
    )
    client.force_login(users["commune"])
    page = client.get("/").content.decode()
    assert "Ý kiến đối thoại quá hạn trả lời" in page
