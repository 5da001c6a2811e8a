"""Today, as the legal clocks and the lists of what is due count it.

``today()`` is the local date, unless the setting ``DANVAN_TODAY`` names
another (ISO ``2026-08-20``): a fixed clock for the browser tests and for a
training copy that shows what an office sees once a deadline has passed.
Code that decides whether something is due or overdue asks here, never
``timezone.localdate()`` directly.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone


def today() -> dt.date:
    fixed = getattr(settings, "DANVAN_TODAY", None)
    if fixed:
        return fixed if isinstance(fixed, dt.date) else dt.date.fromisoformat(fixed)
    return timezone.localdate()
