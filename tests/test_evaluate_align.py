"""The one-to-one alignment of long spans: the same pairs as the definition (exact boundaries
first, then every overlapping pair by largest overlap), in time and memory that do not grow with
the predictions a gold item overlaps."""

from __future__ import annotations

import time
import tracemalloc

from hypothesis import given, settings
from hypothesis import strategies as st

from newsanno.evaluate.align import align

spans = st.lists(
    st.tuples(st.integers(0, 30), st.integers(1, 12), st.sampled_from("ab")).map(
        lambda t: (t[0], t[0] + t[1], t[2], "id")
    ),
    max_size=12,
)


def defined_pairs(
    gold: list[tuple[int, int, str, str]], pred: list[tuple[int, int, str, str]]
) -> list[tuple[int, int, bool]]:
    """The alignment as the module docstring defines it, over every pair (quadratic)."""
    pairs, gold_taken, pred_taken = [], set(), set()
    for i, p in enumerate(pred):
        same = [j for j, g in enumerate(gold) if g[:2] == p[:2] and j not in gold_taken]
        if same:
            j = next((j for j in same if gold[j][2:-1] == p[2:-1]), same[0])
            gold_taken.add(j)
            pred_taken.add(i)
            pairs.append((j, i, True))
    every = sorted(
        (-(min(g[1], p[1]) - max(g[0], p[0])), j, i)
        for j, g in enumerate(gold)
        for i, p in enumerate(pred)
        if g[0] < p[1] and p[0] < g[1]
    )
    for _, j, i in every:
        if j not in gold_taken and i not in pred_taken:
            gold_taken.add(j)
            pred_taken.add(i)
            pairs.append((j, i, False))
    return pairs


# many spans on a short text: nested, crossing and repeated, over several levels of the tree
crowded = st.lists(
    st.tuples(st.integers(0, 40), st.integers(1, 45), st.sampled_from("ab")).map(
        lambda t: (t[0], t[0] + t[1], t[2], "id")
    ),
    max_size=40,
)


@settings(max_examples=500)
@given(st.one_of(st.tuples(spans, spans), st.tuples(crowded, crowded)))
def test_alignment_is_the_defined_one(
    both: tuple[list[tuple[int, int, str, str]], list[tuple[int, int, str, str]]],
) -> None:
    gold, pred = both
    assert align(gold, pred) == defined_pairs(gold, pred)


def test_wide_predictions_over_many_gold_items_align_fast() -> None:
    """Regression: the overlapping pairs were listed, 4 million here (10 s); 5,000 predicted
    dates over the whole text of a document with 5,000 gold dates took over a minute and
    2.7 GB. Every prediction covers every gold item, so the longest gold items pair first, each
    with the earliest prediction left."""
    n = 2000
    gold = [(10 * k, 10 * k + 1 + k % 5, "DATE", f"d{k}") for k in range(n)]
    pred = [(0, 10 * n, "DATE", "") for _ in range(n)]
    started = time.process_time()
    pairs = align(gold, pred)
    assert time.process_time() - started < 1
    by_length = sorted(range(n), key=lambda k: (-(1 + k % 5), k))
    assert pairs == [(j, i, False) for i, j in enumerate(by_length)]


def test_many_predictions_over_few_gold_items_stay_small() -> None:
    """Regression: every overlapping pair was held at once. 200,000 predicted claims over the
    text of a document with 50 gold claims took 1.6 GB; the 10,000 here took 63 MB."""
    gold = [(k * 10, k * 10 + 40, "x") for k in range(50)]
    pred = [(0, 600 + k % 7, "x") for k in range(10_000)]
    tracemalloc.start()
    try:
        pairs = align(gold, pred)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(pairs) == 50 and all(not exact for _, _, exact in pairs)
    assert peak < 8 * 2**20
