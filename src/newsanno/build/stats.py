"""Counts per split, layer and label, and the rights of every source: addable across shards, so
workers count their own documents and the release sums them (and the card prints them)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..corpus import read_documents, read_manifest
from ..corpus.splits import assign_split
from ..model.document import Document
from ..model.labels import LAYERS

LicenseKey = tuple[str, str, str, str, str]


@dataclass
class Stats:
    documents: Counter[str] = field(default_factory=Counter)  # per split
    labels: Counter[tuple[str, str]] = field(default_factory=Counter)  # (layer, label)
    licenses: Counter[LicenseKey] = field(default_factory=Counter)
    synthetic: int = 0

    def add(self, doc: Document, split: str) -> None:
        self.documents[split] += 1
        self.labels.update(("zones", z.kind) for z in doc.zones)
        self.labels.update(("entities", m.label) for m in doc.entities)
        self.labels.update(("quotes", q.type) for q in doc.quotes)
        self.labels.update(("claims", "claim") for _ in doc.claims)
        self.labels.update(("claims", r.type) for c in doc.claims for r in c.relations)
        self.labels.update(("dates", t.type) for t in doc.dates)
        m = doc.meta
        source = m.publisher or (urlsplit(m.url).hostname if m.url else None) or "not stated"
        key = (source, m.license, m.rights_holder or "", m.attribution or "", m.redistribution)
        self.licenses[key] += 1
        self.synthetic += m.synthetic

    def __iadd__(self, other: Stats) -> Stats:
        self.documents += other.documents
        self.labels += other.labels
        self.licenses += other.licenses
        self.synthetic += other.synthetic
        return self

    def order_splits(self, ratios: dict[str, float]) -> None:
        """Splits in the manifest's order (any other after them, sorted), for stable tables."""
        order = dict.fromkeys([*ratios, *sorted(self.documents)])
        self.documents = Counter({s: self.documents[s] for s in order if self.documents[s]})

    @property
    def withheld(self) -> int:
        """Documents whose text a public release withholds."""
        return sum(n for k, n in self.licenses.items() if k[4] == "annotations-only")

    def stats_table(self) -> str:
        """Markdown: documents per split, then annotations per layer and label."""
        rows = ["| split | documents |", "|---|---:|"]
        rows += [f"| {s} | {n} |" for s, n in self.documents.items()]
        rows.append(f"| **total** | {sum(self.documents.values())} |")
        rows += ["", "| layer | label | annotations |", "|---|---|---:|"]
        for layer in LAYERS:
            items = sorted((k[1], n) for k, n in self.labels.items() if k[0] == layer)
            rows += [f"| {layer} | {label} | {n} |" for label, n in items]
        return "\n".join(rows) + "\n"

    def licenses_table(self) -> str:
        rows = [
            "| source | license | rights holder | attribution | redistribution | documents |",
            "|---|---|---|---|---|---:|",
        ]
        for (source, lic, holder, attribution, redis), n in sorted(self.licenses.items()):
            cells = [source, lic, holder or "-", attribution or "-", redis, str(n)]
            rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        return "\n".join(rows) + "\n"


def corpus_stats(corpus: Path, docs: Iterable[Document] | None = None) -> Stats:
    """Stats of a whole corpus (splits from its manifest), reading one document at a time."""
    policy = read_manifest(corpus).splits
    stats = Stats()
    for doc in read_documents(corpus) if docs is None else docs:
        stats.add(doc, assign_split(doc.id, policy))
    stats.order_splits(policy.ratios)
    return stats
