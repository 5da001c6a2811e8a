"""Statistics of the register: the figures (``compute``), their roll-up to the
units in force (``rollup``), and the table the page and the XLSX show (``table``)."""

from danvan.initiatives.stats.compute import (
    NOT_REGISTERED,
    model_statistics,
    registered_between,
)
from danvan.initiatives.stats.figures import (
    DEFAULT_N,
    UNEVALUATED,
    FieldCount,
    ModelStats,
    Threshold,
    UnitCount,
    percent,
)

__all__ = [
    "DEFAULT_N",
    "NOT_REGISTERED",
    "UNEVALUATED",
    "FieldCount",
    "ModelStats",
    "Threshold",
    "UnitCount",
    "model_statistics",
    "percent",
    "registered_between",
]
