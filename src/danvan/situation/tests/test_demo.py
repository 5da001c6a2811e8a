"""The demo entries load once, on the demo units, and show in the period view."""

from __future__ import annotations

import pytest

from danvan.accounts.models import User
from danvan.datasets.models import Period
from danvan.situation import demo, outline
from danvan.situation.models import Entry
from danvan.units.demo import load_demo as load_units
from danvan.units.models import Area

pytestmark = pytest.mark.django_db


def test_demo_loads_once() -> None:
    demo.load_demo()  # no units yet: nothing
    assert not Entry.objects.exists()
    load_units()
    demo.load_demo()
    count = Entry.objects.count()
    assert count == len(demo.ENTRIES)
    demo.load_demo()
    assert Entry.objects.count() == count
    assert Entry.objects.filter(area__name="Mới").exists()
    province = Area.objects.filter(code="15", valid_to__isnull=True).get()
    root = User.objects.create_superuser(username="root", password="x-pass-123")
    view = outline.period_view(root, province, Period.objects.of("quarter", 2026, 3))
    land = next(s for s in view.sections if s.topic.code == "land")
    assert land.places[0].assessment == "complex"
