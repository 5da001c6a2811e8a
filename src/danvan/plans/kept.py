"""The plans' kept figures (``common.kept``): the list's count and span of
years and the home page's counts, per reader's scope, filters and day,
forgotten when a plan, a target, its progress or a task changes, or the unit
tree changes."""

from __future__ import annotations

from danvan.common.kept import KeptFigures

FIGURES = KeptFigures(
    "plans",
    watched=(
        "plans.Plan",
        "plans.Target",
        "plans.Progress",
        "plans.PlanTask",
    ),
)
