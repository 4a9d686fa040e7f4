"""Counts per split, layer and label, and the rights of every source: addable across shards, so
workers count their own documents and the release sums them (and the card prints them)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..corpus import read_documents, read_manifest
from ..corpus.splits import assign_split, source_name
from ..generated import markdown_code, markdown_text
from ..model.document import Document
from ..model.layers import layer_names, layer_table
from ..model.regions import RegionIndex

LicenseKey = tuple[str, str, str, str, str]
# (source, layer, annotators, status, method, where the annotation comes from)
ProvenanceKey = tuple[str, str, str, str, str, str]


@dataclass
class Stats:
    documents: Counter[str] = field(default_factory=Counter)  # per split
    labels: Counter[tuple[str, str]] = field(default_factory=Counter)  # (layer, label)
    split_labels: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # + split
    sources: Counter[tuple[str, str]] = field(default_factory=Counter)  # (source, split)
    licenses: Counter[LicenseKey] = field(default_factory=Counter)
    # per provenance key: documents, characters covered, annotations inside
    provenance: Counter[tuple[ProvenanceKey, str]] = field(default_factory=Counter)
    synthetic: int = 0

    def add(self, doc: Document, split: str) -> None:
        self.documents[split] += 1
        labels = [
            (spec.name, label)
            for spec in layer_table()
            for a in spec.records(doc)
            for label in spec.labels(a)
        ]
        self.labels.update(labels)
        self.split_labels.update((split, layer, label) for layer, label in labels)
        source = source_name(doc)
        self.sources[(source, split)] += 1
        self._add_provenance(doc, source)
        m = doc.meta
        source = m.publisher or (urlsplit(m.url).hostname if m.url else None) or "not stated"
        key = (source, m.license, m.rights_holder or "", m.attribution or "", m.redistribution)
        self.licenses[key] += 1
        self.synthetic += m.synthetic

    def _add_provenance(self, doc: Document, source: str) -> None:
        items = {spec.name: [(a.start, a.end) for a in spec.records(doc)] for spec in layer_table()}
        for scope in doc.annotation.layers:
            s = doc.annotation.effective(scope)
            regions = (
                [(0, len(doc.text))] if s.regions is None else [(r.start, r.end) for r in s.regions]
            )
            key = (
                source,
                s.layer,
                ", ".join(s.annotators or ()),
                s.status or "",
                s.method or "",
                s.source or "",
            )
            held = RegionIndex(regions)
            inside = sum(1 for a, b in items[s.layer] if held.holds(a, b))
            self.provenance[(key, "documents")] += 1
            self.provenance[(key, "characters")] += sum(y - x for x, y in regions)
            self.provenance[(key, "annotations")] += inside
        for layer in items:
            if not any(s.layer == layer for s in doc.annotation.layers):
                self.provenance[((source, layer, "", "", "not annotated", ""), "documents")] += 1

    def __iadd__(self, other: Stats) -> Stats:
        self.documents += other.documents
        self.labels += other.labels
        self.split_labels += other.split_labels
        self.sources += other.sources
        self.licenses += other.licenses
        self.provenance += other.provenance
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
        """Markdown: documents per source and split, then annotations per layer, label and
        split."""
        splits = list(self.documents)
        head = "| " + " | ".join(splits) + " | total |"
        rule = "---:|" * (len(splits) + 1)
        rows = ["| source (documents) " + head, "|---|" + rule]
        for source in sorted({k[0] for k in self.sources}):
            n = [self.sources[(source, x)] for x in splits]
            rows.append(f"| {_cell(source)} | " + " | ".join(map(str, n)) + f" | {sum(n)} |")
        n = [self.documents[x] for x in splits]
        rows.append("| **all** | " + " | ".join(map(str, n)) + f" | {sum(n)} |")
        rows += ["", "| layer | label " + head, "|---|---|" + rule]
        for layer in layer_names():
            for label in sorted(k[1] for k in self.labels if k[0] == layer):
                n = [self.split_labels[(x, layer, label)] for x in splits]
                rows.append(f"| {layer} | {label} | " + " | ".join(map(str, n)) + f" | {sum(n)} |")
        return "\n".join(rows) + "\n"

    def provenance_table(self) -> str:
        """Markdown: per source and layer, who annotated what, how, with which status."""
        rows = [
            "| source | layer | annotated by | status | method | from | documents "
            "| characters covered | annotations |",
            "|---|---|---|---|---|---|---:|---:|---:|",
        ]
        layers = layer_names()
        keys = sorted({k for k, _ in self.provenance}, key=lambda k: (k[0], layers.index(k[1]), k))
        for key in keys:
            source, layer, who, status, method, origin = key
            cells = [source, layer, who or "-", status or "-", method or "-", origin or "-"]
            counts = [self.provenance[(key, x)] for x in ("documents", "characters", "annotations")]
            rows.append(
                "| " + " | ".join(map(_cell, cells)) + " | " + " | ".join(map(str, counts)) + " |"
            )
        return "\n".join(rows) + "\n"

    def licenses_table(self) -> str:
        rows = [
            "| source | license | rights holder | attribution | redistribution | documents |",
            "|---|---|---|---|---|---:|",
        ]
        for (source, lic, holder, attribution, redis), n in sorted(self.licenses.items()):
            cells = [source, lic, holder or "-", attribution or "-", redis, str(n)]
            rows.append("| " + " | ".join(map(_cell, cells)) + " |")
        return "\n".join(rows) + "\n"


def _cell(value: str) -> str:
    """A value from the data as one Markdown table cell, inert (see ``markdown_text``)."""
    return markdown_text(value)


def corpus_stats(corpus: Path, docs: Iterable[Document] | None = None) -> Stats:
    """Stats of a whole corpus (splits from its manifest), reading one document at a time."""
    policy = read_manifest(corpus).splits
    stats = Stats()
    for doc in read_documents(corpus) if docs is None else docs:
        stats.add(doc, assign_split(doc.id, policy))
    stats.order_splits(policy.ratios)
    return stats


def imports_table(corpus: Path) -> str:
    """Markdown: what each corpus import kept, converted by rule and dropped by code, from the
    summaries the importers leave in ``imports/``."""
    from ..formats.mapping import counts_markdown, import_counts

    counts = import_counts(corpus / "imports")
    if not counts:
        return "No document of this corpus was imported from another annotated corpus.\n"
    converted = "\n".join(
        f"- {_cell(source)}: "
        + ", ".join(f"{markdown_code(rule)} {n}" for rule, n in sorted(c["converted"].items()))
        for source, c in sorted(counts.items())
    )
    return counts_markdown(counts) + "\nConverted by rule (items kept):\n\n" + converted + "\n"
