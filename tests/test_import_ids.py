"""Cluster ids of imported documents: readable, unique, numbered in order, and in linear time
however many clusters a source names alike."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from newsanno.formats.ids import UniqueIds


def _direct(names: list[str], reserved: set[str]) -> list[str]:
    """Each name, else the first of name-2, name-3 ... not given before (quadratic)."""
    taken, out = set(reserved), []
    for name in names:
        given, n = name, 1
        while given in taken:
            n += 1
            given = f"{name}-{n}"
        taken.add(given)
        out.append(given)
    return out


NAMES = st.sampled_from(["bob", "bob-2", "bob-3", "bob-2-2", "ann", "e1", "author"])


@given(st.lists(NAMES, max_size=40), st.sets(NAMES, max_size=3))
def test_same_ids_as_the_direct_rule(names: list[str], reserved: set[str]) -> None:
    ids = UniqueIds(reserved)
    assert [ids.unique(name) for name in names] == _direct(names, reserved)


def test_many_clusters_named_alike_stay_fast() -> None:
    """A GUM document of 20,000 clusters with one identity took 150 s to import."""
    ids = UniqueIds(["bob-5"])
    started = time.process_time()
    given = [ids.unique("bob") for _ in range(20_000)]
    assert time.process_time() - started < 1
    assert given[:6] == ["bob", "bob-2", "bob-3", "bob-4", "bob-6", "bob-7"]
    assert given[-1] == "bob-20001"
