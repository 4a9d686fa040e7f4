"""Entity mentions under the four SemEval-2013 Task 9.1 schemes, as nervaluate 1.x counts them.

For each scheme, predictions are taken in order and each claims at most one gold mention that no
earlier prediction claimed:

- ``strict``: correct when boundaries and label are equal, else incorrect when it overlaps;
- ``exact``: correct when boundaries are equal (any label), else incorrect when it overlaps;
- ``partial``: correct when boundaries are equal, else partial when it overlaps;
- ``type``: correct when it overlaps a gold mention of its label (the one with the closest
  boundaries), else incorrect when it overlaps one of another label.

A prediction that claims nothing is spurious; a gold mention that nobody claimed is missed.
"Overlaps" means the overlap covers at least 1% of the gold mention (nervaluate's default
``min_overlap_percentage``). Per-label figures rerun a scheme on the mentions of that label
alone, as nervaluate does. Both lists are sorted by (start, end, label) first, so the result does
not depend on the order annotations are stored in.

nervaluate compares every prediction with every gold mention; here each prediction is compared
only with the gold mentions it overlaps, found by bisection, and the common case (each
prediction overlapping at most one gold mention and vice versa) is counted in one pass for all
schemes at once. The figures are identical (a test checks them against nervaluate).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable

from .counts import COR, INC, MIS, PAR, SPU
from .records import Mention

SCHEMES = ("strict", "exact", "partial", "type")
MIN_OVERLAP_PERCENTAGE = 1.0

Tally = dict[str, list[int]]
Candidates = list[list[int]]


def _sufficient(p: Mention, t: Mention) -> bool:
    overlap = min(p.end, t.end) - max(p.start, t.start)
    return overlap > 0 and (overlap / (t.end - t.start)) * 100.0 >= MIN_OVERLAP_PERCENTAGE


def candidates(gold: list[Mention], pred: list[Mention]) -> Candidates:
    """For each prediction, the indices (ascending) of the gold mentions it overlaps enough."""
    if not gold:
        return [[] for _ in pred]
    starts = [t.start for t in gold]
    longest = max(t.end - t.start for t in gold)
    out: Candidates = []
    for p in pred:
        lo = bisect_left(starts, p.start - longest + 1)
        hi = bisect_right(starts, p.end - 1)
        out.append([j for j in range(lo, hi) if _sufficient(p, gold[j])])
    return out


def _bump(tally: Tally, key: str, slot: int) -> None:
    row = tally.get(key)
    if row is None:
        row = tally[key] = [0, 0, 0, 0, 0]
    row[slot] += 1


def score_entities(gold: list[Mention], pred: list[Mention], tally: Tally) -> None:
    """Add this document's counts to ``tally`` under ``entities/<scheme>[/<label>]``."""
    gold = sorted(gold)
    pred = sorted(pred)
    cands = candidates(gold, pred)
    claimed = [0] * len(gold)
    one_to_one = True
    for c in cands:
        if len(c) > 1:
            one_to_one = False
            break
        for j in c:
            claimed[j] += 1
            if claimed[j] > 1:
                one_to_one = False
    if one_to_one:
        _score_one_to_one(gold, pred, cands, tally)
        return
    _score_greedy(gold, pred, cands, "", tally)
    for label in {m.label for m in gold}.union(m.label for m in pred):
        g_idx = [j for j, t in enumerate(gold) if t.label == label]
        p_idx = [i for i, p in enumerate(pred) if p.label == label]
        renumber = {j: k for k, j in enumerate(g_idx)}
        sub = [[renumber[j] for j in cands[i] if j in renumber] for i in p_idx]
        _score_greedy([gold[j] for j in g_idx], [pred[i] for i in p_idx], sub, "/" + label, tally)


def _score_one_to_one(
    gold: list[Mention], pred: list[Mention], cands: Candidates, tally: Tally
) -> None:
    """Every overlap pairs one prediction with one gold mention: no choice to make."""
    paired = [False] * len(gold)
    for p, c in zip(pred, cands, strict=True):
        if not c:
            for scheme in SCHEMES:
                _bump(tally, "entities/" + scheme, SPU)
                _bump(tally, f"entities/{scheme}/{p.label}", SPU)
            continue
        j = c[0]
        t = gold[j]
        paired[j] = True
        bounds = p.start == t.start and p.end == t.end
        same = p.label == t.label
        _bump(tally, "entities/strict", COR if bounds and same else INC)
        _bump(tally, "entities/exact", COR if bounds else INC)
        _bump(tally, "entities/partial", COR if bounds else PAR)
        _bump(tally, "entities/type", COR if same else INC)
        if same:
            label = "/" + p.label
            _bump(tally, "entities/strict" + label, COR if bounds else INC)
            _bump(tally, "entities/exact" + label, COR if bounds else INC)
            _bump(tally, "entities/partial" + label, COR if bounds else PAR)
            _bump(tally, "entities/type" + label, COR)
        else:
            for scheme in SCHEMES:
                _bump(tally, f"entities/{scheme}/{p.label}", SPU)
                _bump(tally, f"entities/{scheme}/{t.label}", MIS)
    for t, was_paired in zip(gold, paired, strict=True):
        if not was_paired:
            for scheme in SCHEMES:
                _bump(tally, "entities/" + scheme, MIS)
                _bump(tally, f"entities/{scheme}/{t.label}", MIS)


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
    gold: list[Mention], pred: list[Mention], cands: Candidates, suffix: str, tally: Tally
) -> None:
    """nervaluate's greedy assignment, restricted to the candidates of each prediction."""
    for scheme, choose in CHOOSERS.items():
        key = "entities/" + scheme + suffix
        row = tally.setdefault(key, [0, 0, 0, 0, 0])
        taken = [False] * len(gold)
        for p, c in zip(pred, cands, strict=True):
            hit = choose(p, gold, [j for j in c if not taken[j]])
            if hit is None:
                row[SPU] += 1
            else:
                taken[hit[0]] = True
                row[hit[1]] += 1
        row[MIS] += taken.count(False)
