"""The filters of the list of texts brought in."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.common.filters import ListFilterSet
from danvan.ingestion.models import Source


class SourceFilterSet(ListFilterSet):
    """Accent-free search in the title and text; confirmed or still to review."""

    class Meta(ListFilterSet.Meta):
        model = Source

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        method="filter_status",
        empty_label=_("All"),
        choices=[("pending", _("To review")), ("confirmed", _("Confirmed"))],
    )

    def filter_status(
        self, queryset: QuerySet[Source], name: str, value: str
    ) -> QuerySet[Source]:
        if value == "confirmed":
            return queryset.confirmed()  # type: ignore[attr-defined,no-any-return]
        return queryset.filter(confirmed_at__isnull=True)
