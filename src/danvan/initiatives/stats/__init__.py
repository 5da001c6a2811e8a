"""Statistics of the register: which models count (``selection``), the figures
(``compute``, ``figures``), their roll-up to the units in force (``rollup``),
the table of the page and the XLSX (``table``), the page's charts and cards
(``display``) and its parameters and area picker (``filters``)."""

from danvan.initiatives.stats.compute import model_statistics
from danvan.initiatives.stats.figures import (
    DEFAULT_N,
    UNEVALUATED,
    FieldCount,
    ModelStats,
    Threshold,
    UnitCount,
    percent,
)
from danvan.initiatives.stats.selection import NOT_REGISTERED, registered_between

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
