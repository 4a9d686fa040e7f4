"""Spans against a layer's regions: a document may declare thousands of regions, so each span is
placed among them by bisection instead of being tried against every one."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate


class RegionIndex:
    """Half-open regions in any order, overlapping or not. Sorted by start, the regions that begin
    before a point reach as far as the furthest end among them: a span lies inside a region, or
    overlaps one, exactly when that reach is far enough."""

    def __init__(self, regions: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(regions)
        self._starts = [start for start, _ in ordered]
        self._reach = list(accumulate((end for _, end in ordered), max))

    def holds(self, start: int, end: int) -> bool:
        """Whether one region has ``region start <= start`` and ``end <= region end``."""
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and end <= self._reach[i]

    def touches(self, start: int, end: int) -> bool:
        """Whether one region has ``region start < end`` and ``start < region end``."""
        i = bisect_left(self._starts, end) - 1
        return i >= 0 and start < self._reach[i]
