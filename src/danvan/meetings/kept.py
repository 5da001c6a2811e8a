"""The meetings' kept figures (``common.kept``): the lists' counts and spans of
years and the home page's task counts, per reader's scope, filters and day,
forgotten when a meeting, a task or a conclusion is saved or deleted, or the
unit tree changes (an area or body filter follows the successions)."""

from __future__ import annotations

from danvan.common.kept import KeptFigures

FIGURES = KeptFigures(
    "meetings",
    watched=(
        "meetings.Meeting",
        "meetings.Task",
        "meetings.Conclusion",
    ),
)
