"""Errors of the "Dân vận khéo" register; each carries a message for the user."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class InitiativeError(Exception):
    """A model cannot be changed this way; ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WrongStatusError(InitiativeError):
    """The step does not apply to a model in its present status."""


class IncompleteError(InitiativeError):
    """The registration lacks what the level above needs to judge it."""


class NoRubricError(InitiativeError):
    """No rubric is set for the model's year and level."""


class OwnUnitError(PermissionDenied):
    """The user belongs to the unit that registered the model: they may not
    accept, evaluate or commend it."""
