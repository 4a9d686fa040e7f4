"""Readable, unique ids made from source names: every importer names documents and clusters
from titles and descriptors, and two sources never collide."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


def slug(text: str, *, fallback: str) -> str:
    """A readable id part ('Apple Inc.' -> 'apple-inc'); ``fallback`` when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    return out or fallback


class UniqueIds:
    """Ids given so far: a name, then ``name-2``, ``name-3`` ... when it is taken. The number
    last given after each name is kept, so that no number is tried twice for one name: a source
    naming 20,000 clusters alike costs linear time, not quadratic."""

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self.taken = set(reserved)
        self._last: dict[str, int] = {}

    def unique(self, name: str) -> str:
        """``name``, or the first of ``name-2``, ``name-3`` ... not taken; taken from now on."""
        n = self._last.get(name, 1)
        out = name if n == 1 else f"{name}-{n}"
        while out in self.taken:
            n += 1
            out = f"{name}-{n}"
        self._last[name] = n
        self.taken.add(out)
        return out
