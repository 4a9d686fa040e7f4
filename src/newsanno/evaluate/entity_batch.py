"""Entity mentions of many documents scored together, from columns.

Per-document Python work, not matching, is what costs when scoring entities: a document holds a
few dozen mentions, and most predictions equal a gold mention or overlap only one. So documents
are held in a batch and scored as arrays of (document, start, end, label). One sweep over the
sorted starts splits the mentions into clusters chained by overlaps (gold or predicted). The
greedy matching of every scheme decides only within a cluster, and a cluster with no gold
mention, no prediction, or a single gold mention has nothing left to decide: the first
candidate prediction claims the gold mention, under every scheme and per label. Those clusters,
nearly all, are counted for the whole batch at once; the others, and documents whose spans are
not non-empty offsets, go to :func:`.entities.score_entities`, so the counts are the same
whichever path a mention takes (a test checks them against nervaluate).
"""

from __future__ import annotations

from itertools import chain, count
from operator import itemgetter

import numpy as np
import numpy.typing as npt

from .counts import Tally, add
from .entities import MIN_OVERLAP_PERCENTAGE, SCHEMES, keys, score_entities
from .records import Mention

BATCH = 4096
"""Documents held before they are scored: enough that the per-batch cost of the arrays is
small per document, few enough that memory stays that of a few thousand mention lists."""

HEADS = ("strict", "partial")
"""The overall figures whose per-document counts :meth:`EntityBatch.flush` returns, in order."""

_START, _END, _LABEL = itemgetter(0), itemgetter(1), itemgetter(2)
Ints = npt.NDArray[np.int64]


class EntityBatch:
    """Documents' in-scope mentions waiting to be scored, each under its document number."""

    def __init__(self) -> None:
        self.docs: list[int] = []
        self.gold: list[list[Mention]] = []
        self.pred: list[list[Mention]] = []

    def __len__(self) -> int:
        return len(self.docs)

    def add(self, doc: int, gold: list[Mention], pred: list[Mention]) -> None:
        self.docs.append(doc)
        self.gold.append(gold)
        self.pred.append(pred)

    def flush(self, tally: Tally) -> tuple[list[int], Ints]:
        """Add the held documents' counts to ``tally`` and empty the batch. Returns their
        document numbers and, for each, its counts under the :data:`HEADS` figures
        (shape: documents x 2 x 5), which the bootstrap resamples."""
        docs, gold, pred = self.docs, self.gold, self.pred
        self.docs, self.gold, self.pred = [], [], []
        heads = np.zeros((len(docs), len(HEADS), 5), dtype=np.int64)
        if docs:
            _score(gold, pred, tally, heads)
        return docs, heads


def _column(items: list[Mention], field: itemgetter[int]) -> Ints:
    return np.fromiter(map(field, items), np.int64, len(items))


def _label_codes(items: list[Mention]) -> tuple[list[str], Ints]:
    """The labels in sorted order, and each item's label as its index in them (one pass over
    the items: a label's provisional code is the position where it first occurs)."""
    first: dict[str, int] = {}
    seen = np.fromiter(map(first.setdefault, map(_LABEL, items), count()), np.int64, len(items))
    labels = sorted(first)
    code = np.zeros(len(items), dtype=np.int64)
    code[[first[x] for x in labels]] = np.arange(len(labels))
    return labels, code[seen]


def _first(cluster: Ints, rank: Ints, start: Ints, end: Ints, label: Ints) -> npt.NDArray[np.bool_]:
    """Of the predictions in ``cluster``, the first of each cluster in (rank, start, end, label)
    order: score_entities' claim order (rank 0 for a prediction equal to the gold mention in
    boundaries and label, 1 in boundaries, 2 otherwise), in which the first candidate claims
    the gold mention."""
    first = np.bincount(cluster)[cluster] == 1
    many = np.flatnonzero(~first)
    if len(many):
        keys = (label[many], end[many], start[many], rank[many], cluster[many])
        ranked = many[np.lexsort(keys)]
        lead = np.ones(len(ranked), dtype=bool)
        lead[1:] = cluster[ranked][1:] != cluster[ranked][:-1]
        first[ranked[lead]] = True
    return first


def _score(
    gold_docs: list[list[Mention]], pred_docs: list[list[Mention]], tally: Tally, heads: Ints
) -> None:
    n = len(gold_docs)
    # gold mentions first, then predictions, as one set of columns
    mentions = [*chain.from_iterable(gold_docs), *chain.from_iterable(pred_docs)]
    n_gold = sum(map(len, gold_docs))
    start, end = _column(mentions, _START), _column(mentions, _END)
    labels, label = _label_codes(mentions)
    doc = np.concatenate(
        [
            np.repeat(np.arange(n), np.fromiter(map(len, gold_docs), np.int64, n)),
            np.repeat(np.arange(n), np.fromiter(map(len, pred_docs), np.int64, n)),
        ]
    )
    is_gold = np.arange(len(mentions)) < n_gold

    # a document with a span that is not a non-empty offset goes whole to score_entities
    whole = np.zeros(n, dtype=bool)
    whole[doc[(start < 0) | (end <= start)]] = True
    kept = np.flatnonzero(~whole[doc]) if whole.any() else np.arange(len(mentions))
    # clusters: runs of mentions chained by overlaps, gold or predicted, found in one sweep
    # over the starts; offsets are made unique across documents so one sweep serves them all
    width = int(end.max(initial=0)) + 1
    key = doc[kept] * width
    order = np.argsort(key + start[kept], kind="stable")
    member = kept[order]  # mentions in the order of their starts
    first = np.empty(len(member), dtype=bool)
    first[:1] = True
    reach = np.maximum.accumulate((key + end[kept])[order])
    first[1:] = (key + start[kept])[order][1:] >= reach[:-1]
    cluster = np.cumsum(first) - 1
    size = int(cluster[-1]) + 1 if len(cluster) else 0
    gold_member = is_gold[member]
    in_gold = np.bincount(cluster[gold_member], minlength=size)
    in_pred = np.bincount(cluster[~gold_member], minlength=size)
    # A cluster without gold mentions or without predictions is all spurious or all missed.
    # In one with a single gold mention, under every scheme the first prediction that is a
    # candidate for it (enough overlap) claims it and the others are spurious; per label, the
    # first candidate of its label. Other clusters need the schemes' greedy choices.
    simple = (in_gold <= 1) | (in_pred == 0)
    gold_of = np.full(size, -1)
    gold_of[cluster[gold_member]] = member[gold_member]
    facing = ~gold_member & (in_gold == 1)[cluster]
    i, c = member[facing], cluster[facing]
    j = gold_of[c]
    # nervaluate's threshold, computed as score_entities computes it
    overlap = np.minimum(end[i], end[j]) - np.maximum(start[i], start[j])
    candidate = (overlap / (end[j] - start[j])) * 100.0 >= MIN_OVERLAP_PERCENTAGE
    i, j, c = i[candidate], j[candidate], c[candidate]
    same = label[i] == label[j]
    bounds = (start[i] == start[j]) & (end[i] == end[j])
    rank = 2 - bounds - (bounds & same)
    # per label, the first candidate of the gold mention's label claims it
    mine = np.flatnonzero(same)
    mine = mine[_first(c[mine], rank[mine], start[i[mine]], end[i[mine]], label[i[mine]])]
    i_label, b_label = i[mine], bounds[mine]
    claims = _first(c, rank, start[i], end[i], label[i])
    i, bounds, same = i[claims], bounds[claims], same[claims]

    counted = member[simple[cluster]]
    g_simple = counted[is_gold[counted]]
    p_simple = counted[~is_gold[counted]]
    pairs = np.bincount(doc[i], minlength=n)
    exact = np.bincount(doc[i[bounds]], minlength=n)
    both = np.bincount(doc[i[bounds & same]], minlength=n)
    mis = np.bincount(doc[g_simple], minlength=n) - pairs
    spu = np.bincount(doc[p_simple], minlength=n) - pairs
    # per document, the headline figures (strict, partial) as score_entities counts them
    heads[:, 0, 0], heads[:, 0, 1] = both, pairs - both
    heads[:, 1, 0], heads[:, 1, 2] = exact, pairs - exact
    heads[:, :, 3], heads[:, :, 4] = mis[:, None], spu[:, None]

    n_pairs, n_exact, n_both = int(pairs.sum()), int(exact.sum()), int(both.sum())
    n_same = int(np.count_nonzero(same))
    n_mis, n_spu = int(mis.sum()), int(spu.sum())
    strict, exact_key, partial, type_ = keys()
    add(tally, strict, n_both, n_pairs - n_both, 0, n_mis, n_spu)
    add(tally, exact_key, n_exact, n_pairs - n_exact, 0, n_mis, n_spu)
    add(tally, partial, n_exact, 0, n_pairs - n_exact, n_mis, n_spu)
    add(tally, type_, n_same, n_pairs - n_same, 0, n_mis, n_spu)

    n_labels = len(labels)
    g_count = np.bincount(label[g_simple], minlength=n_labels).tolist()
    p_count = np.bincount(label[p_simple], minlength=n_labels).tolist()
    k_count = np.bincount(label[i_label], minlength=n_labels).tolist()
    b_count = np.bincount(label[i_label[b_label]], minlength=n_labels).tolist()
    for name, g, p, k, b in zip(labels, g_count, p_count, k_count, b_count, strict=True):
        if g or p:
            strict, exact_key, partial, type_ = keys(name)
            add(tally, strict, b, k - b, 0, g - k, p - k)
            add(tally, exact_key, b, k - b, 0, g - k, p - k)
            add(tally, partial, b, 0, k - b, g - k, p - k)
            add(tally, type_, k, 0, 0, g - k, p - k)

    # Greedy matching only decides within a cluster (a prediction's candidates all lie in its
    # cluster), and a label's mentions cluster within the clusters of all mentions, so every
    # figure is the sum of its figure on each cluster.
    rest = member[~simple[cluster]]
    groups = np.split(rest, np.flatnonzero(np.diff(cluster[~simple[cluster]])) + 1)
    parts = [(int(doc[g[0]]), g.tolist()) for g in groups if len(g)]
    parts += [(d, None) for d in np.flatnonzero(whole).tolist()]
    extra: Tally = {}
    head_keys = [keys()[SCHEMES.index(name)] for name in HEADS]
    for d, part in parts:
        before = [tuple(extra.get(k, _ZERO)) for k in head_keys]
        if part is None:
            score_entities(gold_docs[d], pred_docs[d], extra)
        else:
            score_entities(
                [mentions[k] for k in part if k < n_gold],
                [mentions[k] for k in part if k >= n_gold],
                extra,
            )
        heads[d] += [
            [a - b for a, b in zip(extra[k], old, strict=True)]
            for k, old in zip(head_keys, before, strict=True)
        ]
    for k, row in extra.items():
        add(tally, k, *row)


_ZERO = (0, 0, 0, 0, 0)
