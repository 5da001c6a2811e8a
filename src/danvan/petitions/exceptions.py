"""Errors of the petitions register; each carries a message for the user."""

from __future__ import annotations


class PetitionError(Exception):
    """A petition cannot be received or moved this way; ``message`` says why
    (in the user's language, nothing saved)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RuleSetError(PetitionError):
    """The sets of legal deadlines leave a gap or overlap, or lack a rule."""
