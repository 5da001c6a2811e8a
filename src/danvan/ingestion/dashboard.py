"""Home page items of the texts brought in."""

from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.common.dashboard import Item
from danvan.ingestion.models import Source


def items(user: object) -> list[Item]:
    pending = Source.objects.editable_by(user).filter(confirmed_at__isnull=True).count()
    url = reverse("ingestion:source_list") + "?status=pending"
    return [Item(_("Texts whose facts wait for confirmation"), pending, url)]
