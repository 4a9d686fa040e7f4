"""Offset units other than code points, converted in one place.

The corpus counts Unicode code points; Label Studio (a JavaScript application) and UIMA (Java)
count UTF-16 code units, where a character outside the Basic Multilingual Plane (an emoji) takes
two. One table per text maps both ways, so converting many spans costs one pass over the text."""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate


class Utf16Offsets:
    """Code point <-> UTF-16 code unit offsets over one text."""

    def __init__(self, text: str) -> None:
        # units[i] = UTF-16 offset of code point i; the last entry is the UTF-16 length.
        self.units = [0, *accumulate(2 if ord(c) > 0xFFFF else 1 for c in text)]

    def to_utf16(self, cp: int) -> int:
        return self.units[cp]

    def from_utf16(self, unit: int) -> int:
        """The code point at UTF-16 offset ``unit``; ValueError inside a surrogate pair or
        past the end, so a span never silently shifts by one."""
        cp = bisect_left(self.units, unit)
        if cp == len(self.units) or self.units[cp] != unit:
            if unit > self.units[-1] or unit < 0:
                raise ValueError(f"UTF-16 offset {unit} is outside the text")
            raise ValueError(f"UTF-16 offset {unit} splits a surrogate pair")
        return cp
