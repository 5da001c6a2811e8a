"""Home page items of the document register."""

import datetime as dt
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.common.dashboard import Item
from danvan.documents.models import ReviewPoint

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User


def items(user: "User | AnonymousUser") -> list[Item]:
    today = timezone.localdate()
    soon = today + dt.timedelta(days=92)
    points = ReviewPoint.objects.visible_to(user).open()
    overdue = points.filter(due_on__lt=today).count()
    due = points.filter(due_on__gte=today, due_on__lte=soon).count()
    url = reverse("documents:due")
    return [
        Item(_("Reviews of directives overdue"), overdue, url, urgent=True),
        Item(_("Reviews of directives due within three months"), due, url),
    ]
