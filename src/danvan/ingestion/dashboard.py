"""Home page items of the texts brought in."""

from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.accounts.models import Membership
from danvan.common.access import unit_scope
from danvan.common.dashboard import Item
from danvan.ingestion.models import Source


def items(user: object) -> list[Item]:
    pending = Source.objects.filter(
        unit_scope(user, area="area__", min_role=Membership.Role.EDITOR),
        confirmed_at__isnull=True,
    ).count()
    url = reverse("ingestion:source_list") + "?status=pending"
    return [Item(_("Texts whose facts wait for confirmation"), pending, url)]
