"""Errors of periodic reports; each carries a message for the user."""

from __future__ import annotations


class ReportError(Exception):
    """A report or report type cannot be written this way; ``message`` says
    why (in the user's language)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
