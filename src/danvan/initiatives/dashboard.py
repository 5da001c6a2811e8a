"""Home page items of the "Dân vận khéo" register."""

from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.common.dashboard import Item
from danvan.initiatives import services


def items(user: object) -> list[Item]:
    if not getattr(user, "is_authenticated", False):
        return []
    url = reverse("initiatives:review")
    return [
        Item(
            _("“Dân vận khéo” registrations to review"),
            services.to_review(user).count(),
            url,
        )
    ]
