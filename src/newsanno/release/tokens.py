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
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..model.tokens import Interval, Joined, distinct, spaces

_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*\s+(?=[^\sa-z])|\n")
_SPACE, _TERMINATOR, _CLOSER, _LOWER = 1, 2, 4, 8
_CLOSERS_STEPPED = 3


@lru_cache(maxsize=1)
def _sentence_classes() -> np.ndarray:
    """The class bits of every code point, as ``_SENTENCE_END`` reads them."""
    table = np.zeros(0x110000, dtype=np.uint8)
    # every Unicode whitespace character is in the Basic Multilingual Plane
    table[:0x10000][spaces(np.arange(0x10000, dtype=np.uint32))] = _SPACE
    for chars, bit in ((".!?\u2026", _TERMINATOR), ("\"'\u201d\u2019)]", _CLOSER)):
        table[[ord(c) for c in chars]] = bit
    table[ord("a") : ord("z") + 1] = _LOWER
    return table


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


@dataclass
class TextUnits:
    """Sentences or lines of many texts, over the joined texts (``bases``: where each starts,
    as in :class:`~newsanno.model.tokens.Joined`; ``first[d]:first[d + 1]``: the units of
    text ``d``)."""

    bases: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    first: np.ndarray

    def of(self, d: int) -> list[Interval]:
        """The units of text ``d``, offsets into that text."""
        lo, hi, base = self.first[d], self.first[d + 1], self.bases[d]
        return list(
            zip(
                (self.starts[lo:hi] - base).tolist(),
                (self.ends[lo:hi] - base).tolist(),
                strict=True,
            )
        )


def batch_sentences(
    joined: Joined, keep_doc: np.ndarray, keep_start: np.ndarray, keep_end: np.ndarray
) -> TextUnits:
    """:func:`sentences` for every text (``keep_*``: the intervals to keep together, in text
    ``keep_doc``), with array operations over all the texts at once."""
    bases = joined.bases
    breaks = _sentence_ends(joined.codes)
    breaks = breaks[
        ~_inside(breaks, *_merged(keep_start + bases[keep_doc], keep_end + bases[keep_doc]))
    ]
    return _units(joined, breaks)


def batch_lines(joined: Joined) -> TextUnits:
    """:func:`lines` for every text (but for an empty text, which has none here)."""
    return _units(joined, np.flatnonzero(joined.codes == 10) + 1)


def _units(joined: Joined, breaks: np.ndarray) -> TextUnits:
    """The intervals between consecutive breaks inside each text, its start and end included."""
    bases, ends_of_texts = joined.bases, joined.ends
    edges = distinct(np.sort(np.concatenate((breaks, bases[:-1], ends_of_texts))))
    starts, ends = edges[:-1], edges[1:]
    # the interval from the end of a text to the start of the next is the separator
    at = np.minimum(np.searchsorted(ends_of_texts, starts), max(len(ends_of_texts) - 1, 0))
    keep = ends_of_texts[at] != starts if len(ends_of_texts) else np.zeros(0, dtype=bool)
    starts, ends = starts[keep], ends[keep]
    return TextUnits(bases, starts, ends, np.searchsorted(starts, bases))


def _sentence_ends(codes: np.ndarray) -> np.ndarray:
    """Where ``_SENTENCE_END`` matches end, in order. A whitespace run ends a sentence when a
    terminator comes before it (closing quotes between) and a character that is not a
    lowercase letter after it; a newline in any other run ends one after itself."""
    n = len(codes)
    kind = _sentence_classes()[codes.astype(np.intp)]
    is_run = np.concatenate(([False], kind == _SPACE, [False]))
    starts = np.flatnonzero(is_run[1:-1] & ~is_run[:-2])
    ends = np.flatnonzero(is_run[1:-1] & ~is_run[2:]) + 1
    # the last character before each run that is not a closing quote or bracket
    before = starts - 1
    closed = np.flatnonzero(before >= 0)
    for _ in range(_CLOSERS_STEPPED):  # a closing quote or two, one step at a time
        closed = closed[kind[before[closed]] == _CLOSER]
        before[closed] -= 1
        closed = closed[before[closed] >= 0]
    if len(closed):  # longer runs of them: a search (a run of spaces has one before it)
        others = np.flatnonzero(kind != _CLOSER)
        at = np.searchsorted(others, before[closed], side="right") - 1
        before[closed] = np.where(at >= 0, others[np.maximum(at, 0)], -1)
    full = (
        (before >= 0)
        & (kind[np.maximum(before, 0)] == _TERMINATOR)
        & (ends < n)
        & (kind[np.minimum(ends, n - 1)] != _LOWER)
    )
    newlines = np.flatnonzero(codes == ord("\n"))
    alone = newlines[~full[np.searchsorted(starts, newlines, side="right") - 1]] + 1
    return np.sort(np.concatenate((ends[full], alone)))


def _merged(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Overlapping intervals merged, as in :func:`sentences`: sorted starts and their ends."""
    if not len(starts):
        return starts, ends
    order = np.lexsort((ends, starts))
    starts, ends = starts[order], ends[order]
    reach = np.maximum.accumulate(ends)
    new = np.concatenate(([True], starts[1:] >= reach[:-1]))
    heads = np.flatnonzero(new)
    return starts[heads], np.maximum.reduceat(ends, heads)


def _inside(points: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Whether each point falls strictly inside one of the (merged, sorted) intervals."""
    i = np.searchsorted(starts, points) - 1
    if not len(starts):
        return np.zeros(len(points), dtype=bool)
    j = np.maximum(i, 0)
    return (i >= 0) & (starts[j] < points) & (points < ends[j])


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
