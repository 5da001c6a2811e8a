"""The filters of the register list."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.accounts.models import User
from danvan.common.filters import ListFilterSet
from danvan.documents.models import Document
from danvan.units.models import Area
from danvan.units.widgets import AreaPicker


class DocumentFilterSet(ListFilterSet):
    """Kind, issuer, year, area (with the areas below it), status; by date first."""

    class Meta(ListFilterSet.Meta):
        model = Document

    SORTS = {
        "date": ("-issued_on", "-pk"),
        "number": ("number_value", "symbol"),
        "title": ("title",),
        "kind": ("kind", "-issued_on"),
        "issuer": ("issuer_name", "-issued_on"),
    }
    DEFAULT_SORT = "date"

    kind = django_filters.ChoiceFilter(
        label=pgettext_lazy("document", "Kind"),
        choices=Document.Kind.choices,
        empty_label=_("All"),
    )
    # Any name of an issuer: the list offers the first 300 of them.
    issuer = django_filters.CharFilter(label=_("Issuer"), field_name="issuer_name")
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="issued_on__year", empty_label=_("All")
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Area"),
        method="filter_area",
        empty_label=_("All"),
        queryset=Area.objects.none(),
        widget=AreaPicker,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Document.Status.choices, empty_label=_("All")
    )

    def __init__(
        self,
        data: Any = None,
        queryset: QuerySet[Document] | None = None,
        *,
        user: User,
    ) -> None:
        super().__init__(data, queryset)
        self.user = user
        visible = self.queryset
        fields = self.form.fields
        # Read only when shown or checked: the export needs none of them.
        fields["year"].choices = lambda: [
            (d.year, str(d.year)) for d in visible.dates("issued_on", "year", "DESC")
        ]
        fields["area"].queryset = Area.objects.visible_to(user)

    def issuers(self) -> list[str]:
        """The names of the issuers of the visible documents, for the list."""
        return list(
            self.queryset.exclude(issuer_name="")
            .order_by("issuer_name")
            .values_list("issuer_name", flat=True)
            .distinct()[:300]
        )

    def filter_area(
        self, queryset: QuerySet[Document], name: str, value: Area
    ) -> QuerySet[Document]:
        # ``value`` is one of the areas the user sees (the field's queryset).
        return queryset.filter(area__in=Area.objects.within(value))
