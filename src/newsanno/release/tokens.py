"""Tokens and sentences for the derived configs, as half-open code-point offsets.

A token is a run of word characters (with inner apostrophes, hyphens and dots: ``O'Neill``,
``U.S``) or one other non-space character; every whitespace character, NBSP included, separates
tokens. Tokens are then cut at every annotation boundary, so a span of any layer always covers
whole tokens. Sentences end at a line break, or after ``.!?`` (and closing quotes) followed by
whitespace (which stays with the sentence) and a character that is not a lowercase letter;
never inside an entity mention.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate

Interval = tuple[int, int]

_TOKEN_SPLIT = re.compile(r"(\w+(?:['\u2019.\-]\w+)*|[^\w\s])")
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*\s+(?=[^\sa-z])|\n")


def tokenize(text: str, boundaries: Iterable[int] = ()) -> list[Interval]:
    """Token offsets, cut at each of ``boundaries`` that falls inside a token."""
    starts, ends, _ = token_columns(text, boundaries)
    return list(zip(starts, ends, strict=True))


def token_columns(
    text: str, boundaries: Iterable[int] = ()
) -> tuple[list[int], list[int], list[str]]:
    """Token starts, ends and words as the ``ner`` columns hold them, cut at each of
    ``boundaries`` that falls inside a token. One ``re.split`` (gaps and tokens alternate) and
    running lengths: no match object or pair per token, the hot loop of a build."""
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
