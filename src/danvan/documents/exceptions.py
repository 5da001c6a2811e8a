"""Errors of the document register; each carries a message for the user."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from danvan.documents.models import Document


class DocumentError(Exception):
    """A document cannot be registered or numbered; ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def message_for(self, user: Any) -> str:
        """The message as ``user`` may read it."""
        return self.message


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

    def message_for(self, user: Any) -> str:
        """The full message when ``user`` sees the existing document; else one
        that says the number is taken without naming what holds it."""
        from danvan.documents.models import Document

        if Document.objects.visible_to(user).filter(pk=self.existing.pk).exists():
            return self.message
        # The reference is what the user typed; the rest belongs to the holder.
        return _(
            "%(reference)s is already in the register of a unit outside your scope."
        ) % {"reference": self.existing.reference}


class TermMissingError(DocumentError):
    """A Party body has no term containing the date: its terms must be entered."""


class NumberingError(DocumentError):
    """No number could be taken (the body has no issuer code, the kind has none)."""
