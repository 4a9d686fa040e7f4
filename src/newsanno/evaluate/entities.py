"""Entity mentions under the four SemEval-2013 Task 9.1 schemes, as nervaluate 1.x counts them.

For each scheme, predictions are taken in order (:func:`claim_order`: exact ones first) and each
claims at most one gold mention that no earlier prediction claimed:

- ``strict``: correct when boundaries and label are equal, else incorrect when it overlaps;
- ``exact``: correct when boundaries are equal (any label), else incorrect when it overlaps;
- ``partial``: correct when boundaries are equal, else partial when it overlaps;
- ``type``: correct when it overlaps a gold mention of its label (the one with the closest
  boundaries), else incorrect when it overlaps one of another label.

A prediction that claims nothing is spurious; a gold mention that nobody claimed is missed.
"Overlaps" means the overlap covers at least 1% of the gold mention (nervaluate's default
``min_overlap_percentage``). Per-label figures rerun a scheme on the mentions of that label
alone, as nervaluate does. Gold mentions are sorted by (start, end, label) and predictions put in
claim order first, so the result does not depend on the order annotations are stored in; it is
what nervaluate counts given the predictions in that order.

nervaluate compares every prediction with every gold mention; here each prediction is compared
only with the unclaimed gold mentions it overlaps, found by bisection and kept in no list (a
prediction file whose every mention spans the whole text would otherwise hold gold mentions
times predictions), and the common case (each prediction overlapping at most one gold mention
and vice versa) is counted in one pass for all schemes at once. The figures are identical (a
test checks them against nervaluate).
``newsanno evaluate`` counts most mentions a batch of documents at a time from columns
(:mod:`.entity_batch`) and calls :func:`score_entities` only where a choice is left.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable

from .counts import COR, INC, MIS, PAR, SPU, Tally, add, row
from .keys import FigureKey
from .records import Mention

LAYER = "entities"
SCHEMES = ("strict", "exact", "partial", "type")
MIN_OVERLAP_PERCENTAGE = 1.0


class GoldIndex:
    """Gold mentions, sorted, indexed for what the matching asks of them: the ones a
    prediction overlaps enough (by bisection on the starts), and the ones with given bounds.
    Nothing is kept per prediction, so memory stays that of the mentions however many
    predictions overlap how many gold mentions."""

    def __init__(self, gold: list[Mention]) -> None:
        self.gold = gold
        self.starts = [t.start for t in gold]
        self.ends = [t.end for t in gold]
        self.labels = [t.label for t in gold]
        self.longest = max((t.end - t.start for t in gold), default=0)
        self.by_bounds: dict[tuple[int, int], list[int]] = {}
        for j, t in enumerate(gold):
            if t.end > t.start:
                self.by_bounds.setdefault((t.start, t.end), []).append(j)

    def window(self, p: Mention) -> tuple[int, int]:
        """The index range of the gold mentions that start where they could overlap ``p``."""
        return (
            bisect_left(self.starts, p.start - self.longest + 1),
            bisect_right(self.starts, p.end - 1),
        )

    def overlaps(self, j: int, p: Mention) -> bool:
        """``p`` covers enough of gold mention ``j`` to be matched with it."""
        t_start, t_end = self.starts[j], self.ends[j]
        overlap = min(p.end, t_end) - max(p.start, t_start)
        return overlap > 0 and (overlap / (t_end - t_start)) * 100.0 >= MIN_OVERLAP_PERCENTAGE


class Free:
    """Gold indices no prediction has claimed yet; :meth:`next` finds the first at or after
    an index, jumping over claimed runs (path halving), so predictions that overlap many
    claimed mentions do not walk them again and again."""

    def __init__(self, n: int) -> None:
        self.up = list(range(n + 1))

    def next(self, j: int) -> int:
        up = self.up
        while up[j] != j:
            up[j] = up[up[j]]
            j = up[j]
        return j

    def take(self, j: int) -> None:
        self.up[j] = j + 1

    def __contains__(self, j: int) -> bool:
        return self.up[j] == j


def keys(label: str = "") -> tuple[FigureKey, ...]:
    """The key of each scheme, in :data:`SCHEMES` order, for one label ("" overall)."""
    found = _KEYS.get(label)
    if found is None:
        found = _KEYS[label] = tuple(FigureKey(LAYER, s, label) for s in SCHEMES)
    return found


_KEYS: dict[str, tuple[FigureKey, ...]] = {}


def score_entities(gold: list[Mention], pred: list[Mention], tally: Tally) -> None:
    """Add this document's counts to ``tally`` under each scheme's key, overall and per label."""
    gold = sorted(gold, key=_bounds)
    pred = claim_order(gold, pred)
    index = GoldIndex(gold)
    match = _one_to_one(index, pred)
    if match is not None:
        _score_one_to_one(gold, pred, match, tally)
        return
    _score_greedy(index, pred, "", tally)
    for label in {m.label for m in gold}.union(m.label for m in pred):
        sub = GoldIndex([t for t in gold if t.label == label])
        p_sub = [p for p in pred if p.label == label]
        match = _one_to_one(sub, p_sub)
        if match is not None:
            _score_one_to_one(sub.gold, p_sub, match, tally, overall=False)
        else:
            _score_greedy(sub, p_sub, label, tally)


def claim_order(gold: list[Mention], pred: list[Mention]) -> list[Mention]:
    """Predictions in the order they claim gold mentions: those equal to a gold mention in
    boundaries and label first, then those equal in boundaries, then the rest, each group in
    (start, end, label) order. The greedy matching takes predictions in order, and in text
    order a shorter prediction at the same start ("Alice") would take the gold mention of an
    exact one ("Alice Smith") and leave it spurious."""
    spans = {(t.start, t.end) for t in gold}
    named = {(t.start, t.end, t.label) for t in gold}
    return sorted(
        pred,
        key=lambda p: (
            ((p.start, p.end, p.label) not in named, (p.start, p.end) not in spans) + _bounds(p)
        ),
    )


def _bounds(m: Mention) -> tuple[int, int, str]:
    """The sort key of a mention: mentions equal in it are interchangeable to every scheme, and
    a cluster or id left out (None) must not be compared with a string."""
    return m.start, m.end, m.label


def _one_to_one(index: GoldIndex, pred: list[Mention]) -> list[int] | None:
    """For each prediction, the gold mention it overlaps enough (-1: none), when each
    prediction overlaps at most one gold mention and each gold mention at most one prediction;
    else None."""
    claimed = [False] * len(index.gold)
    match = []
    for p in pred:
        found = -1
        lo, hi = index.window(p)
        for j in range(lo, hi):
            if index.overlaps(j, p):
                if found >= 0 or claimed[j]:
                    return None
                found = j
                claimed[j] = True
        match.append(found)
    return match


def _score_one_to_one(
    gold: list[Mention], pred: list[Mention], match: list[int], tally: Tally, overall: bool = True
) -> None:
    """Every overlap pairs one prediction with one gold mention, so no scheme has a choice to
    make and all counts follow from a few per-label totals of the pairs. ``overall`` False:
    only the per-label figures (the mentions of one label, from a document that needed the
    greedy matching overall)."""
    n = bounds = same = both = 0
    g_count: dict[str, int] = {}
    p_count: dict[str, int] = {}
    pairs: dict[str, int] = {}  # label -> pairs of that label on both sides
    exact: dict[str, int] = {}  # label -> those with equal boundaries
    for t in gold:
        g_count[t.label] = g_count.get(t.label, 0) + 1
    for p, j in zip(pred, match, strict=True):
        label = p.label
        p_count[label] = p_count.get(label, 0) + 1
        if j < 0:
            continue
        t = gold[j]
        n += 1
        b = p.start == t.start and p.end == t.end
        bounds += b
        if label == t.label:
            same += 1
            both += b
            pairs[label] = pairs.get(label, 0) + 1
            exact[label] = exact.get(label, 0) + b
    if overall:
        mis, spu = len(gold) - n, len(pred) - n
        strict, exact_key, partial, type_ = keys()
        add(tally, strict, both, n - both, 0, mis, spu)
        add(tally, exact_key, bounds, n - bounds, 0, mis, spu)
        add(tally, partial, bounds, 0, n - bounds, mis, spu)
        add(tally, type_, same, n - same, 0, mis, spu)
    for label in g_count.keys() | p_count.keys():
        k, b = pairs.get(label, 0), exact.get(label, 0)
        mis, spu = g_count.get(label, 0) - k, p_count.get(label, 0) - k
        strict, exact_key, partial, type_ = keys(label)
        add(tally, strict, b, k - b, 0, mis, spu)
        add(tally, exact_key, b, k - b, 0, mis, spu)
        add(tally, partial, b, 0, k - b, mis, spu)
        add(tally, type_, k, 0, 0, mis, spu)


Choose = Callable[[Mention, GoldIndex, Free], tuple[int, int] | None]


def _first(p: Mention, index: GoldIndex, free: Free) -> int | None:
    """The first unclaimed gold mention ``p`` overlaps enough."""
    lo, hi = index.window(p)
    j = free.next(lo)
    while j < hi:
        if index.overlaps(j, p):
            return j
        j = free.next(j + 1)
    return None


def _strict(p: Mention, index: GoldIndex, free: Free) -> tuple[int, int] | None:
    for j in index.by_bounds.get((p.start, p.end), ()):
        if j in free and index.gold[j].label == p.label:
            return j, COR
    j = _first(p, index, free)
    return None if j is None else (j, INC)


def _exact(p: Mention, index: GoldIndex, free: Free) -> tuple[int, int] | None:
    for j in index.by_bounds.get((p.start, p.end), ()):
        if j in free:
            return j, COR
    j = _first(p, index, free)
    return None if j is None else (j, INC)


def _partial(p: Mention, index: GoldIndex, free: Free) -> tuple[int, int] | None:
    hit = _exact(p, index, free)
    return hit if hit is None or hit[1] == COR else (hit[0], PAR)


def _type(p: Mention, index: GoldIndex, free: Free) -> tuple[int, int] | None:
    """The closest unclaimed gold mention of ``p``'s label (the first of equals), else the
    first of another label. Every unclaimed gold mention in the window is looked at, so the
    loop is written out (index.overlaps and free.next inlined): it is where a prediction file
    of many long overlapping mentions spends its time."""
    p_start, p_end, label = p.start, p.end, p.label
    starts, ends, labels, up = index.starts, index.ends, index.labels, free.up
    best, best_distance, other = None, 0, None
    lo, hi = index.window(p)
    j = free.next(lo)
    while j < hi:
        t_start, t_end = starts[j], ends[j]
        overlap = (p_end if p_end < t_end else t_end) - (p_start if p_start > t_start else t_start)
        if overlap > 0 and (overlap / (t_end - t_start)) * 100.0 >= MIN_OVERLAP_PERCENTAGE:
            if labels[j] == label:
                distance = abs(p_start - t_start) + abs(p_end - t_end)
                if best is None or distance < best_distance:
                    best, best_distance = j, distance
            elif other is None:
                other = j
        j += 1
        if up[j] != j:
            j = free.next(j)
    if best is not None:
        return best, COR
    return (other, INC) if other is not None else None


CHOOSERS: dict[str, Choose] = {
    "strict": _strict,
    "exact": _exact,
    "partial": _partial,
    "type": _type,
}


def _score_greedy(index: GoldIndex, pred: list[Mention], label: str, tally: Tally) -> None:
    """nervaluate's greedy assignment, each prediction facing only the gold mentions it
    overlaps enough; counted under ``label``'s keys ("" overall)."""
    for scheme, key in zip(SCHEMES, keys(label), strict=True):
        choose = CHOOSERS[scheme]
        counts = row(tally, key)
        free = Free(len(index.gold))
        claimed = 0
        for p in pred:
            hit = choose(p, index, free)
            if hit is None:
                counts[SPU] += 1
            else:
                free.take(hit[0])
                claimed += 1
                counts[hit[1]] += 1
        counts[MIS] += len(index.gold) - claimed
