"""Exact and near-duplicate articles, so one story cannot sit in two splits.

Exact: equal sha256 of the normalised text. Near: MinHash over word 5-shingles (lower-cased
``\\w+`` words), 128 permutations, LSH at an estimated Jaccard similarity of 0.8. Wire copies of
one story re-published with a new headline or a trimmed last paragraph score well above 0.8;
different stories about the same event share names but few five-word runs and score far below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..formats.corpus_io import require

SHINGLE = 5
NUM_PERM = 128
THRESHOLD = 0.8
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
        self._lsh = self._datasketch.MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._hashes: dict[str, object] = {}

    def minhash(self, text: str) -> object:
        m = self._datasketch.MinHash(num_perm=NUM_PERM)
        m.update_batch([s.encode("utf-8") for s in shingles(text)])
        return m

    def add(self, doc_id: str, text: str) -> None:
        """Index ``text`` under ``doc_id``, replacing what that id held."""
        if doc_id in self._hashes:
            self._lsh.remove(doc_id)
        m = self.minhash(text)
        self._hashes[doc_id] = m
        self._lsh.insert(doc_id, m)

    def add_all(self, docs: Iterable[tuple[str, str]], batch: int = 1000) -> None:
        """Index many texts; ``MinHash.bulk`` hashes a batch about twice as fast as one by one."""
        pending: list[tuple[str, str]] = []
        for item in [*docs, None]:
            if item is not None:
                pending.append(item)
            if pending and (item is None or len(pending) == batch):
                sets = [[s.encode("utf-8") for s in shingles(text)] for _, text in pending]
                hashes = self._datasketch.MinHash.bulk(sets, num_perm=NUM_PERM)
                for (doc_id, _), m in zip(pending, hashes, strict=True):
                    if doc_id in self._hashes:
                        self._lsh.remove(doc_id)
                    self._hashes[doc_id] = m
                    self._lsh.insert(doc_id, m)
                pending = []

    def query(self, text: str) -> list[Match]:
        m = self.minhash(text)
        scores = [Match(d, m.jaccard(self._hashes[d])) for d in self._lsh.query(m)]
        return sorted(
            (s for s in scores if s.score >= self.threshold), key=lambda s: (-s.score, s.doc_id)
        )
