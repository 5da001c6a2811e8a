"""Errors of the document register; each carries a message for the user."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from danvan.documents.models import Document


class DocumentError(Exception):
    """A document cannot be registered or numbered; ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidSymbolError(DocumentError):
    """The number and symbol do not parse, and the warning was not accepted."""


class DuplicateDocumentError(DocumentError):
    """The number is already taken in its sequence; ``existing`` has it."""

    def __init__(self, existing: Document) -> None:
        self.existing = existing
        self.url = existing.get_absolute_url()
        super().__init__(
            _(
                "This document is already in the register: %(kind)s %(reference)s "
                "of %(issuer)s dated %(date)s, “%(title)s”."
            )
            % {
                "kind": existing.get_kind_display(),
                "reference": existing.reference,
                "issuer": existing.issuer or existing.area,
                "date": date_format(existing.issued_on, "d/m/Y"),
                "title": existing.title,
            }
        )


class TermMissingError(DocumentError):
    """A Party body has no term containing the date: its terms must be entered."""


class NumberingError(DocumentError):
    """No number could be taken (the body has no issuer code, the kind has none)."""
