"""The access matrix's cases for the petitions app's URL names (merged into
``tests.access.cases.CASES``)."""

from __future__ import annotations

from tests.access.cases import Case

CASES: dict[str, list[Case]] = {}
