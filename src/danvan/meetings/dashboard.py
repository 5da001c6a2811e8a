"""Home page items of meetings and tasks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.common.dashboard import Item
from danvan.meetings.models import Task

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User


def items(user: User | AnonymousUser) -> list[Item]:
    tasks = Task.objects.visible_to(user)
    url = reverse("meetings:task_list")
    return [
        Item(
            _("Tasks overdue"),
            tasks.overdue().count(),
            url + "?status=overdue",
            urgent=True,
        ),
        Item(_("Tasks open"), tasks.pending().count(), url),
    ]
