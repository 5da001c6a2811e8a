"""Every key an API client may write is chosen among the rows the user sees.

Walks every serializer of every app's ``api.py``: a writable relation must be a
``ScopedRelatedField`` (``danvan.common.api``), unless its model is a shared
catalogue every user may read. A new serializer with a plain
``PrimaryKeyRelatedField`` fails here.
"""

import importlib
import inspect

import pytest
from rest_framework import serializers

from danvan.common.api import ScopedRelatedField

MODULES = [
    "danvan.dialogues.api",
    "danvan.documents.api",
    "danvan.incidents.api",
    "danvan.initiatives.api",
    "danvan.meetings.api",
    "danvan.situation.api",
    "danvan.units.api",
]
# Catalogues shared by the whole country: the fields of "Dân vận khéo" models,
# the topics of the people's situation.
PUBLIC = {"initiatives.field", "situation.topic"}


def _serializers():
    for name in MODULES:
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, serializers.Serializer) and cls.__module__ == name:
                yield cls


def _relations(serializer, prefix=""):
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.ManyRelatedField):
            field = field.child_relation
        if isinstance(field, serializers.ListSerializer):
            field = field.child
        if isinstance(field, serializers.Serializer):
            if not field.read_only:
                yield from _relations(field, f"{prefix}{name}.")
            continue
        if isinstance(field, serializers.RelatedField) and not field.read_only:
            yield f"{prefix}{name}", field


@pytest.mark.parametrize("serializer_class", list(_serializers()), ids=str)
def test_writable_relations_are_scoped(serializer_class):
    unscoped = []
    for name, field in _relations(serializer_class()):
        if isinstance(field, ScopedRelatedField):
            continue
        model = field.queryset.model if field.queryset is not None else None
        if model is not None and model._meta.label_lower in PUBLIC:
            continue
        unscoped.append(name)
    assert not unscoped, f"{serializer_class.__name__}: {unscoped}"
