"""Errors of periodic reports; each carries a message for the user."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from danvan.reports.models import ReportSection


class ReportError(Exception):
    """A report or report type cannot be written this way; ``message`` says
    why (in the user's language)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WrongStatusError(ReportError):
    """The step does not apply to a report in its present status."""


class NoteRequiredError(ReportError):
    """Returning a report needs a note saying what to correct."""


class LockedError(ReportError):
    """The report is submitted, approved or sent: its text is locked."""


class SectionConflict(ReportError):  # noqa: N818 (the name the pages use)
    """The section was saved by someone else since the editor read it.

    ``current`` is the section as it is now (its text and version), so the
    page shows it beside the editor's own text; nothing was overwritten.
    """

    def __init__(self, current: ReportSection) -> None:
        super().__init__(
            _(
                "This section was saved by someone else meanwhile (version "
                "%(version)s): compare the two texts; nothing was overwritten."
            )
            % {"version": current.version}
        )
        self.current = current
