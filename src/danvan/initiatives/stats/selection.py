"""Which models count: registered ones of an area's and body's lineage, seen by a
user, registered in a period; and the date whose units they are counted by."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

from danvan.common import tree
from danvan.initiatives.models import Initiative
from danvan.units.models import Area

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User

NOT_REGISTERED = [
    s for s in Initiative.Status.values if s not in Initiative.REGISTERED_STATUSES
]


def default_on(
    territory: Area | None,
    year: int | None,
    period: tuple[dt.date, dt.date] | None,
    on: dt.date | None,
) -> dt.date:
    if on is None:
        if period is not None:
            on = period[1]
        elif year is not None:
            on = dt.date(year, 12, 31)
        else:
            on = timezone.localdate()
    if territory is not None:
        if territory.valid_from and on < territory.valid_from:
            on = territory.valid_from
        if territory.valid_to and on > territory.valid_to:
            on = territory.valid_to
    return on


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def registered_between(start: dt.date | None, end: dt.date) -> Q:
    """Match models registered (submitted) from ``start`` (or ever) to ``end``.

    A registration without a submission time (entered by the system or taken
    from an office's spreadsheet) counts as registered on 1 January of its year.
    """
    dated = Q(submitted_at__lt=_local_midnight(end + dt.timedelta(days=1)))
    undated = Q(submitted_at__isnull=True, year__lte=end.year)
    if start is not None:
        dated &= Q(submitted_at__gte=_local_midnight(start))
        first = start.year if (start.month, start.day) == (1, 1) else start.year + 1
        undated &= Q(year__gte=first)
    return dated | undated


def selection(
    *,
    ranges: list[str] | None,
    body_ranges: list[str] | None,
    user: User | AnonymousUser | None,
) -> QuerySet[Initiative]:
    """Registered models of the area and body lineage, as ``user`` sees them."""
    if ranges is None:
        models = Initiative.objects.registered()
    else:
        # "Not draft, submitted or returned" is the same rows as "accepted, in
        # progress…", but SQLite, which plans without statistics, then reads
        # the area's path ranges instead of every registered row of the country.
        models = Initiative.objects.exclude(status__in=NOT_REGISTERED)
    if ranges is not None:
        models = models.filter(tree.subtree_q(ranges, field="area_path"))
    if body_ranges is not None:
        models = models.filter(tree.subtree_q(body_ranges, field="body__path"))
    if user is not None:
        models = models.visible_to(user)
    return models.order_by()
