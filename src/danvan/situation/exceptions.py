"""The situation app's refusals: a Vietnamese message for the officer."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class SituationError(ValidationError):
    """Input the situation register refuses (nothing is saved)."""
