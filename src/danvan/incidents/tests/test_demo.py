"""The demo hot spots load once on the demo units, with their timelines:
some overdue, some escalating, one closed."""

import pytest

from danvan.common import clock
from danvan.incidents import demo
from danvan.incidents.models import Incident, Status
from danvan.incidents.queries import escalating_q, overdue_q
from danvan.meetings import demo as meetings_demo
from danvan.units import demo as units_demo

pytestmark = pytest.mark.django_db


def test_demo_hot_spots_load_once():
    demo.load_demo()  # without the demo units: nothing, no error
    assert not Incident.objects.exists()
    units_demo.load_demo()
    meetings_demo.load_demo()
    demo.load_demo()
    demo.load_demo()
    assert Incident.objects.count() == len(demo.CASES)
    today = clock.today()
    assert Incident.objects.filter(overdue_q(today)).count() == 3
    assert Incident.objects.filter(escalating_q()).count() == 2
    closed = Incident.objects.get(status=Status.CLOSED)
    assert closed.closed_on is not None
    first = Incident.objects.get(title=demo.CASES[0].title)
    assert first.area.level == "village"
    assert first.follow_ups.count() == 3
    assert first.people == 35
