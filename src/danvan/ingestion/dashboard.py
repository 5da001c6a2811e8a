"""Home page items of the texts brought in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.common.dashboard import Item
from danvan.ingestion.models import Source

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User


def items(user: User | AnonymousUser) -> list[Item]:
    pending = Source.objects.editable_by(user).filter(confirmed_at__isnull=True).count()
    url = reverse("ingestion:source_list") + "?status=pending"
    return [Item(_("Texts whose facts wait for confirmation"), pending, url)]
