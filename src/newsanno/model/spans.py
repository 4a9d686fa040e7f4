"""Choosing among overlapping spans: the longest are kept, none sharing a character."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


def longest_disjoint(items: Iterable[T], span: Callable[[T], tuple[int, int]]) -> list[T]:
    """The items whose ``span(item)`` (half-open offsets) shares no character with a kept
    one, taken longest first (then earlier start, then the order given), returned in text order.

    Coverage is a bitmap, so each check costs the span's length: linear in the text when
    candidates overlap little (the extractors' case), whatever their number."""
    ranked = sorted(((span(x), x) for x in items), key=lambda sx: (sx[0][0] - sx[0][1], sx[0][0]))
    if not ranked:
        return []
    taken = bytearray(max(end for (_, end), _ in ranked))
    kept: list[tuple[tuple[int, int], T]] = []
    for (start, end), x in ranked:
        if taken.find(1, start, end) == -1:
            taken[start:end] = b"\x01" * (end - start)
            kept.append(((start, end), x))
    kept.sort(key=lambda sx: sx[0][0])
    return [x for _, x in kept]
