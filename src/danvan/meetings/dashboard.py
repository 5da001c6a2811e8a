"""Home page items of meetings and tasks."""

from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.common.dashboard import Item
from danvan.meetings.models import Task


def items(user: object) -> list[Item]:
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
