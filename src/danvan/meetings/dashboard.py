"""Home page items of meetings and tasks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.common.dashboard import Item
from danvan.meetings.kept import FIGURES
from danvan.meetings.models import Task

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User


def items(user: User | AnonymousUser) -> list[Item]:
    url = reverse("meetings:task_list")
    # Counted over every task the user sees (a province's thousands, their
    # status read from the table): kept like the task list's count
    # (meetings.kept: per reader's scope and day, until a task changes).
    counts = FIGURES.kept("home", user, (), lambda: _counts(user))
    return [
        Item(_("Tasks overdue"), counts[0], url + "?status=overdue", urgent=True),
        Item(_("Tasks open"), counts[1], url),
    ]


def _counts(user: User | AnonymousUser) -> tuple[int, int]:
    """The tasks overdue and the tasks open, in one query."""
    pending = Q(status__in=Task.PENDING)
    overdue = pending & Q(due_on__lt=timezone.localdate())
    found = Task.objects.visible_to(user).aggregate(
        overdue=Count("pk", filter=overdue), open=Count("pk", filter=pending)
    )
    return found["overdue"], found["open"]
