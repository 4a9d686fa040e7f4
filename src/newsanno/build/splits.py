"""Splits by a hash of the document id: a document never changes split when the corpus grows
or shrinks, only when the manifest's salt, ratios or overrides change.

``bucket = int(sha256(salt + "\\0" + id)[:16], 16) / 2**64`` falls in ``[0, 1)``; the splits take
consecutive ranges of that interval in the order the manifest lists them, each as wide as its
ratio (ratios are normalised to sum to 1). ``overrides`` pins single documents first.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from ..corpus.manifest import SplitPolicy


def bucket(doc_id: str, salt: str) -> float:
    digest = hashlib.sha256(f"{salt}\0{doc_id}".encode()).hexdigest()
    return int(digest[:16], 16) / 2**64


def assign_split(doc_id: str, policy: SplitPolicy) -> str:
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
