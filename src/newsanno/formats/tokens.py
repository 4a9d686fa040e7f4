"""Tokens for the token-based formats (CoNLL, spaCy), cut so every span falls on token edges.

Words are runs of word characters, every other visible character is a token of its own, and
whitespace runs are kept as pieces too, so the pieces tile the text exactly. A span boundary
inside a piece cuts it: alignment never expands or shrinks a span."""

from __future__ import annotations

import re
from collections.abc import Iterable

_PIECE = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def pieces(text: str, cuts: Iterable[int] = ()) -> list[tuple[int, int]]:
    """``[start, end)`` pieces tiling ``text``, split at every offset in ``cuts``."""
    bounds = sorted(set(cuts))
    out: list[tuple[int, int]] = []
    i = 0
    for m in _PIECE.finditer(text):
        start, end = m.span()
        while i < len(bounds) and bounds[i] <= start:
            i += 1
        j = i
        while j < len(bounds) and bounds[j] < end:
            out.append((start, bounds[j]))
            start = bounds[j]
            j += 1
        out.append((start, end))
    return out


def is_space(text: str, piece: tuple[int, int]) -> bool:
    return text[piece[0] : piece[1]].isspace()
