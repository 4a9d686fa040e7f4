"""Exact and near-duplicate articles, so one story cannot sit in two splits.

Exact: equal sha256 of the normalised text. Near: MinHash over word 5-shingles (lower-cased
``\\w+`` words), 128 permutations, LSH at an estimated Jaccard similarity of 0.8. Wire copies of
one story re-published with a new headline or a trimmed last paragraph score well above 0.8;
different stories about the same event share names but few five-word runs and score far below.

The LSH bands are those datasketch's ``MinHashLSH`` chooses for 0.8 (9 bands of 13 hashes), but
a band's bucket keeps only the first :data:`BUCKET` documents that fall in it: a query compares
a text with at most bands x BUCKET documents, not with every copy of a story copied thousands of
times (which made ``add`` and ``splits`` quadratic). A later copy is still found through the
first ones, which it matches as well; below BUCKET copies nothing changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..formats.corpus_io import require

SHINGLE = 5
NUM_PERM = 128
THRESHOLD = 0.8
BUCKET = 100  # documents a band's bucket keeps (see the module docstring)
EXTRA = "ingest"
_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


@dataclass(frozen=True)
class Match:
    doc_id: str
    score: float


class NearDuplicates:
    """An LSH index of the corpus texts; :meth:`query` lists the documents a text nearly
    duplicates, with their estimated Jaccard similarity, most similar first."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self._datasketch = require("datasketch", EXTRA)
        self.threshold = threshold
        lsh = self._datasketch.MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._bands: list[tuple[int, int]] = lsh.hashranges
        self._buckets: list[dict[bytes, list[str]]] = [{} for _ in self._bands]
        # every text's MinHash is a copy of this one: drawing the permutations again for each
        # text took a fifth of the time of hashing it
        self._blank = self._datasketch.MinHash(num_perm=NUM_PERM)
        self._hashes: dict[str, np.ndarray] = {}  # id -> its MinHash values
        self._stored: dict[str, list[tuple[int, bytes]]] = {}  # id -> (band, key) it is kept in

    def minhash(self, text: str) -> Any:
        m = self._blank.copy()
        m.update_batch([s.encode("utf-8") for s in shingles(text)])
        return m

    def add(self, doc_id: str, text: str) -> None:
        """Index ``text`` under ``doc_id``, replacing what that id held."""
        self.insert(doc_id, self.minhash(text))

    def add_all(self, docs: Iterable[tuple[str, str]]) -> None:
        for doc_id, text in docs:
            self.add(doc_id, text)

    def query(self, text: str) -> list[Match]:
        return self.matches(self.minhash(text))

    def matches(self, m: Any) -> list[Match]:
        """The indexed documents whose MinHash ``m`` nearly equals: their estimated Jaccard
        similarity is the share of equal hash values, counted for all of them at once."""
        buckets = self._buckets
        found = list(
            dict.fromkeys(d for band, key in self._keys(m) for d in buckets[band].get(key, ()))
        )
        if not found:
            return []
        equal = np.count_nonzero(np.stack([self._hashes[d] for d in found]) == m.hashvalues, axis=1)
        scores = [Match(d, float(n) / NUM_PERM) for d, n in zip(found, equal, strict=True)]
        return sorted(
            (s for s in scores if s.score >= self.threshold), key=lambda s: (-s.score, s.doc_id)
        )

    def insert(self, doc_id: str, m: Any) -> None:
        """Index the MinHash ``m`` under ``doc_id``, replacing what that id held."""
        for band, key in self._stored.pop(doc_id, []):
            self._buckets[band][key].remove(doc_id)
        self._hashes[doc_id] = m.hashvalues
        stored = self._stored[doc_id] = []
        for band, key in self._keys(m):
            members = self._buckets[band].setdefault(key, [])
            if len(members) < BUCKET:
                members.append(doc_id)
                stored.append((band, key))

    def _keys(self, m: Any) -> list[tuple[int, bytes]]:
        return [(band, m.hashvalues[a:b].tobytes()) for band, (a, b) in enumerate(self._bands)]
