"""``danvan dialogue_stats`` and the demo."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from danvan.dialogues.models import Issue, Reception, Session
from danvan.dialogues.tests.factories import IssueFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_dialogue_stats_of_a_commune(bodies, tree):
    session = SessionFactory.create(
        body=bodies["commune"], area=tree["commune"], held_on=dt.date(2026, 4, 2)
    )
    IssueFactory.create(session=session)
    out = StringIO()
    call_command("dialogue_stats", "--area", "04591", "--year", "2026", stdout=out)
    text = out.getvalue()
    assert "Số cuộc đối thoại: 1" in text
    assert "ý kiến: 1; trả lời tại buổi: 1 (100%)" in text
    assert "Đảng ủy xã Trạm Tấu" in text
    assert "phải  22" in text


def test_dialogue_stats_checks_the_rules_and_its_arguments():
    out = StringIO()
    call_command("dialogue_stats", "--check", stdout=out)
    assert "Kết luận 215-KL/TW" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("dialogue_stats", "--area", "99999", "--year", "2026")
    with pytest.raises(CommandError):
        call_command("dialogue_stats")


def test_the_demo_loads_once():
    from danvan.dialogues.demo import load_demo
    from danvan.units.demo import load_demo as load_units

    load_units()
    load_demo()
    load_demo()
    assert Session.objects.count() == 4
    assert Issue.objects.filter(status=Issue.Status.ASSIGNED).count() == 3
    assert Issue.objects.filter(status=Issue.Status.DONE).count() == 1
    assert Reception.objects.count() == 8
