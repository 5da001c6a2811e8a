"""The documents' kept figures (``common.kept``): the ids a reader reads up the
tree, the span of their years, the lists' counts, per reader's scope and
filters, forgotten when a document or a relation is saved or deleted, or the
unit tree changes."""

from __future__ import annotations

from danvan.common.kept import KeptFigures

FIGURES = KeptFigures(
    "documents",
    watched=("documents.Document", "documents.DocumentRelation"),
)
