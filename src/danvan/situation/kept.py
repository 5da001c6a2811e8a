"""The situation's kept figures (``common.kept``): the period view's counts and
rows, per reader's scope, area, period, day and language, forgotten when an
entry or a topic changes, or the unit tree changes."""

from __future__ import annotations

from danvan.common.kept import KeptFigures

FIGURES = KeptFigures("situation", watched=("situation.Entry", "situation.Topic"))
