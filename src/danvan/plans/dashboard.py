"""Home page items of plans: their tasks overdue and open, and this year's
targets without progress, of the plans the user changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.common.dashboard import Item
from danvan.plans.kept import FIGURES
from danvan.plans.models import PlanTask, Progress, Target

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User


def items(user: User | AnonymousUser) -> list[Item]:
    if not user.is_authenticated:
        return []
    # Kept like the meetings' (plans.kept: per reader's scope and day, until a
    # plan, target, progress or task changes).
    overdue, pending, unreported = FIGURES.kept("home", user, (), lambda: _counts(user))
    year = timezone.localdate().year
    url = reverse("plans:list")
    return [
        Item(_("Plan tasks overdue"), overdue, url, urgent=True),
        Item(_("Plan tasks open"), pending, url),
        Item(
            _("Targets of this year's plans without progress"),
            unreported,
            f"{url}?year={year}",
        ),
    ]


def _counts(user: User | AnonymousUser) -> tuple[int, int, int]:
    """Tasks overdue and open (one query), targets without progress (one)."""
    today = timezone.localdate()
    pending = Q(status__in=PlanTask.PENDING)
    found = PlanTask.objects.editable_by(user).aggregate(
        overdue=Count("pk", filter=pending & Q(due_on__lt=today)),
        open=Count("pk", filter=pending),
    )
    unreported = (
        Target.objects.editable_by(user)
        .filter(plan__starts_year__lte=today.year, plan__ends_year__gte=today.year)
        .exclude(Exists(Progress.objects.filter(target=OuterRef("pk"))))
        .count()
    )
    return found["overdue"], found["open"], unreported
