"""The hot spots' kept figures (``common.kept``): the list's and API's
counts, the home page's counts and the view by commune, per reader's scope,
parameters, day and language, forgotten when a hot spot or a follow-up is
saved or deleted (or the unit tree changes)."""

from __future__ import annotations

from danvan.common.kept import KeptFigures

FIGURES = KeptFigures(
    "incidents",
    watched=("incidents.Incident", "incidents.FollowUp", "situation.Topic"),
)
