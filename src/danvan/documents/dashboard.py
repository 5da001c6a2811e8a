"""Home page items of the document register."""

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.common.dashboard import Count, Item
from danvan.documents.models import ReviewPoint

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User


def items(user: "User | AnonymousUser") -> list[Item | Count]:
    today = timezone.localdate()
    soon = today + dt.timedelta(days=92)
    points = ReviewPoint.objects.visible_to(user).open()
    url = reverse("documents:due")
    # Both counts over the same rows: one query (common.dashboard.counted).
    return [
        Count(
            _("Reviews of directives overdue"),
            points,
            url,
            urgent=True,
            where=Q(due_on__lt=today),
        ),
        Count(
            _("Reviews of directives due within three months"),
            points,
            url,
            where=Q(due_on__gte=today, due_on__lte=soon),
        ),
    ]
