"""The figures tests' bodies and form (``datasets.tests.conftest``), shared."""

from danvan.datasets.tests.conftest import bodies, period, quarterly

__all__ = ["bodies", "period", "quarterly"]
