import datetime as dt

from django.utils import timezone

from danvan.common import clock


def test_today_is_the_local_date_unless_fixed(settings):
    settings.DANVAN_TODAY = None
    assert clock.today() == timezone.localdate()
    settings.DANVAN_TODAY = "2026-08-20"
    assert clock.today() == dt.date(2026, 8, 20)
    settings.DANVAN_TODAY = dt.date(2027, 1, 4)
    assert clock.today() == dt.date(2027, 1, 4)
