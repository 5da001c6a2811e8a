"""Errors of the hot spots; each carries a Vietnamese message for the user."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class IncidentError(ValidationError):
    """A hot spot or a follow-up cannot be written this way; the message says why.

    A ``ValidationError``: forms show it, the API answers it as a 400.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.text = message
