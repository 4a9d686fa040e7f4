"""The overlap pass of :func:`.align.align`: free gold and predicted spans pair by largest
overlap (ties: earlier gold, then earlier prediction), each at most once, without listing every
overlapping pair. Listing them costs gold x predictions: 5,000 predictions over the whole text
of a document with 5,000 gold dates made 25 million pairs (over a minute, 2.7 GB).

An overlapping pair is one of two kinds:

- the prediction covers the gold span: the overlap is the gold span's length, more than any
  other prediction can give it, and among those the earliest prediction wins. A prediction
  covers the gold spans starting inside it save those that contain its end, a few runs of the
  gold spans sorted by start, so a segment tree over them holds each prediction in a few nodes
  per run, and a gold span finds its earliest free cover on its leaf's path to the root;
- a gold span strictly contains the prediction's start or end: these are listed, at most the
  gold's nesting depth (1 for spans that never nest) per prediction boundary.

Each free gold span keeps one entry in a heap: its best free prediction when it last looked.
An entry whose prediction was taken since looks again; when the new best overlaps as much, the
entry comes straight back out and pairs, so a gold span looks again at most once per distinct
overlap it has, besides the cover."""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Sequence


def overlap_pairs(
    gold: Sequence[Sequence[int]],
    pred: Sequence[Sequence[int]],
    gold_taken: list[bool],
    pred_taken: list[bool],
) -> list[tuple[int, int]]:
    """(gold index, predicted index) of the free overlapping spans that pair, in the order they
    pair; marks them taken."""
    free = sorted((g[0], j) for j, g in enumerate(gold) if not gold_taken[j])
    todo = [i for i, taken in enumerate(pred_taken) if not taken]
    if not free or not todo:
        return []
    best = _Best(gold, pred, free, todo, pred_taken)
    heap = [entry for _, j in free if (entry := best.of(j)) is not None]
    heapq.heapify(heap)
    pairs: list[tuple[int, int]] = []
    while heap:
        _, j, i = heapq.heappop(heap)
        if pred_taken[i]:
            entry = best.of(j)
            if entry is not None:
                heapq.heappush(heap, entry)
            continue
        gold_taken[j] = pred_taken[i] = True
        pairs.append((j, i))
    return pairs


class _Best:
    """A gold span's best free prediction, as a heap entry (-overlap, gold, prediction). The
    lists are sorted best last and drop from the end the predictions taken, which never come
    back."""

    def __init__(
        self,
        gold: Sequence[Sequence[int]],
        pred: Sequence[Sequence[int]],
        free: list[tuple[int, int]],
        todo: list[int],
        pred_taken: list[bool],
    ) -> None:
        self.gold, self.taken = gold, pred_taken
        starts = [start for start, _ in free]
        self.leaf = leaf = {j: k for k, (_, j) in enumerate(free)}
        self.size = 1 << (len(free) - 1).bit_length()
        self.covers: dict[int, list[int]] = {}  # tree node -> predictions covering its leaves
        self.partial: dict[int, list[tuple[int, int]]] = {}  # gold -> (-overlap, prediction)
        at_start, at_end = _containing(gold, free, pred, todo)
        for i in reversed(todo):  # the lists of covers then hold the earliest last
            c, d = pred[i][0], pred[i][1]
            # gold spans holding the end and not the start (those were listed at the start)
            crossed = [j for j in at_end.get(i, ()) if gold[j][0] >= c]
            lo, hi = bisect_left(starts, c), bisect_left(starts, d)
            if hi - lo > len(crossed):
                self._cover(lo, hi, sorted(leaf[j] for j in crossed) if crossed else (), i)
            for j in (*at_start.get(i, ()), *crossed):
                overlap = min(gold[j][1], d) - max(gold[j][0], c)
                self.partial.setdefault(j, []).append((-overlap, i))
        for ranked in self.partial.values():
            ranked.sort(reverse=True)

    def _cover(self, lo: int, hi: int, cuts: Sequence[int], i: int) -> None:
        """Add prediction ``i`` to the nodes over gold leaves ``lo``..``hi`` save ``cuts``."""
        covers, size = self.covers, self.size
        for cut in (*cuts, hi):
            left, right = lo + size, cut + size
            while left < right:
                if left & 1:
                    covers.setdefault(left, []).append(i)
                    left += 1
                if right & 1:
                    right -= 1
                    covers.setdefault(right, []).append(i)
                left >>= 1
                right >>= 1
            lo = cut + 1

    def of(self, j: int) -> tuple[int, int, int] | None:
        """None when no free prediction overlaps gold span ``j`` any more."""
        taken, first = self.taken, None
        node = self.leaf[j] + self.size
        while node:
            items = self.covers.get(node)
            while items and taken[items[-1]]:
                items.pop()
            if items and (first is None or items[-1] < first):
                first = items[-1]
            node >>= 1
        if first is not None:
            return (self.gold[j][0] - self.gold[j][1], j, first)
        ranked = self.partial.get(j)
        while ranked and taken[ranked[-1][1]]:
            ranked.pop()
        return (ranked[-1][0], j, ranked[-1][1]) if ranked else None


def _containing(
    gold: Sequence[Sequence[int]],
    free: list[tuple[int, int]],
    pred: Sequence[Sequence[int]],
    todo: list[int],
) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """For the predictions whose start (first map) or end (second) falls strictly inside free
    gold spans, those spans: one sweep over the boundaries, the open gold spans in a heap by
    end."""
    points = sorted([(pred[i][0], 0, i) for i in todo] + [(pred[i][1], 1, i) for i in todo])
    found: tuple[dict[int, list[int]], dict[int, list[int]]] = ({}, {})
    ends: list[tuple[int, int]] = []
    open_spans: dict[int, None] = {}
    k = 0
    for x, side, i in points:
        while k < len(free) and free[k][0] < x:
            j = free[k][1]
            heapq.heappush(ends, (gold[j][1], j))
            open_spans[j] = None
            k += 1
        while ends and ends[0][0] <= x:
            del open_spans[heapq.heappop(ends)[1]]
        if open_spans:
            found[side][i] = list(open_spans)
    return found
