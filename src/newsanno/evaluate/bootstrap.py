"""Paired bootstrap confidence intervals over documents.

Resamples depend only on the seed and the number of documents, and the documents are taken in id
order, so every system scored on the same gold with the same seed sees the same resamples:
differences between systems are paired.
Each resample draws documents with replacement, sums their counts and derives the figure, as the
full evaluation does; the interval is the 2.5th-97.5th percentile of those figures."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import NamedTuple

from .counts import figures
from .keys import FigureKey, Metric

CHUNK = 16  # resamples per matrix product: bounds memory at CHUNK x documents floats


class Interval(NamedTuple):
    low: float
    high: float


def resample_weights(n: int, resamples: int, seed: int):  # type: ignore[no-untyped-def]
    """Yield (chunk x n) arrays: how often each document is drawn in each resample."""
    import numpy as np

    rng = np.random.default_rng(seed)
    done = 0
    while done < resamples:
        k = min(CHUNK, resamples - done)
        weights = np.empty((k, n), dtype=np.float64)
        for r in range(k):
            weights[r] = np.bincount(rng.integers(0, n, size=n), minlength=n)
        done += k
        yield weights


def intervals(
    rows: array | bytes,
    keys: Sequence[tuple[FigureKey, Metric]],
    n: int,
    resamples: int,
    seed: int,
    level: float = 0.95,
) -> dict[FigureKey, Interval]:
    """``rows`` holds, per document, 5 counts for each of ``keys`` (figure key, metric)."""
    import numpy as np

    flat = np.frombuffer(rows, dtype=np.int32).reshape(n, len(keys) * 5).astype(np.float64)
    samples = []
    for weights in resample_weights(n, resamples, seed):
        sums = (weights @ flat).reshape(-1, len(keys), 5)
        samples.append(_metric(sums, [m for _, m in keys]))
    values = np.concatenate(samples, axis=0)
    tail = (1 - level) / 2 * 100
    low = np.percentile(values, tail, axis=0)
    high = np.percentile(values, 100 - tail, axis=0)
    return {
        key: Interval(float(lo), float(hi))
        for (key, _), lo, hi in zip(keys, low, high, strict=True)
    }


def _metric(sums, metrics: Sequence[Metric]):  # type: ignore[no-untyped-def]
    """Each key's metric in every resample: :func:`~newsanno.evaluate.counts.figures` over
    arrays."""
    import numpy as np

    def divide(a, b):  # type: ignore[no-untyped-def]
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(b > 0, a / b, 0.0)

    found = figures(*(sums[..., k] for k in range(5)), divide=divide)
    pick = np.array([m == "accuracy" for m in metrics])
    return np.where(pick, found["accuracy"], found["f1"])
