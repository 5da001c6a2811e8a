"""Errors of reported figures; each carries a message for the user."""

from __future__ import annotations


class DatasetError(Exception):
    """Figures cannot be written this way; ``message`` says why (in the
    user's language), naming the cell or row when there is one."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotReporterError(DatasetError):
    """The body does not report this form (wrong level, kind or area)."""


class LockedError(DatasetError):
    """The submission is submitted or accepted: its values are locked."""


class WrongStatusError(DatasetError):
    """The step does not apply to a submission in its present status."""
