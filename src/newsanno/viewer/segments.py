"""Overlapping spans from several layers over one text, turned into properly nested HTML.

Spans cross each other (a claim starts inside a quote and ends after it), so the text is split at
every span boundary and each piece is wrapped in the elements of all spans covering it. Elements
stay open across pieces while the nesting allows, so most spans become one element; a span that
must be split becomes several fragments that all carry its ``data-ann`` id. The text content of
the result is exactly the input text: decorations (zone kinds, speaker arrows) are empty
elements or CSS, never characters, so copying from the page gives the original text.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


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


def attributes(pairs: Iterable[tuple[str, str]]) -> str:
    """`` name="value"`` pairs with every value escaped (names are ours, never user data)."""
    return "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in pairs)


def render_marks(text: str, marks: Sequence[Mark], id_prefix: str = "ann-") -> str:
    """``text`` escaped, with every mark an element (or several fragments) carrying ``data-ann``.

    The first fragment of an anchor mark gets ``id=id_prefix+ann_id``, a ``first`` class and a
    tab stop, so it can be linked to, scrolled to and reached from the keyboard.
    """
    order = {id(m): i for i, m in enumerate(marks)}

    def key(m: Mark) -> tuple[int, int, int, int]:
        return (m.rank, m.start, -m.end, order[id(m)])

    starts: dict[int, list[Mark]] = {}
    ends: dict[int, list[Mark]] = {}
    for m in marks:
        if not 0 <= m.start < m.end <= len(text):
            raise ValueError(f"mark {m.ann_id} [{m.start}, {m.end}) is outside the text")
        starts.setdefault(m.start, []).append(m)
        ends.setdefault(m.end, []).append(m)
    bounds = sorted({0, len(text), *starts, *ends})
    active: dict[int, Mark] = {}
    stack: list[Mark] = []
    out: list[str] = []
    for pos, nxt in zip(bounds, [*bounds[1:], None], strict=True):
        for m in ends.get(pos, ()):
            del active[id(m)]
        for m in starts.get(pos, ()):
            active[id(m)] = m
        covering = sorted(active.values(), key=key)
        keep = 0
        while keep < min(len(stack), len(covering)) and stack[keep] is covering[keep]:
            keep += 1
        out.append("</span>" * (len(stack) - keep))
        out.extend(m.after for m in ends.get(pos, ()) if m.after)
        for m in covering[keep:]:
            out.append(_open(m, first=m.anchor and m.start == pos, id_prefix=id_prefix))
        stack = covering
        if nxt is not None:
            out.append(html.escape(text[pos:nxt], quote=False))
    return "".join(out)


def _open(m: Mark, *, first: bool, id_prefix: str) -> str:
    pairs: list[tuple[str, str]] = []
    classes = m.classes
    if first:
        pairs += [("id", id_prefix + m.ann_id), ("tabindex", "0")]
        classes += " first"
    pairs += [("class", classes), ("data-ann", m.ann_id), *m.attrs]
    return f"<span{attributes(pairs)}>"
