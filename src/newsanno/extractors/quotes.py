"""A quote baseline: quotation marks, cue verbs, and the nearest named speaker.

- Content: text between paired quotation marks: straight or curly double quotes, curly single
  quotes, PTB-style ```` `` ... '' ```` (text rebuilt from tokens), and straight single quotes
  that open after a space or bracket and close before a space or punctuation (so the apostrophes
  in "Ukraine's" or "don't" never pair).
- Cue: the reporting expression nearest the quote in its paragraph, outside any quote.
- Speaker: the entity cluster of the PERSON, ORG or GPE mention nearest the cue (or the quote when
  there is no cue) in the paragraph, outside the quote; GPE is included because news attributes
  speech by metonymy ("Moscow denies"). Mentions come from the input document, so the speaker
  is only as good as the mentions given (gold mentions, or a preceding entity extractor: see the
  ``baseline`` pipeline). A quote opening a paragraph with no speaker in it continues the
  previous quote's speaker (not explicit).
- Type: ``direct`` when the quote is a whole clause (it opens its paragraph, or follows ``:`` or
  a comma after the cue); ``mixed`` when a fragment sits inside the reporter's sentence. A
  fragment with no cue within ``FRAGMENT_CUE_DISTANCE`` characters is skipped: it is a name or
  a scare quote, not reported speech.

The entity mentions of the input are passed through (the speakers point at their clusters).
Every rule above is answered from sorted positions (bisect) computed once per text, so the
extractor takes O(n log n) time in the length of the text and the number of mentions: a text
full of quotation marks and cue words costs no more per character than an ordinary one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from ..model.document import Cue, Document, EntityMention, Quote
from ..model.spans import longest_disjoint
from .base import silver

CUE_WORDS = (
    "said|says|say|told|tells|added|adds|stated|states|announced|announces|explained|"
    "noted|claimed|claims|asserted|insisted|argued|warned|called|calls|described|"
    "denied|denies|confirmed|according to|wrote|writes|asked|replied|responded|"
    "declared|alleged|accused|acknowledged|admitted|stressed|urged|suggested"
)
# Lower case only ("the United States" is not a cue), except a sentence-initial "According to".
_CUE = re.compile(rf"\b(?:{CUE_WORDS}|According to)\b")
# A fragment in quotation marks farther than this from any cue is taken for a name or a scare
# quote ("a robot named 'Hope'"), not for reported speech.
FRAGMENT_CUE_DISTANCE = 100
_PAIRS = [
    re.compile(r"\"([^\"\n]+?)\""),
    re.compile(r"\u201c([^\u201c\u201d\n]+?)\u201d"),
    re.compile(r"\u2018([^\u2018\u2019\n]+?)\u2019(?!\w)"),
    re.compile(r"``\s?([^`\n]+?)\s?''"),
    re.compile(r"(?:(?<=^)|(?<=[\s(\[]))'(?=\S)([^'\n]+?)(?<=\S)'(?=[\s.,;:!?)\]]|$)", re.M),
]
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE"})


class _Found(NamedTuple):
    start: int
    end: int
    open_at: int  # offset of the opening mark
    close_at: int  # offset just after the closing mark


def find_quotes(text: str) -> list[_Found]:
    """Quoted contents, non-overlapping (the outermost wins: :func:`longest_disjoint`), trimmed
    of spaces.

    Longer candidates are placed first; a candidate is kept when none of its characters is
    covered yet. Candidates of one pattern never overlap, so the coverage scans add up to a few
    passes over the text."""
    found = []
    for pattern in _PAIRS:
        for m in pattern.finditer(text):
            start, end = m.span(1)
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                found.append(_Found(start, end, m.start(), m.end()))
    return longest_disjoint(found, lambda f: (f.open_at, f.close_at))


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


class _Text:
    """What the rules ask of one text, answered by bisection: paragraph bounds, whether a span
    lies outside every quote, and the last non-space character before a position."""

    def __init__(self, text: str, quotes: list[_Found]) -> None:
        self.text = text
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.quotes = quotes
        self.opens = [q.open_at for q in quotes]
        spaces = [m.span() for m in re.finditer(r"\s+", text)]
        self.space_starts = [s for s, _ in spaces]
        self.space_ends = [e for _, e in spaces]

    def paragraph(self, pos: int) -> tuple[int, int]:
        i = bisect_left(self.newlines, pos)
        start = self.newlines[i - 1] + 1 if i else 0
        return start, self.newlines[i] if i < len(self.newlines) else len(self.text)

    def one_line(self, start: int, end: int) -> bool:
        i = bisect_left(self.newlines, start)
        return i == len(self.newlines) or self.newlines[i] >= end

    def outside(self, start: int, end: int) -> bool:
        """No quote (marks included) shares a character with ``[start, end)``: quotes are
        disjoint and sorted, so only the last one opening before ``end`` can."""
        i = bisect_left(self.opens, end) - 1
        return i < 0 or self.quotes[i].close_at <= start

    def last_non_space(self, pos: int) -> int:
        """Offset of the last non-whitespace character before ``pos`` (-1 when none)."""
        c = pos - 1
        i = bisect_right(self.space_starts, c) - 1
        if i >= 0 and self.space_ends[i] > c:
            c = self.space_starts[i] - 1
        return c


class _Nearest:
    """The nearest of non-overlapping spans (sorted) before or after a span, by bisection."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def cue(self, q: _Found, lo: int, hi: int) -> tuple[int, int] | None:
        """The span nearest the quote within ``[lo, hi)``; the earlier one on a tie (spans
        outside every quote lie wholly before or wholly after it)."""
        j = bisect_right(self.ends, q.open_at) - 1
        before = self.spans[j] if j >= 0 and self.spans[j][0] >= lo else None
        k = bisect_left(self.starts, q.close_at)
        after = self.spans[k] if k < len(self.spans) and self.spans[k][1] <= hi else None
        if before is None or after is None:
            return before or after
        return before if q.open_at - before[1] <= after[0] - q.close_at else after


class _Speakers:
    """For each (anchor, paragraph) query, the speaker mention nearest the anchor, the first
    in input order on a tie: the mention ending last before it, the one starting first after
    it, or the first of those touching or overlapping it (answered offline with a Fenwick tree
    of minimum input indices over mention ends)."""

    def __init__(self, mentions: list[EntityMention]) -> None:
        self.mentions = mentions
        self.by_end: dict[int, int] = {}
        self.by_start: dict[int, int] = {}
        for i, m in enumerate(mentions):
            self.by_end.setdefault(m.end, i)
            self.by_start.setdefault(m.start, i)
        self.ends = sorted(self.by_end)
        self.starts = sorted(self.by_start)

    def nearest(self, queries: list[tuple[tuple[int, int], int, int]]) -> list[int | None]:
        """Index of the nearest mention per query ``(anchor, lo, hi)``, or None."""
        touching = self._touching(queries)
        out: list[int | None] = []
        for (anchor, lo, hi), zero in zip(queries, touching, strict=True):
            if zero is not None:
                out.append(zero)
                continue
            a0, a1 = anchor
            best: tuple[int, int] | None = None
            j = bisect_left(self.ends, a0) - 1
            if j >= 0 and self.ends[j] > lo:
                best = (a0 - self.ends[j], self.by_end[self.ends[j]])
            k = bisect_right(self.starts, a1)
            if k < len(self.starts) and self.starts[k] < hi:
                cand = (self.starts[k] - a1, self.by_start[self.starts[k]])
                best = cand if best is None or cand < best else best
            out.append(None if best is None else best[1])
        return out

    def _touching(self, queries: list[tuple[tuple[int, int], int, int]]) -> list[int | None]:
        """Per query, the first mention (input order) with ``start <= min(a1, hi)`` and
        ``end >= a0``: distance 0 from the anchor, in its paragraph."""
        rank = {e: r for r, e in enumerate(self.ends)}
        n = len(self.ends)
        tree = [len(self.mentions)] * (n + 1)  # prefix minimum over reversed end ranks

        def insert(end: int, index: int) -> None:
            r = n - rank[end]
            while r <= n:
                tree[r] = min(tree[r], index)
                r += r & -r

        def first_ending_at_or_after(a0: int) -> int:
            r, best = n - bisect_left(self.ends, a0), len(self.mentions)
            while r > 0:
                best = min(best, tree[r])
                r -= r & -r
            return best

        order = sorted(range(len(self.mentions)), key=lambda i: self.mentions[i].start)
        out: list[int | None] = [None] * len(queries)
        at = 0
        for qi in sorted(range(len(queries)), key=lambda i: min(queries[i][0][1], queries[i][2])):
            (a0, a1), _, hi = queries[qi]
            while at < len(order) and self.mentions[order[at]].start <= min(a1, hi):
                insert(self.mentions[order[at]].end, order[at])
                at += 1
            found = first_ending_at_or_after(a0)
            out[qi] = found if found < len(self.mentions) else None
        return out


class QuoteExtractor:
    """Quotes with cue, speaker (from the input's entity mentions) and type."""

    name = "quotes"
    version = "1.0"
    layers = ("quotes",)

    def predict(self, doc: Document) -> Document:
        text = doc.text
        found = find_quotes(text)
        at = _Text(text, found)
        cues = _Nearest([m.span() for m in _CUE.finditer(text) if at.outside(*m.span())])
        speakers = [
            m
            for m in doc.entities
            if m.label in SPEAKER_LABELS
            and m.entity
            and at.outside(m.start, m.end)
            and at.one_line(m.start, m.end)
        ]
        paragraphs = [at.paragraph(q.open_at) for q in found]
        cue_spans = [cues.cue(q, lo, hi) for q, (lo, hi) in zip(found, paragraphs, strict=True)]
        anchors = [cue or (q.open_at, q.close_at) for q, cue in zip(found, cue_spans, strict=True)]
        nearest = _Speakers(speakers).nearest(
            [(a, lo, hi) for a, (lo, hi) in zip(anchors, paragraphs, strict=True)]
        )
        quotes: list[Quote] = []
        previous: str | None = None
        for q, (p_start, _), span, who in zip(found, paragraphs, cue_spans, nearest, strict=True):
            cue = None if span is None else Cue(start=span[0], end=span[1], text=text[slice(*span)])
            speaker = None if who is None else speakers[who].entity
            explicit = speaker is not None
            last = at.last_non_space(q.open_at)
            opens_paragraph = last < p_start
            if speaker is None and opens_paragraph:
                speaker = previous
            direct = opens_paragraph or text[last] in ":,"
            if not direct and (
                span is None or _distance(span, (q.open_at, q.close_at)) > FRAGMENT_CUE_DISTANCE
            ):
                continue
            quotes.append(
                Quote(
                    id=f"q{len(quotes) + 1}",
                    start=q.start,
                    end=q.end,
                    text=text[q.start : q.end],
                    type="direct" if direct else "mixed",
                    cue=cue,
                    speaker=speaker,
                    speaker_reason=None if speaker else "unknown",
                    speaker_explicit=explicit,
                )
            )
            previous = speaker or previous
        return silver(doc, self, entities=list(doc.entities), quotes=quotes)
