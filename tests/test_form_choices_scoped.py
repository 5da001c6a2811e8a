"""Every choice of a related row offered by a form lies in the user's scope.

Walks every form of every app's ``forms.py`` that is built for a user
(``Form(user=…)``) and checks each ``ModelChoiceField``: no choice may be a row
of a scoped model that the user may not see. Rows of another commune (a body,
a person, a document, a model) exist, so a queryset left at ``objects.all()``
fails here.
"""

import datetime as dt
import importlib
import inspect

import pytest
from django import forms

from danvan.common.actors import system_actor
from danvan.documents import services as documents
from danvan.units import services as units
from danvan.units.models import Body

pytestmark = pytest.mark.django_db

MODULES = [
    "danvan.dashboards.forms",
    "danvan.datasets.forms.catalogue",
    "danvan.dialogues.forms",
    "danvan.documents.forms",
    "danvan.incidents.forms",
    "danvan.ingestion.forms",
    "danvan.initiatives.forms",
    "danvan.meetings.forms",
    "danvan.plans.forms",
    "danvan.situation.forms",
    "danvan.units.forms",
]


def _user_forms():
    for name in MODULES:
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, forms.BaseForm) or cls.__module__ != name:
                continue
            try:
                cls(user=None)  # type: ignore[call-arg]  # a scoped form takes user=
            except TypeError:
                continue  # built from something else (a queryset, a rubric)
            except Exception:
                pass
            yield cls


@pytest.fixture
def elsewhere(tree):
    """Rows of the sibling commune: a body, a person, a document."""
    body = units.create_body(
        actor=system_actor(),
        name="Ủy ban nhân dân xã Hạnh Phúc",
        kind=Body.Kind.PEOPLES_COMMITTEE,
        area=tree["sibling"],
        abbreviation="UBND",
    )
    person = units.create_person(
        actor=system_actor(), full_name="Lò Văn Xa", area=tree["sibling"]
    )
    document = documents.register_document(
        actor=system_actor(),
        area=tree["sibling"],
        symbol_text="15/QĐ-UBND",
        issued_on=dt.date(2025, 9, 2),
        title="Quyết định khen thưởng",
        issuer_body=body,
    )
    return [body, person, document]


@pytest.mark.parametrize("form_class", list(_user_forms()), ids=lambda c: c.__name__)
def test_choices_of_related_rows_are_in_scope(form_class, users, elsewhere):
    user = users["commune"]
    form = form_class(user=user)
    for name, field in form.fields.items():
        if not isinstance(field, forms.ModelChoiceField):
            continue
        queryset = field.queryset
        assert queryset is not None
        model = queryset.model
        if not hasattr(model._default_manager.all(), "visible_to"):
            continue  # a catalogue (fields of models), the same for everyone
        visible = model._default_manager.all().visible_to(user)
        outside = queryset.exclude(pk__in=visible.values("pk"))
        assert not outside.exists(), (
            f"{form_class.__name__}.{name}: {list(outside[:3])}"
        )
