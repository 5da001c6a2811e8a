"""Errors of bringing texts in."""


class IngestionError(Exception):
    """A file cannot be brought in; ``str(error)`` is the reason for the user."""
