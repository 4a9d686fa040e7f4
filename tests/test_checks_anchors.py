"""Date anchor cycles: found once each, and in time linear in the dates (a valid chain of
thousands of dates once took minutes to validate)."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from newsanno.model.checks import anchor_cycles


def _walked(anchors: dict[str, str | None]) -> list[tuple[str, list[str]]]:
    """The definition: follow the anchors from every date in order; a walk that comes back to
    a date of its own path has found the cycle from that date on, reported by the first walk
    that finds it."""
    found: list[tuple[str, list[str]]] = []
    for start in anchors:
        path, node = [start], anchors[start]
        while node in anchors and node not in path:
            path.append(node)
            node = anchors[node]
        cycle = path[path.index(node) :] if node in path else []
        if len(cycle) > 1 and not any(set(cycle) & set(c) for _, c in found):
            found.append((start, cycle))
    return found


@given(st.lists(st.integers(0, 12), min_size=1, max_size=12).map(list))
def test_cycles_are_those_the_walks_find(targets: list[int]) -> None:
    # date i is anchored on date targets[i] (an index past the end: the document, no date)
    n = len(targets)
    anchors = {f"t{i}": (f"t{j}" if j < n else None) for i, j in enumerate(targets)}
    assert list(anchor_cycles(anchors)) == _walked(anchors)


def test_a_long_chain_is_checked_in_linear_time() -> None:
    n = 1500
    chain: dict[str, str | None] = {f"t{i}": f"t{i + 1}" for i in range(n - 1)}
    chain[f"t{n - 1}"] = None
    ring = {**chain, f"t{n - 1}": "t0"}
    started = time.process_time()
    assert list(anchor_cycles(chain)) == []
    assert list(anchor_cycles(ring)) == [("t0", [f"t{i}" for i in range(n)])]
    assert time.process_time() - started < 0.5  # walking from every date took about 10 s
