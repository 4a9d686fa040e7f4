"""How far compressed input from other people may expand.

Parquet shards, spaCy DocBin files and the like are compressed: a few kilobytes can decode to
gigabytes. Real text and annotations compress a few times, not a hundred, so an input may
decode to at most ``max(MIN_EXPANDED, RATIO * its size on disk)`` bytes; past that it is refused
with ``too-large`` before the rest is decoded.

Offsets expand too: an import gives every span its own copy of its text, so the texts of the
spans one source file gives are held to the same limit, in characters."""

from __future__ import annotations

import zlib

from .errors import fail

RATIO = 100
MIN_EXPANDED = 64 << 20
_CHUNK = 1 << 20


def expansion_limit(size: int) -> int:
    return max(MIN_EXPANDED, RATIO * size)


class Budget:
    """The bytes one input may decode to; ``spend`` refuses the part that goes over."""

    def __init__(self, file: str, what: str, size: int) -> None:
        self.file, self.what = file, what
        self.limit = expansion_limit(size)
        self.spent = 0

    def spend(self, nbytes: int) -> None:
        self.spent += nbytes
        if self.spent > self.limit:
            raise fail("too-large", file=self.file, what=self.what, limit=self.limit)


def check_zlib(data: bytes, file: str, what: str) -> None:
    """Decompress ``data`` a megabyte at a time, keeping nothing, and refuse it when it expands
    past its budget; a stream that is not zlib raises ``zlib.error``."""
    budget = Budget(file, what, len(data))
    d = zlib.decompressobj()
    rest = data
    while rest:
        budget.spend(len(d.decompress(rest, _CHUNK)))
        rest = d.unconsumed_tail
    budget.spend(len(d.flush()))
