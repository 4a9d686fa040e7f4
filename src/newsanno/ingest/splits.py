"""``newsanno splits``: record the split of every document, so that a released document never
moves. Stories are kept together: a document and its near duplicates (:mod:`.dedup`) share a
split; sources are stratified (:func:`~newsanno.corpus.splits.plan_splits`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from ..corpus import read_documents, read_manifest
from ..corpus.layout import SPLITS
from ..corpus.splits import plan_splits, source_name, stories
from ..files import write_atomic
from .dedup import NearDuplicates


@dataclass
class SplitsResult:
    plan: dict[str, str]
    new: int
    stories: list[list[str]] = field(default_factory=list)  # of two documents or more
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)

    def table(self) -> str:
        """Markdown: documents per source and split."""
        return _table(self.counts)


def record_splits(corpus: Path) -> SplitsResult:
    """Give every unrecorded document a split and write ``splits.json`` (atomically)."""
    policy = read_manifest(corpus).splits
    sources: dict[str, str] = {}
    index = NearDuplicates()
    pairs: list[list[str]] = []
    for doc in read_documents(corpus):
        sources[doc.id] = source_name(doc)
        minhash = index.minhash(doc.text)
        near = [m.doc_id for m in index.matches(minhash)]
        if near:
            pairs.append([doc.id, *near])
        index.insert(doc.id, minhash)
    plan = plan_splits(sources, policy, pairs)
    payload = {"assigned": plan}
    write_atomic(corpus / SPLITS, orjson.dumps(payload, option=orjson.OPT_INDENT_2) + b"\n")
    counts = Counter((sources[d], s) for d, s in plan.items())
    new = sum(1 for d in plan if d not in policy.assigned)
    together = [g for g in stories(sources, pairs) if len(g) > 1]
    return SplitsResult(plan, new, together, counts)


def _table(counts: Counter[tuple[str, str]]) -> str:
    sources = sorted({s for s, _ in counts})
    splits = sorted({x for _, x in counts})
    rows = ["| source | " + " | ".join(splits) + " | all |", "|---|" + "---:|" * (len(splits) + 1)]
    for source in sources:
        n = [counts[(source, x)] for x in splits]
        rows.append(f"| {source} | " + " | ".join(map(str, n)) + f" | {sum(n)} |")
    return "\n".join(rows) + "\n"
