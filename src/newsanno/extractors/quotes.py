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
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..model.document import Cue, Document, EntityMention, Quote
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
    """Quoted contents, non-overlapping (the outermost wins), trimmed of spaces."""
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
    kept: list[_Found] = []
    for f in sorted(found, key=lambda f: (-(f.close_at - f.open_at), f.open_at)):
        if all(f.close_at <= k.open_at or k.close_at <= f.open_at for k in kept):
            kept.append(f)
    return sorted(kept)


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end == -1 else end


def _outside(start: int, end: int, quotes: list[_Found]) -> bool:
    return all(end <= q.open_at or q.close_at <= start for q in quotes)


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


class QuoteExtractor:
    """Quotes with cue, speaker (from the input's entity mentions) and type."""

    name = "quotes"
    version = "1.0"
    layers = ("quotes",)

    def predict(self, doc: Document) -> Document:
        text = doc.text
        found = find_quotes(text)
        speakers = [m for m in doc.entities if m.label in SPEAKER_LABELS and m.entity]
        quotes: list[Quote] = []
        previous: str | None = None
        for q in found:
            p_start, p_end = _paragraph(text, q.open_at)
            cue = self._cue(text, q, found, p_start, p_end)
            anchor = (cue.start, cue.end) if cue else (q.open_at, q.close_at)
            speaker = self._speaker(speakers, q, found, p_start, p_end, anchor)
            explicit = speaker is not None
            if speaker is None and text[p_start : q.open_at].strip() == "":
                speaker = previous
            before = text[p_start : q.open_at].rstrip()
            direct = before == "" or before.endswith((":", ","))
            if not direct and (
                cue is None
                or _distance((cue.start, cue.end), (q.open_at, q.close_at)) > FRAGMENT_CUE_DISTANCE
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

    @staticmethod
    def _cue(text: str, q: _Found, found: list[_Found], lo: int, hi: int) -> Cue | None:
        best = None
        for m in _CUE.finditer(text, lo, hi):
            if not _outside(m.start(), m.end(), found):
                continue
            d = _distance(m.span(), (q.open_at, q.close_at))
            if best is None or d < best[0]:
                best = (d, m.start(), m.end())
        if best is None:
            return None
        return Cue(start=best[1], end=best[2], text=text[best[1] : best[2]])

    @staticmethod
    def _speaker(
        mentions: list[EntityMention],
        q: _Found,
        found: list[_Found],
        lo: int,
        hi: int,
        anchor: tuple[int, int],
    ) -> str | None:
        best = None
        for m in mentions:
            if m.start < lo or m.end > hi or not _outside(m.start, m.end, found):
                continue
            d = _distance((m.start, m.end), anchor)
            if best is None or d < best[0]:
                best = (d, m.entity)
        return None if best is None else best[1]
