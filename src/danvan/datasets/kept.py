"""The figures' kept figures (``common.kept``): the submission lists' counts
and the home page's reports due and waiting, per reader's scope, filters and
day, forgotten when a submission, a form or a period is saved or deleted, or
the unit tree changes."""

from __future__ import annotations

from danvan.common.kept import KeptFigures
from danvan.datasets.providers import watched_models

FIGURES = KeptFigures(
    "datasets",
    watched=(
        "datasets.Submission",
        "datasets.ReportForm",
        "datasets.Period",
    ),
)

# The sums of the pivot page and the sums API (datasets.views.sums,
# datasets.api.sums): forgotten when a value, an indicator or a form's
# content changes (the default indicators are those of the forms in use), a
# row of the registers that provide indicators, or the unit tree.
SUMS = KeptFigures(
    "datasets-sums",
    watched=(
        "datasets.DataValue",
        "datasets.Indicator",
        "datasets.ReportForm",
        "datasets.FormIndicator",
        # The rows the apps' registers count (datasets.providers).
        *watched_models(),
    ),
)
