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
only with the gold mentions it overlaps, found by bisection, and the common case (each
prediction overlapping at most one gold mention and vice versa) is counted in one pass for all
schemes at once. The figures are identical (a test checks them against nervaluate).
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

Candidates = list[list[int]]


def candidates(gold: list[Mention], pred: list[Mention]) -> Candidates:
    """For each prediction, the indices (ascending) of the gold mentions it overlaps enough."""
    if not gold:
        return [[] for _ in pred]
    starts = [t.start for t in gold]
    longest = max(t.end - t.start for t in gold)
    out: Candidates = []
    for p in pred:
        p_start, p_end = p.start, p.end
        found = []
        for j in range(bisect_left(starts, p_start - longest + 1), bisect_right(starts, p_end - 1)):
            t_start, t_end = gold[j].start, gold[j].end
            overlap = (p_end if p_end < t_end else t_end) - (
                p_start if p_start > t_start else t_start
            )
            if overlap > 0 and (overlap / (t_end - t_start)) * 100.0 >= MIN_OVERLAP_PERCENTAGE:
                found.append(j)
        out.append(found)
    return out


def keys(label: str = "") -> tuple[FigureKey, ...]:
    """The key of each scheme, in :data:`SCHEMES` order, for one label ("" overall)."""
    found = _KEYS.get(label)
    if found is None:
        found = _KEYS[label] = tuple(FigureKey(LAYER, s, label) for s in SCHEMES)
    return found


_KEYS: dict[str, tuple[FigureKey, ...]] = {}


def score_entities(gold: list[Mention], pred: list[Mention], tally: Tally) -> None:
    """Add this document's counts to ``tally`` under each scheme's key, overall and per label."""
    gold = sorted(gold)
    pred = claim_order(gold, pred)
    cands = candidates(gold, pred)
    if _one_to_one(cands, len(gold)):
        _score_one_to_one(gold, pred, cands, tally)
        return
    _score_greedy(gold, pred, cands, "", tally)
    for label in {m.label for m in gold}.union(m.label for m in pred):
        g_idx = [j for j, t in enumerate(gold) if t.label == label]
        p_idx = [i for i, p in enumerate(pred) if p.label == label]
        renumber = {j: k for k, j in enumerate(g_idx)}
        sub = [[renumber[j] for j in cands[i] if j in renumber] for i in p_idx]
        g_sub, p_sub = [gold[j] for j in g_idx], [pred[i] for i in p_idx]
        if _one_to_one(sub, len(g_sub)):
            _score_one_to_one(g_sub, p_sub, sub, tally, overall=False)
        else:
            _score_greedy(g_sub, p_sub, sub, label, tally)


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
        key=lambda p: ((p.start, p.end, p.label) not in named, (p.start, p.end) not in spans, p),
    )


def _one_to_one(cands: Candidates, n_gold: int) -> bool:
    """Each prediction overlaps at most one gold mention, and each gold mention at most one
    prediction."""
    claimed = [False] * n_gold
    for c in cands:
        if c:
            if len(c) > 1 or claimed[c[0]]:
                return False
            claimed[c[0]] = True
    return True


def _score_one_to_one(
    gold: list[Mention], pred: list[Mention], cands: Candidates, tally: Tally, overall: bool = True
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
    for p, c in zip(pred, cands, strict=True):
        label = p.label
        p_count[label] = p_count.get(label, 0) + 1
        if not c:
            continue
        t = gold[c[0]]
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


Choose = Callable[[Mention, list[Mention], list[int]], tuple[int, int] | None]


def _strict(p: Mention, gold: list[Mention], free: list[int]) -> tuple[int, int] | None:
    for j in free:
        t = gold[j]
        if t.start == p.start and t.end == p.end and t.label == p.label:
            return j, COR
    return (free[0], INC) if free else None


def _exact(p: Mention, gold: list[Mention], free: list[int]) -> tuple[int, int] | None:
    for j in free:
        if gold[j].start == p.start and gold[j].end == p.end:
            return j, COR
    return (free[0], INC) if free else None


def _partial(p: Mention, gold: list[Mention], free: list[int]) -> tuple[int, int] | None:
    for j in free:
        if gold[j].start == p.start and gold[j].end == p.end:
            return j, COR
    return (free[0], PAR) if free else None


def _type(p: Mention, gold: list[Mention], free: list[int]) -> tuple[int, int] | None:
    best, best_distance, other = None, 0, None
    for j in free:
        t = gold[j]
        if t.label == p.label:
            distance = abs(p.start - t.start) + abs(p.end - t.end)
            if best is None or distance < best_distance:
                best, best_distance = j, distance
        elif other is None:
            other = j
    if best is not None:
        return best, COR
    return (other, INC) if other is not None else None


CHOOSERS: dict[str, Choose] = {
    "strict": _strict,
    "exact": _exact,
    "partial": _partial,
    "type": _type,
}


def _score_greedy(
    gold: list[Mention], pred: list[Mention], cands: Candidates, label: str, tally: Tally
) -> None:
    """nervaluate's greedy assignment, restricted to the candidates of each prediction; counted
    under ``label``'s keys ("" overall)."""
    for scheme, key in zip(SCHEMES, keys(label), strict=True):
        choose = CHOOSERS[scheme]
        counts = row(tally, key)
        taken = [False] * len(gold)
        for p, c in zip(pred, cands, strict=True):
            hit = choose(p, gold, [j for j in c if not taken[j]])
            if hit is None:
                counts[SPU] += 1
            else:
                taken[hit[0]] = True
                counts[hit[1]] += 1
        counts[MIS] += taken.count(False)
