"""The plans' kept figures (``common.kept``): the list's count and span of
years, the home page's counts and a plan page's rows, per reader's scope,
filters and day, forgotten when a plan, its document, a group, a target, its
progress or a task changes, or the unit tree changes (names of areas and
bodies included)."""

from __future__ import annotations

from danvan.common.kept import KeptFigures

FIGURES = KeptFigures(
    "plans",
    watched=(
        "plans.Plan",
        "plans.PlanGroup",
        "plans.Target",
        "plans.Progress",
        "plans.PlanTask",
        "documents.Document",
    ),
)
