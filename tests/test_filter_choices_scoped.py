"""Every choice offered by a list's filters lies in the user's scope.

Walks every FilterSet of the apps' ``filters.py`` built over the rows a commune
user sees, with rows of the sibling commune present, and checks each choice
field that names rows (a ModelChoiceField, or a choice of ids of areas and
bodies): none may be a row the user may not see.
"""

import importlib
import inspect
from typing import Any

import pytest
from django import forms

from danvan.common.filters import ListFilterSet
from danvan.units.models import Area, Body
from tests.test_form_choices_scoped import elsewhere  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

MODULES = [
    "danvan.dialogues.filters",
    "danvan.documents.filters",
    "danvan.incidents.filters",
    "danvan.ingestion.filters",
    "danvan.initiatives.filters",
    "danvan.meetings.filters",
    "danvan.plans.filters",
    "danvan.situation.filters",
    "danvan.units.filters",
]
# Choice filters whose values are ids of rows of these models.
ROW_CHOICES: dict[str, Any] = {"area": Area, "body": Body, "owner": Body}


def _filtersets():
    for name in MODULES:
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, ListFilterSet) and cls.__module__ == name:
                yield cls


def _build(cls, user):
    rows = cls._meta.model.objects.visible_to(user)
    if "user" in inspect.signature(cls.__init__).parameters:
        return cls({}, rows, user=user)
    return cls({}, rows)


def test_every_list_has_a_filterset():
    names = {cls.__name__ for cls in _filtersets()}
    assert {
        "DocumentFilterSet",
        "MeetingFilterSet",
        "TaskFilterSet",
        "InitiativeFilterSet",
        "SourceFilterSet",
        "PersonFilterSet",
        "AreaFilterSet",
    } <= names


@pytest.mark.parametrize(
    "filterset_class", list(_filtersets()), ids=lambda c: c.__name__
)
def test_filter_choices_are_in_scope(filterset_class, users, elsewhere):  # noqa: F811
    user = users["commune"]
    form = _build(filterset_class, user).form
    for name, field in form.fields.items():
        if isinstance(field, forms.ModelChoiceField):
            queryset: Any = field.queryset  # visible_to is checked with hasattr
            if not hasattr(queryset, "visible_to"):
                continue  # a catalogue, the same for everyone
            outside = queryset.exclude(pk__in=queryset.visible_to(user).values("pk"))
            assert not outside.exists(), f"{filterset_class.__name__}.{name}"
        elif name in ROW_CHOICES and isinstance(field, forms.ChoiceField):
            model = ROW_CHOICES[name]
            choices: Any = field.choices  # a filter's list of (pk, label)
            ids = {int(value) for value, _label in choices if value}
            visible = set(model.objects.visible_to(user).values_list("pk", flat=True))
            assert ids <= visible, f"{filterset_class.__name__}.{name}: {ids - visible}"
