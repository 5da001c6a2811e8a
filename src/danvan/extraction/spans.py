"""A set of text spans with fast overlap tests (sorted, merged, bisected)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class Spans:
    """Half-open spans ``[start, end)``; ``overlaps`` is O(log n)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            self._append(start, end)

    def _append(self, start: int, end: int) -> None:
        if self._ends and start <= self._ends[-1]:
            self._ends[-1] = max(self._ends[-1], end)
        else:
            self._starts.append(start)
            self._ends.append(end)

    def add(self, start: int, end: int) -> None:
        if not self._starts or start >= self._starts[-1]:
            self._append(start, end)
            return
        merged = sorted([*zip(self._starts, self._ends, strict=True), (start, end)])
        self._starts, self._ends = [], []
        for a, b in merged:
            self._append(a, b)

    def overlaps(self, start: int, end: int) -> bool:
        """Does ``[start, end)`` meet any span (a point when ``end == start + 1``)?"""
        i = bisect.bisect_right(self._starts, max(start, end - 1)) - 1
        return i >= 0 and self._ends[i] > start

    def covers(self, pos: int) -> bool:
        return self.overlaps(pos, pos + 1)
