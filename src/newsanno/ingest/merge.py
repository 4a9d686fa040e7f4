"""Merging an independent annotation of a document into the corpus's copy.

Annotators work on their own copy of a document (same text, same sha256). Merging takes, for
each layer the incoming copy declares, the regions that the corpus document does not declare
yet: there the incoming items are added, under a new declaration carrying the incoming
provenance (annotators, status, method, guideline version). Regions the corpus already declares
gold keep the corpus's items: a source corpus's gold is never overwritten. Silver regions (made
or imported without the checks gold needs) give way to incoming gold, their items removed.

Entity clusters are unified through mentions: an incoming cluster takes the id of the corpus
cluster whose mentions share its mentions' spans (same start and end, else the same end: the
head of an English noun phrase comes last), so speakers, claimants and coreference chains point
at the corpus's entities across regions. A speaker or claimant whose only mention lies in a
region the corpus already declares, and which the corpus did not annotate, is inserted there
(counted): a link to a person is worth more than a clean boundary. So are, in an imported
document, incoming names of the labels its source corpus does not annotate (numbers, works of
art, laws; the importer lists them), where they overlap no imported mention: otherwise the
sentences of one document would follow two conventions.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

from ..corpus import load_document, sha256_text, write_document
from ..corpus.layout import annotation_path
from ..corpus.reader import corpus_ids
from ..errors import Problem, fail, problem
from ..formats.corpus_io import first_difference
from ..model.checks import check_document
from ..model.document import Document
from ..model.labels import LAYERS, RESERVED_CLAIMANTS
from ..model.layers import layer_table
from ..model.regions import RegionIndex
from ..outputs import check_apart

Interval = tuple[int, int]


@dataclass
class MergeReport:
    documents: int = 0
    added: Counter[str] = field(default_factory=Counter)  # layer -> items added
    kept: Counter[str] = field(default_factory=Counter)  # layer -> items in declared regions
    crossing: Counter[str] = field(default_factory=Counter)  # straddle a region boundary
    inserted: int = 0  # speaker / claimant mentions added inside declared regions
    mapped: int = 0  # incoming clusters that took a corpus cluster's id
    unlinked: int = 0  # references whose target was not merged, set to a neutral value
    superseded: Counter[str] = field(default_factory=Counter)  # silver items replaced
    complemented: int = 0  # names of labels the source does not annotate, added in its regions

    def __iadd__(self, other: MergeReport) -> MergeReport:
        self.documents += other.documents
        self.added += other.added
        self.kept += other.kept
        self.crossing += other.crossing
        self.inserted += other.inserted
        self.mapped += other.mapped
        self.unlinked += other.unlinked
        self.superseded += other.superseded
        self.complemented += other.complemented
        return self


def regions_of(doc: Document, layer: str, status: str | None = None) -> list[Interval]:
    """The regions declared for ``layer`` (only those of ``status``, when given)."""
    out: list[Interval] = []
    for scope in doc.annotation.layers:
        if scope.layer == layer and status in (None, doc.annotation.effective(scope).status):
            if scope.regions is None:
                out.append((0, len(doc.text)))
            else:
                out += [(r.start, r.end) for r in scope.regions]
    return sorted(out)


def subtract(regions: Iterable[Interval], cover: list[Interval]) -> list[Interval]:
    """The parts of ``regions`` outside ``cover`` (sorted and disjoint: see :func:`union`),
    region by region. Each region starts from the first interval of ``cover`` that ends after
    it begins, found by bisection: a document may declare thousands of regions."""
    out: list[Interval] = []
    for start, end in regions:
        cur = start
        i = bisect_right(cover, start, key=itemgetter(1))
        while i < len(cover) and cover[i][0] < end:
            a, b = cover[i]
            if a > cur:
                out.append((cur, a))
            cur = b
            i += 1
        if cur < end:
            out.append((cur, end))
    return out


def union(intervals: Iterable[Interval]) -> list[Interval]:
    """The intervals joined where they overlap or meet, in order."""
    out: list[Interval] = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def cluster_map(base: list[dict[str, Any]], incoming: list[dict[str, Any]]) -> dict[str, str]:
    """Incoming cluster id -> corpus cluster id, by the most shared mention spans (exact spans
    first, then shared ends); unmatched clusters keep their id unless the corpus uses it for
    another entity, in which case they get a fresh one."""
    exact = {(m["start"], m["end"]): m.get("entity") for m in base if m.get("entity")}
    ends = {m["end"]: m.get("entity") for m in base if m.get("entity")}
    votes: dict[str, Counter[str]] = {}
    for m in incoming:
        c = m.get("entity")
        if c is None:
            continue
        target = exact.get((m["start"], m["end"])) or ends.get(m["end"])
        votes.setdefault(c, Counter())
        if target is not None:
            votes[c][target] += 2 if (m["start"], m["end"]) in exact else 1
    corpus_ids = {m.get("entity") for m in base}
    taken = corpus_ids | set(votes)  # a fresh id must not be another incoming cluster's either
    out: dict[str, str] = {}
    for c, counter in sorted(votes.items()):
        if counter:
            out[c] = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        elif c not in corpus_ids:
            out[c] = c
        else:
            fresh, n = c, 1
            while fresh in taken:
                n += 1
                fresh = f"{c}-{n}"
            taken.add(fresh)
            out[c] = fresh
    return out


def merge_documents(base: Document, incoming: Document) -> tuple[dict[str, Any], MergeReport]:
    """The merged document as a dict (validate it with ``Document.model_validate``)."""
    if incoming.text != base.text:
        raise ValueError(f"{incoming.id}: the incoming copy's text differs from the corpus's")
    report = MergeReport()
    out = base.model_dump()
    new = incoming.model_dump()
    clusters = cluster_map(out["entities"], new["entities"])
    report.mapped = sum(1 for c, t in clusters.items() if c != t and t in _clusters(out))
    free: dict[str, list[Interval]] = {}
    claimed: dict[tuple[str, bool], list[Interval]] = {}  # (layer, gold only) -> corpus regions
    scopes = []
    for scope in incoming.annotation.layers:
        effective = incoming.annotation.effective(scope)
        layer = scope.layer
        regions = (
            regions_of(incoming, layer)
            if scope.regions is None
            else [(r.start, r.end) for r in scope.regions]
        )
        # silver is superseded by gold; gold is never overwritten
        key = (layer, effective.status == "gold")
        if key not in claimed:
            claimed[key] = union(regions_of(base, layer, "gold" if key[1] else None))
        part = subtract(regions, claimed[key])
        if not part:
            continue
        free.setdefault(layer, []).extend(part)
        dump = effective.model_dump(exclude_none=True)
        scopes.append({**dump, "regions": [{"start": a, "end": b} for a, b in part]})
    removed: dict[str, dict[str, Interval]] = {layer: {} for layer in LAYERS}
    narrowed = _narrowed(out, free, report, removed)
    taken: dict[str, dict[str, str]] = {layer: {} for layer in LAYERS}  # old id -> new id
    added: dict[str, list[dict[str, Any]]] = {layer: [] for layer in LAYERS}
    missing = labels_not_annotated(base)
    mentions = RegionIndex((m["start"], m["end"]) for m in out["entities"])
    for layer in LAYERS:
        regions = RegionIndex(free.get(layer, []))
        for item in new[layer]:
            if regions.holds(item["start"], item["end"]):
                added[layer].append(item)
            elif regions.touches(item["start"], item["end"]):
                report.crossing[layer] += 1
            elif (
                layer == "entities"
                and item["label"] in missing
                and not mentions.touches(item["start"], item["end"])
            ):
                added[layer].append(item)
                report.complemented += 1
            else:
                report.kept[layer] += 1
    _insert_speakers(out, new, added, clusters, report)
    for spec in layer_table():
        layer, prefix = spec.name, spec.id_prefix
        numbers = [_number(a["id"], prefix) for a in out[layer]]
        n = max(numbers, default=0)
        for item in sorted(added[layer], key=lambda a: (a["start"], -a["end"])):
            n += 1
            taken[layer][item["id"]] = f"{prefix}{n}"
    same_span = {
        layer: {(a["start"], a["end"]): a["id"] for a in out[layer] if "id" in a}
        for layer in LAYERS
    }
    old = {layer: {a["id"]: a for a in new[layer] if "id" in a} for layer in LAYERS}

    def ref(layer: str, target: str | None) -> str | None:
        """The merged id of an incoming reference: the added item, else the corpus item
        with the same span, else None (counted)."""
        if target is None:
            return None
        if target in taken[layer]:
            return taken[layer][target]
        item = old[layer].get(target)
        found = None if item is None else same_span[layer].get((item["start"], item["end"]))
        if found is None:
            report.unlinked += 1
        return found

    kb = _kb_ids(out["entities"])
    for layer in LAYERS:
        for item in added[layer]:
            item = dict(item)
            item["id"] = taken[layer][item["id"]]
            if layer == "entities" and item.get("entity") is not None:
                item["entity"] = clusters[item["entity"]]
                _keep_kb_id(item, kb.setdefault(item["entity"], set()))
            if layer == "quotes" and item.get("speaker") is not None:
                item["speaker"] = clusters.get(item["speaker"], item["speaker"])
            if layer == "claims":
                if item["claimant"] not in RESERVED_CLAIMANTS:
                    item["claimant"] = clusters.get(item["claimant"], item["claimant"])
                item["reported_by"] = ref("quotes", item.get("reported_by"))
                relations = []
                for r in item.get("relations", []):
                    target = ref("claims", r["target"])
                    if target is not None:
                        relations.append({**r, "target": target})
                item["relations"] = relations
            if layer == "dates" and item.get("anchor") not in (None, "document"):
                item["anchor"] = ref("dates", item["anchor"]) or "document"
            out[layer].append(item)
            report.added[layer] += 1
    _follow_superseded(out, added, taken, removed, report)
    for layer in LAYERS:
        out[layer].sort(key=lambda a: (a["start"], -a["end"], a.get("id", "")))
    out["annotation"]["layers"] = [*narrowed, *scopes]
    return out, report


def _narrowed(
    out: dict[str, Any],
    free: dict[str, list[Interval]],
    report: MergeReport,
    removed: dict[str, dict[str, Interval]],
) -> list[dict[str, Any]]:
    """The corpus's declarations without the regions the merge took over (only silver ones can
    be taken); the silver items there are removed (their spans kept in ``removed``, by id) and
    counted as superseded."""
    covers = {layer: union(parts) for layer, parts in free.items()}
    scopes = []
    narrowed: dict[str, None] = {}  # layers, in order
    for scope in out["annotation"]["layers"]:
        regions = scope["regions"]
        spans = (
            [(0, len(out["text"]))]
            if regions is None
            else [(r["start"], r["end"]) for r in regions]
        )
        left = subtract(spans, covers.get(scope["layer"], []))
        if left == spans:
            scopes.append(scope)
            continue
        narrowed[scope["layer"]] = None
        if left:
            scopes.append({**scope, "regions": [{"start": a, "end": b} for a, b in left]})
    for layer in narrowed:  # once per layer: the items inside the taken regions go
        taken = RegionIndex(free[layer])
        kept: list[dict[str, Any]] = []
        gone: list[dict[str, Any]] = []
        for a in out[layer]:
            (gone if taken.holds(a["start"], a["end"]) else kept).append(a)
        removed[layer].update((a["id"], (a["start"], a["end"])) for a in gone)
        report.superseded[layer] += len(gone)
        out[layer] = kept
    return scopes


def _follow_superseded(
    out: dict[str, Any],
    added: dict[str, list[dict[str, Any]]],
    taken: dict[str, dict[str, str]],
    removed: dict[str, dict[str, Interval]],
    report: MergeReport,
) -> None:
    """Corpus items that pointed at superseded silver items point at the added item with the
    same span instead, else at nothing (counted as unlinked): no reference is left dangling."""
    spans = {
        layer: {(a["start"], a["end"]): taken[layer][a["id"]] for a in added[layer]}
        for layer in LAYERS
    }

    def follow(layer: str, target: str | None) -> str | None:
        if target not in removed[layer]:
            return target
        found = spans[layer].get(removed[layer][target])
        if found is None:
            report.unlinked += 1
        return found

    for claim in out["claims"]:
        if claim["id"] in taken["claims"].values():  # added: its references are merged ids
            continue
        claim["reported_by"] = follow("quotes", claim.get("reported_by"))
        relations = []
        for r in claim.get("relations", []):
            target = follow("claims", r["target"])
            if target is not None:
                relations.append({**r, "target": target})
        claim["relations"] = relations
    for date in out["dates"]:
        merged = date["id"] in taken["dates"].values()
        if not merged and date.get("anchor") not in (None, "document"):
            date["anchor"] = follow("dates", date["anchor"]) or "document"


def labels_not_annotated(doc: Document) -> frozenset[str]:
    """The name labels the document's source corpus does not annotate (its format says)."""
    from ..formats.registry import spec_for

    spec = spec_for(doc.meta.source.format) if doc.meta.source is not None else None
    return spec.labels_not_annotated if spec is not None else frozenset()


def _insert_speakers(
    out: dict[str, Any],
    new: dict[str, Any],
    added: dict[str, list[dict[str, Any]]],
    clusters: dict[str, str],
    report: MergeReport,
) -> None:
    """Speakers and claimants of added quotes and claims that would have no mention after the
    merge get their incoming mentions inserted. The incoming mentions are grouped by cluster
    once: a document may have thousands of speakers."""
    wanted = {q["speaker"] for q in added["quotes"] if q.get("speaker")}
    wanted |= {c["claimant"] for c in added["claims"]} - RESERVED_CLAIMANTS
    present = _clusters(out) | {clusters[m["entity"]] for m in added["entities"] if m.get("entity")}
    spans = {(m["start"], m["end"]) for m in out["entities"]}
    by_cluster: dict[str, list[dict[str, Any]]] = {}
    for m in new["entities"]:
        if m.get("entity") is not None:
            by_cluster.setdefault(m["entity"], []).append(m)
    for cluster in sorted(wanted):
        if clusters.get(cluster, cluster) in present:
            continue
        for m in by_cluster.get(cluster, []):
            if (m["start"], m["end"]) not in spans:
                added["entities"].append(m)
                report.inserted += 1


def _clusters(doc: dict[str, Any]) -> set[str]:
    return {m["entity"] for m in doc["entities"] if m.get("entity")}


def _kb_ids(entities: list[dict[str, Any]]) -> dict[str, set[str]]:
    """Cluster -> the KB ids its mentions carry, kept up to date as mentions are added: each
    added mention is then checked without a pass over the document's mentions."""
    out: dict[str, set[str]] = {}
    for m in entities:
        if m.get("entity") is not None and m.get("kb_id") is not None:
            out.setdefault(m["entity"], set()).add(m["kb_id"])
    return out


def _keep_kb_id(item: dict[str, Any], known: set[str]) -> None:
    """An added mention keeps its KB id when its cluster has none yet or the same one (no
    kb-id-conflict is merged in), else loses it; the id it keeps joins its cluster's."""
    if item.get("kb_id") and known and item["kb_id"] not in known:
        item["kb_id"] = None
    if item.get("kb_id") is not None:
        known.add(item["kb_id"])


def _number(ann_id: str, prefix: str) -> int:
    rest = ann_id[len(prefix) :] if ann_id.startswith(prefix) else ""
    return int(rest) if rest.isdigit() else 0


def merge_corpus(
    src: Path, into: Path, ids: Iterable[str] | None = None
) -> tuple[MergeReport, list[Problem]]:
    """Merge the documents of ``src`` into the same documents of ``into``. Each merged document
    is checked before it is written; one that fails is reported and left as it was. ``into``
    is apart from ``src``: neither the same folder nor one inside the other."""
    check_apart(into, [src])
    report, problems = MergeReport(), []
    for folder in (src, into):
        if not folder.is_dir():
            raise fail("file-not-found", file=str(folder), path=str(folder))
    have = corpus_ids(src)[0]
    if not have:
        raise fail("empty-corpus", file=str(src), path=str(src))
    missing = [doc_id for doc_id in ids or () if doc_id not in set(have)]
    if missing:
        raise fail("unknown-document", file=str(src), doc_id=missing[0], path=str(src))
    for doc_id in have if ids is None else ids:
        incoming = load_document(annotation_path(src, doc_id))
        base = load_document(annotation_path(into, doc_id))
        if incoming.document is None or base.document is None:
            problems += [p for p in (*incoming.problems, *base.problems) if p.severity == "error"]
            continue
        if incoming.document.text != base.document.text:
            text, other = incoming.document.text, base.document.text
            problems.append(
                problem(
                    "import-text-mismatch",
                    file=incoming.file,
                    doc_id=doc_id,
                    format="incoming",
                    actual=sha256_text(text),
                    expected=sha256_text(other),
                    offset=first_difference(text, other),
                )
            )
            continue
        merged, one = merge_documents(base.document, incoming.document)
        doc = Document.model_validate(merged)
        found = [p for p in check_document(doc, incoming.file) if p.severity == "error"]
        if found:
            problems += found
            continue
        write_document(into, doc)
        one.documents = 1
        report += one
    return report, problems
