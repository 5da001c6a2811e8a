"""The petitions' kept figures (``common.kept``): the list's count and the
due page's counts per handling body, per reader's scope, filters and day,
forgotten when a petition changes, or the unit tree changes."""

from __future__ import annotations

from danvan.common.kept import KeptFigures

FIGURES = KeptFigures("petitions", watched=("petitions.Petition",))
