"""danvan: a platform for công tác dân vận (mass-mobilization work)."""

__version__ = "0.1.0"
