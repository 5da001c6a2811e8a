"""The dashboards' kept figures (``common.kept``): a unit's home dashboard and
the area dashboard's sums, per reader's scope, unit, parameters, day and
language, forgotten when a row they read is saved or deleted (a value, a
submission, a form, a plan's target or progress, a task, a model, a row of
the registers that provide indicators), or the unit tree changes."""

from __future__ import annotations

from danvan.common.kept import KeptFigures
from danvan.datasets.providers import watched_models

FIGURES = KeptFigures(
    "dashboards",
    watched=(
        "datasets.DataValue",
        "datasets.Submission",
        "datasets.ReportForm",
        "datasets.FormIndicator",
        "datasets.Indicator",
        "datasets.Period",
        "plans.Plan",
        "plans.Target",
        "plans.Progress",
        "plans.PlanTask",
        "meetings.Task",
        "initiatives.Initiative",
        # The rows the apps' registers count (datasets.providers).
        *watched_models(),
    ),
)
