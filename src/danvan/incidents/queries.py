"""Conditions on hot spots shared by the list, the home page, the API and the
``incidents_overdue`` command (and the overdue figure of reports)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from danvan.incidents.models import OPEN


def open_q() -> Q:
    """Hot spots still followed (phát sinh, đang xử lý, ổn định)."""
    return Q(status__in=OPEN)


def late_q(day: dt.date) -> Q:
    """Its deadline or its next follow-up date is before ``day``."""
    return Q(due_on__lt=day) | Q(next_review_on__lt=day)


def overdue_q(today: dt.date) -> Q:
    """Open, and past its deadline or its next follow-up date."""
    return open_q() & late_q(today)


def escalating_q() -> Q:
    """Open and marked escalating by its last follow-up."""
    return open_q() & Q(escalating=True)
