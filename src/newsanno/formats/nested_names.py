"""Names do not nest (guidelines E3.5): the flattening both importers apply last.

A source can give tens of thousands of names in one document, nested or crossing in any way,
so every name's contents are found by bisection on the sorted names and a segment tree over
them, never by comparing each name with every other: O(n log n) in the number of names.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .pipeline import Incoming

Mention = dict[str, Any]
# (first, last, joined): the first and last name of a run in sort order, and whether two
# consecutive names of the run are joined by 'and' or a comma; None for no name.
_Run = tuple[int, int, bool] | None


def flatten_names(draft: Incoming) -> None:
    """Names do not nest (guidelines E3.5, OntoNotes is flat): a name holding names joined by
    'and' or a comma becomes a nominal (conjunction-to-nominal); of two names one inside the
    other, or on the same extent, the inner (or the converted) one is left out, counted as
    ``name-overlap``."""
    names = _sorted_names(draft)
    for outer in _conjunctions(draft.text, names):
        outer["mention_type"] = "nominal"
        outer.setdefault("_rules", []).append("conjunction-to-nominal")
    kept: list[Mention] = []
    ends: list[int] = []  # of the kept names, rising: a later one is inside no earlier one
    left_out: set[int] = set()
    for m in _sorted_names(draft):
        i = bisect_left(ends, m["end"])  # the first kept name that holds m
        if i == len(kept):
            kept.append(m)
            ends.append(m["end"])
            continue
        outer = kept[i]
        if _same(outer, m):
            continue  # an exact repeat: dropped as duplicate-import when the draft is finished
        left_out.add(id(m))
        draft.drop("name-overlap", str(m["_src"]), text=m["text"], other=outer["text"])
    draft.entities = [m for m in draft.entities if id(m) not in left_out]


def _sorted_names(draft: Incoming) -> list[Mention]:
    return sorted(
        (m for m in draft.entities if m["mention_type"] == "name"),
        key=lambda m: (m["start"], -m["end"], "source_span" in m),
    )


def _conjunctions(text: str, names: list[Mention]) -> list[Mention]:
    """The names holding two other names that are consecutive among the names inside it (in
    the order of ``names``) with 'and' or a comma between them."""
    tree = _Runs(names, _Joins(text))
    starts = [m["start"] for m in names]
    by_end = sorted(range(len(names)), key=lambda i: names[i]["end"])
    found: list[Mention] = []
    added = 0
    for p in by_end:
        outer = names[p]
        while added < len(by_end) and names[by_end[added]]["end"] <= outer["end"]:
            tree.add(by_end[added])
            added += 1
        # The names added end no later than outer; those of them starting inside it (but outer
        # itself, at p) are the names it holds.
        lo, hi = bisect_left(starts, outer["start"]), bisect_right(starts, outer["end"])
        run = tree.merge(tree.run(lo, p), tree.run(p + 1, hi))
        if run is not None and run[2]:
            found.append(outer)
    return found


class _Runs:
    """A segment tree over ``names``: a range's run of the names added so far."""

    def __init__(self, names: list[Mention], joins: _Joins) -> None:
        self.names, self.joins = names, joins
        self.size = max(1, len(names))
        self.nodes: list[_Run] = [None] * (2 * self.size)

    def merge(self, a: _Run, b: _Run) -> _Run:
        if a is None or b is None:
            return a if b is None else b
        joined = a[2] or b[2] or self.joins(self.names[a[1]]["end"], self.names[b[0]]["start"])
        return (a[0], b[1], joined)

    def add(self, i: int) -> None:
        k = i + self.size
        self.nodes[k] = (i, i, False)
        while k > 1:
            k //= 2
            self.nodes[k] = self.merge(self.nodes[2 * k], self.nodes[2 * k + 1])

    def run(self, lo: int, hi: int) -> _Run:
        """The run of the names added among ``names[lo:hi]``."""
        left: _Run = None
        right: _Run = None
        lo, hi = lo + self.size, hi + self.size
        while lo < hi:
            if lo & 1:
                left = self.merge(left, self.nodes[lo])
                lo += 1
            if hi & 1:
                hi -= 1
                right = self.merge(self.nodes[hi], right)
            lo, hi = lo // 2, hi // 2
        return self.merge(left, right)


class _Joins:
    """Whether ``text[start:end]`` joins two names: it holds a comma or the word 'and' (between
    spaces or at its ends), answered by bisection on where those occur, whatever its length."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.commas = [m.start() for m in re.finditer(",", text)]
        self.ands = [m.start() for m in re.finditer("(?= and )", text)]

    def __call__(self, start: int, end: int) -> bool:
        text = self.text
        return start < end and (
            _any_in(self.commas, start, end - 1)
            or _any_in(self.ands, start, end - 5)
            or (
                start + 3 <= end
                and text.startswith("and", start)
                and (start + 3 == end or text[start + 3] == " ")
            )
            or (start < end - 3 and text.startswith("and", end - 3) and text[end - 4] == " ")
        )


def _any_in(positions: list[int], first: int, last: int) -> bool:
    i = bisect_left(positions, first)
    return i < len(positions) and positions[i] <= last


def _same(a: Mention, b: Mention) -> bool:
    keys = ("start", "end", "label", "entity", "mention_type")
    return all(a.get(k) == b.get(k) for k in keys)
