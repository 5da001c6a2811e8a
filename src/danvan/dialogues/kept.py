"""The dialogues' kept figures (``common.kept``): the statistics page's
figures and rows, per reader's scope, area, span and day, forgotten when a
dialogue, an opinion, a reception day or a rule changes, or the unit tree
changes."""

from __future__ import annotations

from danvan.common.kept import KeptFigures

FIGURES = KeptFigures(
    "dialogues",
    watched=(
        "dialogues.Session",
        "dialogues.Issue",
        "dialogues.Reception",
        "dialogues.ObligationRule",
    ),
)
