"""Home page items of meetings and tasks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.common.dashboard import Count, Item
from danvan.meetings.models import Task

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User


def items(user: User | AnonymousUser) -> list[Item | Count]:
    tasks = Task.objects.visible_to(user)
    pending = Q(status__in=Task.PENDING)
    overdue = pending & Q(due_on__lt=timezone.localdate())
    url = reverse("meetings:task_list")
    # Both counts over the same rows: one query (common.dashboard.counted).
    return [
        Count(
            _("Tasks overdue"),
            tasks,
            url + "?status=overdue",
            urgent=True,
            where=overdue,
        ),
        Count(_("Tasks open"), tasks, url, where=pending),
    ]
