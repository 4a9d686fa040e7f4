"""Sentences and lines for the derived configs, as half-open code-point offsets (tokens are
:mod:`newsanno.model.tokens`'s).

Sentences end at a line break, or after ``.!?`` (and closing quotes) followed by
whitespace (which stays with the sentence) and a character that is not a lowercase letter;
never inside an entity mention.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from ..model.tokens import Interval

_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*\s+(?=[^\sa-z])|\n")


def sentences(text: str, keep_together: Iterable[Interval] = ()) -> list[Interval]:
    """Sentence intervals covering the text (whitespace included); no break falls strictly
    inside one of ``keep_together``."""
    merged: list[list[int]] = []
    for s, e in sorted(keep_together):
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    starts = [s for s, _ in merged]
    breaks = [0]
    for m in _SENTENCE_END.finditer(text):
        pos = m.end()
        i = bisect_left(starts, pos) - 1
        if i >= 0 and merged[i][0] < pos < merged[i][1]:
            continue
        if pos > breaks[-1]:
            breaks.append(pos)
    if breaks[-1] < len(text):
        breaks.append(len(text))
    return list(zip(breaks, breaks[1:], strict=False))


def lines(text: str) -> list[Interval]:
    """Line intervals (the newline belongs to the line it ends): paragraphs of a news text."""
    out: list[Interval] = []
    start = 0
    for m in re.finditer("\n", text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text) or not out:
        out.append((start, len(text)))
    return out


def enclosing(intervals: list[Interval], start: int, end: int, starts: list[int]) -> Interval:
    """The union of the consecutive ``intervals`` (which cover the text; ``starts`` their
    starts) that ``[start, end)`` touches."""
    first = max(0, bisect_right(starts, start) - 1)
    last = max(first, bisect_left(starts, end) - 1)
    return intervals[first][0], intervals[last][1]


def trim(text: str, start: int, end: int) -> Interval:
    """``[start, end)`` without leading and trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
