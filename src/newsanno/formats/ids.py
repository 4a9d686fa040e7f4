"""Readable, unique ids made from source names: every importer names documents and clusters
from titles and descriptors, and two sources never collide."""

from __future__ import annotations

import re
import unicodedata


def slug(text: str, *, fallback: str) -> str:
    """A readable id part ('Apple Inc.' -> 'apple-inc'); ``fallback`` when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    return out or fallback


def unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name-2``, ``name-3`` ... when taken; the result is added to ``taken``."""
    out, n = name, 1
    while out in taken:
        n += 1
        out = f"{name}-{n}"
    taken.add(out)
    return out
