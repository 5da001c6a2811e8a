"""factory-boy factories of documents: a register entry made by the service."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from factory.django import DjangoModelFactory

from danvan.common.actors import system_actor
from danvan.documents import services
from danvan.documents.models import Document


class DocumentFactory(DjangoModelFactory[Document]):
    """A plan of the People's Committee of ``area``, registered by the service."""

    class Meta:
        model = Document

    symbol_text = factory.Sequence(lambda n: f"{n + 1}/KH-UBND")
    issued_on = dt.date(2025, 9, 10)
    title = factory.Sequence(lambda n: f"Kế hoạch công tác dân vận số {n + 1}")

    @classmethod
    def _create(
        cls, model_class: type[Document], *args: Any, **kwargs: Any
    ) -> Document:
        return services.register_document(actor=system_actor(), **kwargs)
