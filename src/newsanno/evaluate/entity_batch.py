"""Entity mentions of many documents scored together, from columns.

Per-document Python work, not matching, is what costs when scoring entities: a document holds a
few dozen mentions, most predictions equal a gold mention or overlap exactly one. So documents
are held in a batch and scored as arrays of (document, start, end, label): sorted starts and
ends give, for every mention, how many mentions of the other side it overlaps, by bisection.
A document where every overlap pairs one prediction with one gold mention has no choice to make
under any scheme; its counts follow from per-label totals of the pairs, summed for the whole
batch at once (the same arithmetic as :func:`.entities.score_entities`' one-to-one case). Any
other document (conflicting or nested overlaps, spans that are not non-empty offsets) is scored
by :func:`.entities.score_entities` itself, so the counts are the same whichever path a
document takes (a test checks both against nervaluate).
"""

from __future__ import annotations

from itertools import chain
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


def _score(
    gold_docs: list[list[Mention]], pred_docs: list[list[Mention]], tally: Tally, heads: Ints
) -> None:
    n = len(gold_docs)
    gold = list(chain.from_iterable(gold_docs))
    pred = list(chain.from_iterable(pred_docs))
    n_gold = len(gold)
    # gold mentions first, then predictions, as one set of columns
    mentions = gold + pred
    start, end = _column(mentions, _START), _column(mentions, _END)
    labels = sorted(set(map(_LABEL, mentions)))
    code = {label: k for k, label in enumerate(labels)}.__getitem__
    label = np.fromiter(map(code, map(_LABEL, mentions)), np.int64, len(mentions))
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
    kept = np.flatnonzero(~whole[doc])
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
    in_gold = np.bincount(cluster[is_gold[member]], minlength=size)
    in_pred = np.bincount(cluster[~is_gold[member]], minlength=size)
    # a cluster with one side empty is all missed or all spurious; one with a gold mention and
    # a prediction is one overlapping pair; any other needs the schemes' greedy choices
    simple = (in_gold == 0) | (in_pred == 0) | ((in_gold == 1) & (in_pred == 1))
    pair_of = np.full((2, size), -1)
    pair_of[is_gold[member].astype(np.int64), cluster] = member
    paired = np.flatnonzero((in_gold == 1) & (in_pred == 1))
    j, i = pair_of[1, paired], pair_of[0, paired]
    # nervaluate's threshold, computed as score_entities computes it
    overlap = np.minimum(end[i], end[j]) - np.maximum(start[i], start[j])
    enough = (overlap / (end[j] - start[j])) * 100.0 >= MIN_OVERLAP_PERCENTAGE
    i, j = i[enough], j[enough]

    counted = member[simple[cluster]]
    g_simple = counted[is_gold[counted]]
    p_simple = counted[~is_gold[counted]]
    bounds = (start[i] == start[j]) & (end[i] == end[j])
    same = label[i] == label[j]
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

    # per label: the mentions of one label alone, where a pair counts only if both sides
    # carry that label
    n_labels = len(labels)
    g_count = np.bincount(label[g_simple], minlength=n_labels).tolist()
    p_count = np.bincount(label[p_simple], minlength=n_labels).tolist()
    k_count = np.bincount(label[i[same]], minlength=n_labels).tolist()
    b_count = np.bincount(label[i[same & bounds]], minlength=n_labels).tolist()
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
                [gold[k] for k in part if k < n_gold],
                [pred[k - n_gold] for k in part if k >= n_gold],
                extra,
            )
        heads[d] += [
            [a - b for a, b in zip(extra[k], old, strict=True)]
            for k, old in zip(head_keys, before, strict=True)
        ]
    for k, row in extra.items():
        add(tally, k, *row)


_ZERO = (0, 0, 0, 0, 0)
