"""Errors of plans; each carries a message for the user."""

from __future__ import annotations


class PlanError(Exception):
    """A plan, target or progress cannot be written; ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ImportRefusedError(PlanError):
    """A spreadsheet of targets was refused whole; ``errors`` lists every bad
    row (or the file's one problem)."""

    def __init__(self, message: str, errors: list[str]) -> None:
        super().__init__(message)
        self.errors = errors
