"""The filters of the register of models."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.accounts.models import User
from danvan.common.filters import ListFilterSet
from danvan.common.kept import list_params
from danvan.initiatives.forms import year_choices
from danvan.initiatives.models import Classification, Field, Initiative, Level
from danvan.units.models import Area
from danvan.units.widgets import AreaPicker


def _field_choices() -> Callable[[], list[tuple[int, str]]]:
    """The fields as choices, read once when first asked for (the API's list
    neither validates nor renders them unless a field is filtered)."""
    read: list[tuple[int, str]] = []

    def choices() -> list[tuple[int, str]]:
        if not read:
            read.extend(Field.objects.values_list("pk", "name"))
        return read

    return choices


class InitiativeFilterSet(ListFilterSet):
    """Year, field, state, classification, unit (and its lineage), level, kind."""

    class Meta(ListFilterSet.Meta):
        model = Initiative

    SORTS = {
        "year": ("year", "name"),
        "name": ("search_text", "pk"),
        "field": ("field__order", "year"),
        "status": ("status", "year"),
        "classification": ("classification", "year"),
        "unit": ("area_path", "year"),
    }
    DEFAULT_SORT = "-year"

    year = django_filters.ChoiceFilter(label=_("Year"), empty_label=_("All years"))
    # The fields' choices are read in one query (a model choice field reads
    # its queryset through a server-side cursor: three round trips).
    field = django_filters.ChoiceFilter(label=_("Field"), empty_label=_("All fields"))
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        method="filter_status",
        empty_label=_("All"),
        choices=[
            ("registered", _("Registered (accepted)")),
            *Initiative.Status.choices,
        ],
    )
    classification = django_filters.ChoiceFilter(
        label=_("Classification"),
        method="filter_classification",
        empty_label=_("All"),
        choices=[
            ("effective", _("Effective or exemplary")),
            ("none", _("Not evaluated")),
            *Classification.choices,
        ],
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Area"),
        method="filter_area",
        empty_label=_("All areas"),
        queryset=Area.objects.none(),
        widget=AreaPicker,
    )
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=Level.choices, empty_label=_("All levels")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Collective or individual"),
        choices=Initiative.Kind.choices,
        empty_label=_("All"),
    )
    adopted = django_filters.ChoiceFilter(
        label=pgettext_lazy("initiative", "Replication"),
        method="filter_adopted",
        empty_label=_("All"),
        choices=[
            ("copies", _("Replicating another model")),
            ("origins", _("Replicated elsewhere")),
        ],
    )

    def __init__(
        self,
        data: Any = None,
        queryset: QuerySet[Initiative] | None = None,
        *,
        user: User,
    ) -> None:
        super().__init__(data, queryset)
        self.user = user
        fields = self.form.fields
        fields["year"].choices = year_choices()
        fields["field"].choices = _field_choices()
        fields["area"].queryset = Area.objects.visible_to(user)

    def filter_status(
        self, queryset: QuerySet[Initiative], name: str, value: str
    ) -> QuerySet[Initiative]:
        if value == "registered":
            return queryset.registered()  # type: ignore[attr-defined,no-any-return]
        return queryset.filter(status=value)

    def filter_classification(
        self, queryset: QuerySet[Initiative], name: str, value: str
    ) -> QuerySet[Initiative]:
        if value == "effective":
            return queryset.effective()  # type: ignore[attr-defined,no-any-return]
        return queryset.filter(classification="" if value == "none" else value)

    def filter_area(
        self, queryset: QuerySet[Initiative], name: str, value: Area
    ) -> QuerySet[Initiative]:
        # ``value`` is one of the areas the user sees (the field's queryset).
        return queryset.in_lineage_of(value.path)  # type: ignore[attr-defined,no-any-return]

    def filter_adopted(
        self, queryset: QuerySet[Initiative], name: str, value: str
    ) -> QuerySet[Initiative]:
        if value == "copies":
            return queryset.filter(adopted_from__isnull=False)
        # Read from the copies' side: no join and DISTINCT on the sorted list.
        origins = Initiative.objects.filter(adopted_from__isnull=False)
        return queryset.filter(pk__in=origins.values("adopted_from"))


def kept_count(filters: InitiativeFilterSet, count: Callable[[], int]) -> int:
    """``count()`` of the rows ``filters`` find, kept with the statistics'
    figures (``initiatives.kept``: per reader's scope and the
    filters' values, until a model or the tree changes): a count reads every
    row of the scope the filters leave (3.5 ms of PostgreSQL for a province),
    where a page reads fifty."""
    from danvan.initiatives.kept import FIGURES

    return FIGURES.kept(
        "list-count", filters.user, list_params(filters.data or {}), count
    )
