"""The one tokenizer of newsanno: the ``ner`` config's tokens, the CoNLL and spaCy exports and
the name tagger all split text here, so a token means the same everywhere.

A token is a run of word characters with inner apostrophes, hyphens and dots (``O'Neill``,
``U.S``, ``well-known``) or one other non-space character; every whitespace character, NBSP
included, separates tokens. Tokens are cut at every boundary asked for (an annotation's start
or end), so a span of any layer always covers whole tokens. Offsets are half-open code-point
offsets into the exact text. One ``re.split`` in C per text: no match object per token.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

Interval = tuple[int, int]

_TOKEN_SPLIT = re.compile(r"(\w+(?:['\u2019.\-]\w+)*|[^\w\s])")


def token_columns(
    text: str, boundaries: Iterable[int] = ()
) -> tuple[list[int], list[int], list[str]]:
    """Token starts, ends and words, cut at each of ``boundaries`` that falls inside a token.
    Gaps and tokens alternate in the split, and running lengths give the offsets."""
    parts = _TOKEN_SPLIT.split(text)
    offsets = list(accumulate(map(len, parts), initial=0))
    starts, ends, words = offsets[1:-1:2], offsets[2::2], parts[1::2]
    for cut in sorted(set(boundaries), reverse=True):
        i = bisect_right(starts, cut) - 1
        if i >= 0 and starts[i] < cut < ends[i]:
            starts.insert(i + 1, cut)
            ends.insert(i, cut)
            words[i : i + 1] = [text[starts[i] : cut], text[cut : ends[i + 1]]]
    return starts, ends, words


def tokenize(text: str, boundaries: Iterable[int] = ()) -> list[Interval]:
    """Token offsets, cut at each of ``boundaries`` that falls inside a token."""
    starts, ends, _ = token_columns(text, boundaries)
    return list(zip(starts, ends, strict=True))


def pieces(text: str, cuts: Iterable[int] = ()) -> list[Interval]:
    """The tokens and the whitespace between them, tiling ``text``: what a format that writes
    whitespace (spaCy's ``spaces``, CoNLL's blank lines) needs. A whitespace run is cut at
    ``cuts`` too, so every cut is a piece edge."""
    cuts = sorted(set(cuts))
    out: list[Interval] = []
    at = 0
    for start, end in tokenize(text, cuts):
        if at < start:
            out += _cut(at, start, cuts)
        out.append((start, end))
        at = end
    if at < len(text):
        out += _cut(at, len(text), cuts)
    return out


def is_space(text: str, piece: Interval) -> bool:
    return text[piece[0] : piece[1]].isspace()


def _cut(start: int, end: int, cuts: list[int]) -> list[Interval]:
    inner = cuts[bisect_right(cuts, start) : bisect_right(cuts, end - 1)]
    edges = [start, *inner, end]
    return list(zip(edges, edges[1:], strict=False))
