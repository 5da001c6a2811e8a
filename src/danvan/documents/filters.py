"""The filters of the register list."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.accounts.models import User
from danvan.common.filters import ListFilterSet, year_choices
from danvan.common.text import fold
from danvan.documents.kept import FIGURES
from danvan.documents.models import Document
from danvan.units.models import Area
from danvan.units.widgets import AreaPicker

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

# The issuer box suggests names as one types (``documents:issuers``), at most
# this many, from the first documents' names that hold the text.
ISSUER_OPTIONS = 20
ISSUER_CANDIDATES = 200


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
    # Any name of an issuer, as written; the box suggests names as one types.
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
        # Kept until a document changes (the span of the user's documents).
        fields["year"].choices = lambda: FIGURES.kept(
            "years", user, (), lambda: year_choices(visible, "issued_on")
        )
        fields["area"].queryset = Area.objects.visible_to(user)

    def filter_area(
        self, queryset: QuerySet[Document], name: str, value: Area
    ) -> QuerySet[Document]:
        # ``value`` is one of the areas the user sees (the field's queryset).
        return queryset.within(value)  # type: ignore[attr-defined,no-any-return]


def issuers_named(documents: QuerySet[Document], text: str) -> list[str]:
    """Names of the issuers of ``documents`` holding ``text`` (accents
    optional), for the list's issuer box: at most ``ISSUER_OPTIONS``."""
    key = fold(text)
    if not key:
        return []
    # The trigram index finds the documents naming it (``search_text`` holds
    # the issuer, folded); the names themselves are checked here.
    names = (
        documents.filter(search_text__contains=key)
        .exclude(issuer_name="")
        .order_by("issuer_name")
        .values_list("issuer_name", flat=True)
        .distinct()[:ISSUER_CANDIDATES]
    )
    return [name for name in names if key in fold(name)][:ISSUER_OPTIONS]


def count_parts(
    user: User | AnonymousUser,
    narrow: Callable[[QuerySet[Document]], QuerySet[Document]],
) -> list[QuerySet[Document]] | None:
    """The list's rows once per part of the user's scope (each path range, and
    the documents read up the tree: disjoint), ``narrow``-ed as the list is, to
    count them each on its own index (``common.paging``); None when the rows
    are counted as they are."""
    parts = Document.objects.scope_parts(user)
    if parts is None or len(parts) < 2:
        return None
    return [narrow(Document.objects.filter(part)) for part in parts]
