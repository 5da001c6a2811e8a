"""The filters of every list page, declared once per list as a django-filter FilterSet.

A list view builds its FilterSet from the rows the user may see
(``Model.objects.visible_to(user)``), so every choice offered by a filter comes
from those rows or from another ``visible_to``. A wrong value is ignored, not an
error page: django-filter leaves out the fields that do not validate.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import F, Model, QuerySet
from django.db.models.expressions import OrderBy
from django.utils.translation import gettext_lazy as _

from danvan.common.forms import CleanForm


def sort_choices(sorts: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    """Each sort key ascending and descending (``-key``)."""
    return [(k, k) for key in sorts for k in (key, f"-{key}")]


def ordering(
    sorts: dict[str, tuple[str, ...]], key: str, model: type[Model] | None = None
) -> list[OrderBy]:
    """The ORDER BY of a sort key ("-date": the reverse of "date"); empty values last.

    A field written ``-name`` in ``sorts`` is descending under the plain key.
    A column of ``model`` that cannot be NULL is ordered plainly: "NULLS LAST"
    changes nothing there, and PostgreSQL reads a plain order from an index
    (``(issued_on, id)`` backwards) instead of sorting every row in scope.
    """
    flip = key.startswith("-")
    order = []
    for field in sorts[key.lstrip("-")]:
        descending = field.startswith("-") != flip
        name = field.lstrip("-")
        expression = F(name)
        nulls_last = True if model is None else _nullable(model, name)
        if descending:
            order.append(expression.desc(nulls_last=nulls_last or None))
        else:
            order.append(expression.asc(nulls_last=nulls_last or None))
    return order


def _nullable(model: type[Model], name: str) -> bool:
    """May the column ``name`` of ``model`` hold NULL (True when unknown)?"""
    if name == "pk":
        return False
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return True
    return bool(getattr(field, "null", True)) or not field.concrete


class ListFilterSet(django_filters.FilterSet):  # type: ignore[misc]
    """Filters of a list: a cleaned form, accent-free search ``q``, a ``sort`` key.

    Subclasses name their ``SORTS`` (key -> fields) and ``DEFAULT_SORT``; the
    model's QuerySet provides ``search(text)``.
    """

    SORTS: dict[str, tuple[str, ...]] = {}
    DEFAULT_SORT = ""

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    sort = django_filters.ChoiceFilter(
        choices=[], method="filter_nothing", widget=forms.HiddenInput
    )

    class Meta:
        form = CleanForm
        fields: list[str] = []

    def __init__(
        self, data: Any = None, queryset: QuerySet[Any] | None = None, **kwargs: Any
    ):
        super().__init__(data, queryset, **kwargs)
        self.filters["sort"].field.choices = sort_choices(self.SORTS)

    def filter_search(
        self, queryset: QuerySet[Any], name: str, value: str
    ) -> QuerySet[Any]:
        return queryset.search(value)  # type: ignore[attr-defined,no-any-return]

    def filter_nothing(
        self, queryset: QuerySet[Any], name: str, value: Any
    ) -> QuerySet[Any]:
        # Sorting is applied last, in ``filter_queryset``.
        return queryset

    def value(self, name: str) -> Any:
        """The cleaned value of a filter, or None when absent or not valid."""
        if not self.is_bound or (not self.form.is_valid() and name in self.form.errors):
            return None
        return self.form.cleaned_data.get(name)

    @property
    def sort_key(self) -> str:
        """The chosen sort key, else the list's default."""
        return self.value("sort") or self.DEFAULT_SORT

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        queryset = super().filter_queryset(queryset)
        if self.SORTS and self.sort_key:
            queryset = queryset.order_by(
                *ordering(self.SORTS, self.sort_key, queryset.model)
            )
        return queryset


def year_choices(rows: QuerySet[Any], field: str) -> list[tuple[int, str]]:
    """A year filter's choices: every year from the newest row's ``field`` to the
    oldest's, newest first.

    The two ends are two queries that each stop at the first row in the
    field's order (an index on ``field``, through a join if need be), not an
    aggregate over every row in scope (3 ms for the tasks of a province): a
    year between them without a row is offered too (it lists none).
    """
    dated = rows.filter(**{f"{field}__isnull": False}).values_list(field, flat=True)
    first = list(dated.order_by(field)[:1])
    if not first:
        return []
    last = list(dated.order_by(f"-{field}")[:1])
    return [(y, str(y)) for y in range(last[0].year, first[0].year - 1, -1)]
