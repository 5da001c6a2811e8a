"""The demo petitions load once, on the demo units, in every state; the
commune's officer sees the overdue ones on the home page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.accounts.models import User
from danvan.common.dashboard import items_for
from danvan.petitions import demo
from danvan.petitions.models import Petition, RoutingRule, Status
from danvan.units import demo as units_demo

pytestmark = pytest.mark.django_db


def test_demo_petitions_load_once(settings: Any) -> None:
    settings.DANVAN_TODAY = dt.date(2026, 12, 6)
    demo.load_demo()  # without the demo units: nothing, no error
    assert not Petition.objects.exists()
    units_demo.load_demo()
    demo.load_demo()
    demo.load_demo()
    assert Petition.objects.count() == len(demo.PETITIONS)
    assert RoutingRule.objects.count() == 1
    statuses = set(Petition.objects.values_list("status", flat=True))
    assert {Status.CLOSED, Status.ACCEPTED, Status.RECEIVED} <= statuses
    repeat = Petition.objects.get(subject__startswith="Khiếu nại lại")
    assert repeat.repeat_of is not None
    crowd = Petition.objects.get(crowd=True)
    assert crowd.petitioners.filter(representative=True).count() == 2
    denunciation = Petition.objects.get(kind="denunciation")
    assert denunciation.handling_body.name == "Đảng ủy xã Hạnh Phúc"
    assert denunciation.extensions == 1
    officer = User.objects.get(username="xa.tramtau")
    overdue = [i for i in items_for(officer) if i.url.endswith("due=overdue")]
    assert overdue
    assert overdue[0].count >= 1
