"""Which split each document belongs to, and how new documents are given one.

A released document never moves: ``newsanno splits`` records every document's split in
``splits.json``, and a recorded split wins over everything else. Until a document is recorded,
``overrides`` in the manifest pin it, and otherwise it falls to a hash of its id:
``bucket = int(sha256(salt + "\\0" + id)[:16], 16) / 2**64`` in ``[0, 1)``, the splits taking
consecutive ranges of that interval in the manifest's order, each as wide as its ratio.

Recording (:func:`plan_splits`) makes a benchmark of the corpus: documents are grouped into
stories (near duplicates, and documents pinned together, share one group), and the groups of
each source are dealt in hash order so that every split but the largest receives at least its
ratio of that source's documents (rounded up), the largest split taking the rest. Test is dealt
first, then the other splits by ratio, so a source of one document goes to test.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from ..model.document import Document
from .manifest import SplitPolicy

# The split that benchmarks score by default.
TEST_SPLIT = "test"


def bucket(doc_id: str, salt: str) -> float:
    digest = hashlib.sha256(f"{salt}\0{doc_id}".encode()).hexdigest()
    return int(digest[:16], 16) / 2**64


def source_name(doc: Document) -> str:
    """The stratum of a document: its source corpus or format (``text`` when not stated)."""
    return doc.meta.source.format if doc.meta.source is not None else "text"


def assign_split(doc_id: str, policy: SplitPolicy) -> str:
    if doc_id in policy.assigned:
        return policy.assigned[doc_id]
    if doc_id in policy.overrides:
        return policy.overrides[doc_id]
    total = sum(policy.ratios.values())
    point, edge = bucket(doc_id, policy.salt) * total, 0.0
    names = list(policy.ratios)
    for name in names:
        edge += policy.ratios[name]
        if point < edge:
            return name
    return names[-1]


def split_ids(doc_ids: Iterable[str], policy: SplitPolicy) -> dict[str, list[str]]:
    """Ids per split (in the manifest's split order, ids sorted); splits without documents are
    left out, since ``datasets`` cannot load an empty split."""
    out: dict[str, list[str]] = {name: [] for name in policy.ratios}
    for doc_id in sorted(doc_ids):
        out.setdefault(assign_split(doc_id, policy), []).append(doc_id)
    return {name: ids for name, ids in out.items() if ids}


def plan_splits(
    sources: Mapping[str, str],
    policy: SplitPolicy,
    together: Iterable[Iterable[str]] = (),
) -> dict[str, str]:
    """A split for every document of ``sources`` (id -> source name). Recorded documents keep
    theirs; a story with a recorded or pinned member goes where that member is; the other
    stories are dealt per source, test served first (a source of one document goes to test),
    then the splits with the largest ratios. ``together`` lists groups of ids that must share a
    split."""
    groups = stories(sources, together)
    plan: dict[str, str] = {}
    fixed = {**policy.overrides, **policy.assigned}
    for group in groups:
        pinned = sorted({fixed[d] for d in group if d in fixed})
        if pinned:
            for d in group:
                plan[d] = fixed.get(d, pinned[0])
    by_source: dict[str, list[list[str]]] = defaultdict(list)
    for group in groups:
        if group[0] not in plan:
            by_source[sources[group[0]]].append(group)
    rest, dealt = dealing_order(policy.ratios)
    total = sum(policy.ratios.values())
    members: Counter[str] = Counter(sources.values())
    have = Counter((sources[d], split) for d, split in plan.items())
    for source in sorted(by_source):
        pending = iter(sorted(by_source[source], key=lambda g: bucket(g[0], policy.salt)))
        for split in dealt:
            want = math.ceil(policy.ratios[split] / total * members[source])
            while have[(source, split)] < want and (group := next(pending, None)) is not None:
                plan.update(dict.fromkeys(group, split))
                have[(source, split)] += len(group)
        for group in pending:
            plan.update(dict.fromkeys(group, rest))
    return dict(sorted(plan.items()))


def dealing_order(ratios: Mapping[str, float]) -> tuple[str, list[str]]:
    """The split that takes the rest of each source (the largest ratio, the first of equal
    ones), and the others in the order they are served: test first, since a benchmark scores
    it and a source too small for every split must still be in it, then the largest ratios."""
    order = list(ratios)
    rest = min(order, key=lambda s: (-ratios[s], order.index(s)))
    dealt = [s for s in order if s != rest]
    return rest, sorted(dealt, key=lambda s: (s != TEST_SPLIT, -ratios[s], order.index(s)))


def stories(sources: Mapping[str, str], together: Iterable[Iterable[str]]) -> list[list[str]]:
    """Union of the ``together`` groups over the documents: sorted groups, sorted by first id."""
    parent = {d: d for d in sources}

    def root(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    for group in together:
        members = [d for d in group if d in parent]
        for other in members[1:]:
            a, b = sorted((root(members[0]), root(other)))
            parent[b] = a
    out: dict[str, list[str]] = defaultdict(list)
    for d in sorted(sources):
        out[root(d)].append(d)
    return sorted(out.values(), key=lambda g: g[0])
