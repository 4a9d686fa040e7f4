"""Scoring 100,000 synthetic documents streams: memory does not grow with the documents."""

from __future__ import annotations

import random
import resource
import time
from collections.abc import Iterator
from dataclasses import replace

import pytest

from newsanno.evaluate import DocRecords, evaluate_pairs, records_of
from newsanno.synth import synth_document


def _pairs(n: int, distinct: int = 500) -> Iterator[tuple[DocRecords, DocRecords]]:
    """``n`` pairs cycling through ``distinct`` synthetic documents (each yielded under a new id),
    so that generating documents does not dominate the run."""
    rng = random.Random(0)
    cache: list[tuple[DocRecords, DocRecords]] = []
    for i in range(min(n, distinct)):
        d = synth_document(1, i)
        gold = records_of(d, "0" * 64, d["text"])
        pred = records_of(d, "0" * 64, d["text"])
        pred.entities = [m for m in pred.entities if rng.random() > 0.1]
        pred.dates = [t._replace(value="2000") if rng.random() < 0.2 else t for t in pred.dates]
        cache.append((gold, pred))
    for i in range(n):
        gold, pred = cache[i % len(cache)]
        doc_id = f"doc-{i}"
        yield replace(gold, id=doc_id), replace(pred, id=doc_id)


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.slow
def test_100k_documents_in_bounded_memory() -> None:
    n = 100_000
    list(evaluate_pairs(_pairs(2_000), bootstrap=100).counts)  # warm up imports and caches
    before = _max_rss_mb()
    t = time.perf_counter()
    ev = evaluate_pairs(_pairs(n), bootstrap=100)
    seconds = time.perf_counter() - t
    grown = _max_rss_mb() - before
    print(f"\n{n} documents, all layers, in {seconds:.0f} s: {n / seconds:,.0f} docs/s")
    print(f"peak memory grew by {grown:.0f} MB")
    assert ev.documents == n
    # per-document state is only the headline counts (9 figures x 5 int32 = 180 bytes a
    # document, 18 MB here), plus the bootstrap's float copy of them at the end
    assert grown < 120
    recall = ev.figure("entities/strict")["recall"]
    assert 0.85 < recall < 0.95  # 10% of mentions dropped
    assert ev.figure("quotes/exact")["f1"] == 1.0
