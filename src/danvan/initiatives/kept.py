"""The models' kept figures (``common.kept``): the statistics page's figures and
HTML, the models list's and API's counts, per reader's scope, parameters, day
and language, forgotten when a row they read is saved or deleted: a model, a
commendation, a field, or the unit tree (areas, bodies and their successions).
A bulk write that sends no signal calls ``FIGURES.forget()`` itself."""

from __future__ import annotations

from danvan.common.kept import KeptFigures

FIGURES = KeptFigures(
    "initiatives",
    watched=(
        "initiatives.Initiative",
        "initiatives.Commendation",
        "initiatives.Field",
    ),
)
