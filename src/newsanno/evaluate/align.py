"""One-to-one alignment of gold and predicted spans, for the layers whose items are long spans
(quotes, claims, dates) rather than names: exact matches pair first (among gold items with the
same boundaries, one whose attributes all equal the prediction's; items are tuples
``(start, end, *attributes, id)``), then the remaining spans pair by largest character overlap
(ties: earlier gold, then earlier prediction; :mod:`.overlaps`), each span at most once. This
is TempEval-3's relaxed match made one-to-one, so no span counts twice."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from .overlaps import overlap_pairs

Pair = tuple[int, int, bool]  # gold index, predicted index, same boundaries

_TOKEN = re.compile(r"\w+")


def align(gold: Sequence[Sequence[int]], pred: Sequence[Sequence[int]]) -> list[Pair]:
    """Pairs (gold index, predicted index, exact) over items whose first two fields are offsets."""
    by_bounds: dict[tuple[int, int], list[int]] = {}
    for j, g in enumerate(gold):
        by_bounds.setdefault((g[0], g[1]), []).append(j)
    pairs: list[Pair] = []
    gold_taken = [False] * len(gold)
    pred_taken = [False] * len(pred)
    for i, p in enumerate(pred):
        free = [j for j in by_bounds.get((p[0], p[1]), ()) if not gold_taken[j]]
        if free:
            # same boundaries twice (one quote, two speakers): pair equal attributes first
            j = next((j for j in free if gold[j][2:-1] == p[2:-1]), free[0])
            gold_taken[j] = pred_taken[i] = True
            pairs.append((j, i, True))
    pairs += [(j, i, False) for j, i in overlap_pairs(gold, pred, gold_taken, pred_taken)]
    return pairs


class Tokens:
    """The word tokens (runs of ``\\w``) of the text some spans cover, found once: a span's
    count is then two binary searches. Counting with a regex pass over each span cost its length,
    so many predictions over a long text cost predictions x text."""

    def __init__(self, text: str, spans: Iterable[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        # the spans merged: each span lies inside one piece, so no word is cut where it counts
        pieces: list[list[int]] = []
        for start, end in sorted(spans):
            if pieces and start <= pieces[-1][1]:
                pieces[-1][1] = max(pieces[-1][1], end)
            else:
                pieces.append([start, end])
        for start, end in pieces:
            for word in _TOKEN.finditer(text, start, end):
                self.starts.append(word.start())
                self.ends.append(word.end())

    def count(self, start: int, end: int) -> int:
        """Tokens in ``text[start:end]`` (inside one of the spans); a word cut by a boundary
        counts as a token of each side."""
        if end <= start:
            return 0
        return bisect_left(self.starts, end) - bisect_right(self.ends, start)


def cluster_map(
    gold: Sequence[tuple[int, int, str, str | None, str]],
    pred: Sequence[tuple[int, int, str, str | None, str]],
) -> dict[str, str]:
    """Predicted cluster id -> the gold cluster most of its mentions coincide with (same
    boundaries); ties go to the cluster met first in the text. Predicted clusters none of whose
    mentions coincide with a gold mention map to nothing."""
    gold_cluster = {(m[0], m[1]): m[3] for m in gold if m[3] is not None}
    votes: dict[str, dict[str, int]] = {}
    for m in sorted(p for p in pred if p[3] is not None):
        target = gold_cluster.get((m[0], m[1]))
        if target is not None:
            tally = votes.setdefault(m[3], {})  # type: ignore[arg-type]
            tally[target] = tally.get(target, 0) + 1
    # max keeps the first of equal counts: the gold cluster met first in the text
    return {c: max(v.items(), key=lambda kv: kv[1])[0] for c, v in votes.items()}
