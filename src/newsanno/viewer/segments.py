"""Overlapping spans from several layers over one text, turned into properly nested HTML.

Spans cross each other (a claim starts inside a quote and ends after it), so the text is split at
every span boundary and each piece is wrapped in the elements of all spans covering it. Elements
stay open across pieces while the nesting allows, so most spans become one element; a span that
must be split becomes several fragments that all carry its ``data-ann`` id. The text content of
the result is exactly the input text: decorations (zone kinds, speaker arrows) are empty
elements or CSS, never characters, so copying from the page gives the original text.
"""

from __future__ import annotations

import heapq
import html
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class Mark:
    """One span to draw. ``rank`` orders nesting: lower ranks are kept outside (zones), so they
    are never split. ``after`` is markup emitted right where the span ends (a speaker arrow)."""

    start: int
    end: int
    ann_id: str
    classes: str
    attrs: Sequence[tuple[str, str]] = ()
    rank: int = 1
    anchor: bool = True
    after: str = field(default="", compare=False)


ATTRIBUTE_TEXT = 200
"""Characters of an attribute value kept: an element may be repeated once per fragment, so a
long value (a TIMEX3 value, a KB id, a title) would multiply; ids, at most 128 characters, are
never cut."""


def attributes(pairs: Iterable[tuple[str, str]]) -> str:
    """`` name="value"`` pairs with every value escaped (names are ours, never user data) and cut
    to :data:`ATTRIBUTE_TEXT` characters."""
    return "".join(f' {name}="{html.escape(_cut(value), quote=True)}"' for name, value in pairs)


def _cut(value: str) -> str:
    return value if len(value) <= ATTRIBUTE_TEXT else value[: ATTRIBUTE_TEXT - 1] + "…"


MAX_DEPTH = 16
"""Marks drawn over one character at most: real annotation nests a few deep (a zone, a claim, a
quote, its cue, nested mentions, a date), and a bound keeps the page linear in the number of
marks; without one, crossing spans make it quadratic (a thousand crossing mentions: 20 MB)."""


class Rendered(NamedTuple):
    html: str
    clipped: list[str]
    """The ``ann_id`` of each mark left out somewhere because more than ``MAX_DEPTH`` marks
    cover a character there, in the order the marks were given."""


def render_marks(text: str, marks: Sequence[Mark], id_prefix: str = "ann-") -> Rendered:
    """``text`` escaped, with every mark an element (or several fragments) carrying ``data-ann``.

    The first fragment of an anchor mark gets ``id=id_prefix+ann_id``, a ``first`` class and a
    tab stop, so it can be linked to, scrolled to and reached from the keyboard. Where more
    than ``MAX_DEPTH`` marks cover a character, those that nest innermost are left out there.
    """
    starts: dict[int, list[tuple[tuple[int, int, int, int], Mark]]] = {}
    ends: dict[int, list[Mark]] = {}
    for order, m in enumerate(marks):
        if not 0 <= m.start < m.end <= len(text):
            raise ValueError(f"mark {m.ann_id} [{m.start}, {m.end}) is outside the text")
        # outermost first: lower rank, then earlier start, then later end, then given order
        starts.setdefault(m.start, []).append(((m.rank, m.start, -m.end, order), m))
        ends.setdefault(m.end, []).append(m)
    bounds = sorted({0, len(text), *starts, *ends})
    # the marks covering the current piece, in a heap by nesting; one that ended is dropped
    # only when it comes to the top, so each piece costs MAX_DEPTH heap steps, not one per mark
    heap: list[tuple[tuple[int, int, int, int], Mark]] = []
    alive: set[int] = set()
    drawn: dict[int, int] = {}  # pieces each mark was drawn in
    anchored: set[int] = set()
    stack: list[Mark] = []
    out: list[str] = []
    for pos, nxt in zip(bounds, [*bounds[1:], None], strict=True):
        for m in ends.get(pos, ()):
            alive.discard(id(m))
        for item in starts.get(pos, ()):
            alive.add(id(item[1]))
            heapq.heappush(heap, item)
        top = []
        while heap and len(top) < MAX_DEPTH:
            item = heapq.heappop(heap)
            if id(item[1]) in alive:
                top.append(item)
        for item in top:
            heapq.heappush(heap, item)
        covering = [m for _, m in top]
        keep = 0
        while keep < min(len(stack), len(covering)) and stack[keep] is covering[keep]:
            keep += 1
        out.append("</span>" * (len(stack) - keep))
        out.extend(m.after for m in ends.get(pos, ()) if m.after)
        for m in covering[keep:]:
            first = m.anchor and id(m) not in anchored
            anchored.add(id(m))
            out.append(_open(m, first=first, id_prefix=id_prefix))
        for m in covering:
            drawn[id(m)] = drawn.get(id(m), 0) + 1
        stack = covering
        if nxt is not None:
            out.append(html.escape(text[pos:nxt], quote=False))
    clipped = [
        m.ann_id
        for m in marks
        if drawn.get(id(m), 0) < bisect_left(bounds, m.end) - bisect_left(bounds, m.start)
    ]
    return Rendered("".join(out), clipped)


def _open(m: Mark, *, first: bool, id_prefix: str) -> str:
    pairs: list[tuple[str, str]] = []
    classes = m.classes
    if first:
        pairs += [("id", id_prefix + m.ann_id), ("tabindex", "0")]
        classes += " first"
    pairs += [("class", classes), ("data-ann", m.ann_id), *m.attrs]
    return f"<span{attributes(pairs)}>"
