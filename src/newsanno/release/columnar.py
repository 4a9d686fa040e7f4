"""The rows of every config for a batch of documents, from its Arrow form (the columnar build).

:mod:`newsanno.release.rows` defines the rows one document at a time from its model; this
module computes the same rows for a batch read by :func:`newsanno.corpus.batch.read_batch`,
without a model object per annotation: the ``documents`` config as Arrow operations on the
batch (defaults filled in and texts withheld by the models' definitions), the ``ner`` config
as arrays over the whole batch (:mod:`newsanno.release.ner_columns`), the quote, claim and
date rows as columns (:mod:`newsanno.release.context_columns`), the stats from plain values
taken column by column. ``tests/test_build_columnar.py`` checks that both give the same rows
and the build the same bytes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple, get_args, get_origin
from urllib.parse import urlsplit

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel

from ..corpus import sha256_text
from ..corpus.batch import Batch
from ..errors import Problem
from ..model.columns import ANNOTATION_TYPE, json_paths, model_of, unwrap
from ..model.document import AnnotationFile, Document, DocumentBody, Span
from ..model.fast_checks import LIST, Columns
from ..model.labels import DOCUMENT_ANCHOR
from ..model.layers import layer_table
from ..model.regions import RegionIndex
from ..model.tokens import Joined, join_texts
from .arrow import DOCUMENT_SCHEMA, SCHEMAS
from .context_columns import Items, Regions, context_columns
from .ner_columns import Names, NerDocs, NerRows, ner_rows
from .stats import Stats
from .tokens import TextUnits, batch_lines, batch_sentences
from .writer import ShardWriter


@dataclass
class Valid:
    """The valid documents of a batch, in id order: annotation files as Arrow, texts, text
    checksums, and whether each is clean (no warning: no span cuts a word, for one)."""

    array: pa.StructArray
    texts: list[str]
    sha256: list[str]
    clean: list[bool]


def from_models(docs: Sequence[Document]) -> Valid:
    """Documents the model path read, in the form of the batch (a document that has only
    warnings is read by the model path and released like the others)."""
    records = []
    for doc in docs:
        record = doc.model_dump(exclude={"text"})
        for path in json_paths(DocumentBody):
            *parents, last = path
            node = record
            for key in parents:
                node = node.get(key) or {}
            if last in node:
                node[last] = orjson.dumps(node[last], option=orjson.OPT_SORT_KEYS).decode()
        records.append({**record, "schema_version": 1, "text_sha256": sha256_text(doc.text)})
    array = pa.array(records, type=ANNOTATION_TYPE)
    texts = [d.text for d in docs]
    return Valid(array, texts, [r["text_sha256"] for r in records], [False] * len(docs))


def merge(parts: list[tuple[list[int], Valid]]) -> Valid:
    """Batches of valid documents, each with the positions of its documents, as one batch in
    the order of the positions."""
    parts = [(pos, v) for pos, v in parts if pos]
    if len(parts) == 1:
        return parts[0][1]
    positions = [p for pos, _ in parts for p in pos]
    order = np.argsort(positions, kind="stable")
    array = pa.concat_arrays([v.array for _, v in parts]).take(pa.array(order))
    texts = [t for _, v in parts for t in v.texts]
    sha = [s for _, v in parts for s in v.sha256]
    clean = [c for _, v in parts for c in v.clean]
    return Valid(
        array, [texts[i] for i in order], [sha[i] for i in order], [clean[i] for i in order]
    )


# --- documents config ----------------------------------------------------------------------


def documents_batch(valid: Valid, withhold: np.ndarray) -> pa.RecordBatch:
    """The ``documents`` rows: the annotation files with every default filled in, the derived
    text columns, and for withheld documents no text, neither whole nor in spans."""
    array = valid.array
    doc = np.arange(len(array))
    body = _complete(array, AnnotationFile, doc, withhold)
    lengths = [len(t) for t in valid.texts]
    text = pa.array(
        [None if w else t for t, w in zip(valid.texts, withhold, strict=True)], pa.string()
    )
    columns = {
        "id": body.field("id"),
        "text": text,
        "text_sha256": pa.array(valid.sha256, pa.string()),
        "text_length": pa.array(lengths, pa.int32()),
        "text_withheld": pa.array(withhold, pa.bool_()),
    }
    arrays = [columns[f.name] if f.name in columns else body.field(f.name) for f in DOCUMENT_SCHEMA]
    return pa.RecordBatch.from_arrays(arrays, schema=DOCUMENT_SCHEMA)


class _Field(NamedTuple):
    """What filling in one field of a model's records takes."""

    name: str
    record: type[BaseModel] | None  # the model of a record field
    items: type[BaseModel] | None  # the model of a list of records
    default: Any  # None: nothing to fill in
    span_text: bool  # a span's text, withheld with the document's


@cache
def _fields(model: type[BaseModel]) -> tuple[_Field, ...]:
    """A model's fields as :func:`_complete` reads them (model introspection, done once)."""
    out = []
    for name, info in model.model_fields.items():
        inner = unwrap(info.annotation)
        items = model_of(unwrap(get_args(inner)[0])) if get_origin(inner) is list else None
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        if isinstance(default, dict):
            default = orjson.dumps(default, option=orjson.OPT_SORT_KEYS).decode()
        span_text = name == "text" and issubclass(model, Span)
        out.append(_Field(name, model_of(inner), items, default, span_text))
    return tuple(out)


def _complete(
    array: pa.StructArray, model: type[BaseModel], doc: np.ndarray, withhold: np.ndarray
) -> pa.StructArray:
    """``array`` (records of ``model``) as the model holds them: defaults in place of the
    fields a file left out; span texts null in withheld documents."""
    children = []
    for f in _fields(model):
        child = array.field(f.name)
        if f.record is not None:
            child = _complete(child, f.record, doc, withhold)
        elif f.items is not None:
            values = child.flatten()
            item_doc = doc[pc.list_parent_indices(child).to_numpy()]
            values = _complete(values, f.items, item_doc, withhold)
            offsets = pc.subtract(child.offsets, child.offsets[0])
            child = pa.ListArray.from_arrays(offsets, values, mask=child.is_null())
        if f.default is not None and child.null_count:
            child = pc.fill_null(child, pa.scalar(f.default, type=child.type))
        if f.span_text and withhold[doc].any():
            child = pc.if_else(pa.array(withhold[doc]), pa.scalar(None, child.type), child)
        children.append(child)
    return pa.StructArray.from_arrays(
        children, fields=list(array.type), mask=array.is_null() if array.null_count else None
    )


# --- the derived configs, from plain values --------------------------------------------------


class Plain:
    """The batch's columns as Python lists, and where each document's records are."""

    def __init__(self, array: pa.StructArray) -> None:
        self.cols = Columns(array)
        self._values: dict[tuple[str, ...], list[Any]] = {}
        self._offsets: dict[tuple[str, ...], list[int]] = {}

    def values(self, *path: str) -> list[Any]:
        if path not in self._values:
            self._values[path] = self.cols.get(path)[0].to_pylist()
        return self._values[path]

    def offsets(self, *path: str) -> list[int]:
        """Offsets of the list at ``path`` into its flattened values (a null list is empty)."""
        if path not in self._offsets:
            array = self.cols.get(path)[0]
            offsets = array.offsets.to_numpy()
            self._offsets[path] = (offsets - offsets[0]).tolist()
        return self._offsets[path]


@dataclass
class Derived:
    """Rows of the derived configs for a batch, with each document's number of rows (per
    config), and the warnings of the ner alignment."""

    ner: NerRows
    batches: dict[str, pa.RecordBatch] = field(default_factory=dict)
    counts: dict[str, list[int]] = field(default_factory=dict)


class _Columns:
    """The columns of a batch that the derived configs read, as plain Python values."""

    def __init__(self, valid: Valid) -> None:
        p = Plain(valid.array)
        self.ids = p.values("id")
        self.status = p.values("annotation", "status")
        self.published = p.values("meta", "published")
        self.ent = _layer(
            p, "entities", ("id", "start", "end", "text", "label", "mention_type", "entity")
        )
        fields = ("id", "start", "end", "text", "type", "speaker", "speaker_reason")
        self.quo = _layer(p, "quotes", (*fields, "speaker_explicit"))
        self.cue = {k: p.values("quotes", LIST, "cue", k) for k in ("start", "end", "text")}
        self.cue_ok = valid.array.field("quotes").flatten().field("cue").is_valid().to_pylist()
        self.cla = _layer(p, "claims", ("id", "start", "end", "text", "claimant", "reported_by"))
        self.rel_off = p.offsets("claims", LIST, "relations")
        self.rel_type = p.values("claims", LIST, "relations", LIST, "type")
        self.rel_target = p.values("claims", LIST, "relations", LIST, "target")
        self.dat = _layer(
            p, "dates", ("id", "start", "end", "text", "type", "value", "mod", "anchor")
        )
        self.zon = _layer(p, "zones", ("start", "end"))
        self.scopes = _scopes(p)


def derived_rows(valid: Valid, withhold: np.ndarray) -> Derived:
    """The rows of the derived configs (``release.rows``'s ner, quote, claim and date rows)."""
    b = _Columns(valid)
    texts = valid.texts
    joined = join_texts(texts)
    owner = np.repeat(np.arange(len(b.ent.off) - 1), np.diff(b.ent.off))
    starts = np.asarray(b.ent.col["start"], dtype=np.int64)
    units = batch_sentences(joined, owner, starts, np.asarray(b.ent.col["end"], dtype=np.int64))
    regions = {
        layer: [_status(b.scopes[d], layer, b.status[d], len(t)) for d, t in enumerate(texts)]
        for layer in ("entities", "quotes", "claims", "dates")
    }
    ner = NerDocs(
        b.ids,
        texts,
        joined,
        *_cuts(b),
        _name_mentions(b.ent),
        regions["entities"],
        units,
        withhold,
        valid.clean,
    )
    para = batch_lines(joined)
    best = [_names(b.ent, b.ent.range(d)) for d in range(len(texts))]
    built = {
        "quotes": _quotes(b, joined, para, regions["quotes"], best),
        "claims": _claims(b, joined, para, regions["claims"], best),
        "dates": _dates(b, joined, units, regions["dates"]),
    }
    out = Derived(ner_rows(ner))
    for spec in layer_table():
        if spec.config in built:
            columns, off = built[spec.config]
            if withhold.any():
                hidden = np.repeat(withhold, np.diff(off))
                for name in spec.text_columns:
                    columns[name] = [
                        None if h else v for v, h in zip(columns[name], hidden, strict=True)
                    ]
            schema = SCHEMAS[spec.config]
            arrays = [pa.array(columns[f.name], f.type) for f in schema]
            out.batches[spec.config] = pa.RecordBatch.from_arrays(arrays, schema=schema)
            out.counts[spec.config] = np.diff(off).tolist()
    return out


def _cuts(b: _Columns) -> tuple[np.ndarray, np.ndarray]:
    """Every annotation boundary of the batch, as (document, offset): tokens are cut there."""
    docs, at = [], []
    for lay in (b.ent, b.quo, b.cla, b.dat, b.zon):
        owner = np.repeat(np.arange(len(lay.off) - 1), np.diff(lay.off))
        for edge in ("start", "end"):
            docs.append(owner)
            at.append(np.asarray(lay.col[edge], dtype=np.int64))
    owner = np.repeat(np.arange(len(b.quo.off) - 1), np.diff(b.quo.off))
    cue = np.asarray(b.cue_ok, dtype=bool)
    for edge in ("start", "end"):
        docs.append(owner[cue])
        at.append(np.asarray([x for x, ok in zip(b.cue[edge], cue, strict=True) if ok], np.int64))
    return np.concatenate(docs), np.concatenate(at)


def _name_mentions(ent: _Layer) -> Names:
    """The name mentions of the batch (a null mention type is the default, a name)."""
    col = ent.col
    rows = [k for k, kind in enumerate(col["mention_type"]) if kind in (None, "name")]
    take = np.array(rows, dtype=np.int64)
    owner = np.repeat(np.arange(len(ent.off) - 1), np.diff(ent.off))
    return Names(
        owner[take],
        np.asarray(col["start"], dtype=np.int64)[take],
        np.asarray(col["end"], dtype=np.int64)[take],
        [col["label"][k] for k in rows],
        [col["id"][k] for k in rows],
    )


Built = tuple[dict[str, Any], list[int]]


def _named(
    best: list[dict[str, tuple[str, str]]], items: Items, clusters: list[str | None]
) -> tuple[list[str | None], list[str | None]]:
    """The name and label of the entity each annotation links to (a speaker, a claimant),
    from its document's longest mention of it; None for no link or no mention."""
    found = [
        best[d].get(c or "", (None, None))
        for d, c in zip(items.doc.tolist(), clusters, strict=True)
    ]
    return [name for name, _ in found], [label for _, label in found]


def _quotes(
    b: _Columns,
    joined: Joined,
    para: TextUnits,
    regions: list[Regions],
    best: list[dict[str, tuple[str, str]]],
) -> Built:
    """rows.quote_rows, as columns."""
    quo, cue = b.quo.col, b.cue
    items = Items.of(b.quo.off, quo)
    extent = _quote_extents(items, cue, b.cue_ok)
    columns, lo = context_columns(b.ids, joined, items, para, regions, extent)
    names, labels = _named(best, items, quo["speaker"])
    ok, at = b.cue_ok, lo.tolist()
    columns.update(
        type=quo["type"],
        cue_start=[c - a if k else None for c, a, k in zip(cue["start"], at, ok, strict=True)],
        cue_end=[c - a if k else None for c, a, k in zip(cue["end"], at, ok, strict=True)],
        cue_text=[t if k else None for t, k in zip(cue["text"], ok, strict=True)],
        speaker=quo["speaker"],
        speaker_name=names,
        speaker_label=labels,
        speaker_reason=quo["speaker_reason"],
        speaker_explicit=quo["speaker_explicit"],
    )
    return columns, b.quo.off


def _quote_extents(
    items: Items, cue: dict[str, list[Any]], ok: list[bool]
) -> tuple[np.ndarray, np.ndarray]:
    """rows.quote_extent, as arrays: each quote with its cue, the quote alone when it has none."""
    has = np.asarray(ok, dtype=bool)
    start = np.asarray([c if k else 0 for c, k in zip(cue["start"], ok, strict=True)], np.int64)
    end = np.asarray([c if k else 0 for c, k in zip(cue["end"], ok, strict=True)], np.int64)
    return (
        np.where(has, np.minimum(items.start, start), items.start),
        np.where(has, np.maximum(items.end, end), items.end),
    )


def _claims(
    b: _Columns,
    joined: Joined,
    para: TextUnits,
    regions: list[Regions],
    best: list[dict[str, tuple[str, str]]],
) -> Built:
    """rows.claim_rows, as columns."""
    cla = b.cla.col
    items = Items.of(b.cla.off, cla)
    columns, _ = context_columns(b.ids, joined, items, para, regions)
    names, labels = _named(best, items, cla["claimant"])
    links = pa.StructArray.from_arrays(
        [pa.array(b.rel_type, pa.string()), pa.array(b.rel_target, pa.string())],
        names=["type", "target"],
    )
    columns.update(
        claimant=cla["claimant"],
        claimant_name=names,
        claimant_label=labels,
        reported_by=cla["reported_by"],
        relations=pa.ListArray.from_arrays(pa.array(b.rel_off, pa.int32()), links),
    )
    return columns, b.cla.off


def _dates(b: _Columns, joined: Joined, units: TextUnits, regions: list[Regions]) -> Built:
    """rows.date_rows, as columns."""
    dat = b.dat.col
    items = Items.of(b.dat.off, dat)
    columns, _ = context_columns(b.ids, joined, items, units, regions)
    published = [b.published[d] for d in items.doc.tolist()]
    anchor_value = []
    for d in range(len(b.ids)):
        t = b.dat.range(d)
        values = {dat["id"][i]: dat["value"][i] for i in t}
        anchor_value += [
            b.published[d] if dat["anchor"][i] == DOCUMENT_ANCHOR else values.get(dat["anchor"][i])
            for i in t
        ]
    columns.update(
        type=dat["type"],
        value=dat["value"],
        mod=dat["mod"],
        anchor=dat["anchor"],
        anchor_value=anchor_value,
        published=published,
    )
    return columns, b.dat.off


@dataclass
class _Layer:
    off: list[int]
    col: dict[str, list[Any]]

    def range(self, d: int) -> range:
        """Where document ``d``'s records are in the columns."""
        return range(self.off[d], self.off[d + 1])


def _layer(p: Plain, name: str, fields: tuple[str, ...]) -> _Layer:
    return _Layer(p.offsets(name), {f: p.values(name, LIST, f) for f in fields})


def _scopes(p: Plain) -> list[list[tuple[str, str | None, list[tuple[int, int]] | None]]]:
    """Per document, its layer declarations: (layer, status, regions or None)."""
    off = p.offsets("annotation", "layers")
    layer = p.values("annotation", "layers", LIST, "layer")
    status = p.values("annotation", "layers", LIST, "status")
    regions = p.values("annotation", "layers", LIST, "regions")
    out = []
    for d in range(len(off) - 1):
        out.append(
            [
                (
                    layer[i],
                    status[i],
                    None if regions[i] is None else [(r["start"], r["end"]) for r in regions[i]],
                )
                for i in range(off[d], off[d + 1])
            ]
        )
    return out


def _status(
    scopes: list[tuple[str, str | None, list[tuple[int, int]] | None]],
    layer: str,
    default: str,
    length: int,
) -> list[tuple[int, int, str]]:
    """rows.layer_status on plain values."""
    out = []
    for name, status, regions in scopes:
        if name != layer:
            continue
        status = status or default
        if regions is None:
            out.append((0, length, status))
        else:
            out += [(s, e, status) for s, e in regions]
    return sorted(out)


def _names(ent: _Layer, e: range) -> dict[str, tuple[str, str]]:
    """rows._names on plain values: cluster -> (text, label) of its longest mention."""
    best: dict[str, int] = {}
    entity, text = ent.col["entity"], ent.col["text"]
    for i in e:
        cluster = entity[i]
        if cluster is not None:
            cur = best.get(cluster)
            if cur is None or len(text[i]) > len(text[cur]):
                best[cluster] = i
    return {k: (text[i], ent.col["label"][i]) for k, i in best.items()}


# --- stats -----------------------------------------------------------------------------------


def batch_stats(valid: Valid, split: str) -> Stats:
    """Stats.add for every document of the batch, on plain values."""
    p = Plain(valid.array)
    stats = Stats()
    n = len(valid.array)
    if not n:
        return stats
    stats.documents[split] += n
    labels: Counter[tuple[str, str]] = Counter()
    for spec in layer_table():
        if spec.label is None:
            count = len(p.values(spec.name, LIST, "id"))
            if count:
                labels[(spec.name, spec.name.removesuffix("s"))] += count
        else:
            labels.update((spec.name, v) for v in p.values(spec.name, LIST, spec.label))
        if spec.relations:
            labels.update(
                (spec.name, v) for v in p.values(spec.name, LIST, spec.relations, LIST, "type")
            )
    stats.labels.update(labels)
    stats.split_labels.update({(split, layer, label): k for (layer, label), k in labels.items()})
    fmt = p.values("meta", "source", "format")
    has_source = valid.array.field("meta").field("source").is_valid().to_pylist()
    sources = [f if ok else "text" for f, ok in zip(fmt, has_source, strict=True)]
    stats.sources.update((s, split) for s in sources)
    meta = {
        k: p.values("meta", k)
        for k in ("publisher", "url", "license", "rights_holder", "attribution", "redistribution")
    }
    synthetic = p.values("meta", "synthetic")
    for d in range(n):
        publisher, url = meta["publisher"][d], meta["url"][d]
        source = publisher or (urlsplit(url).hostname if url else None) or "not stated"
        key = (
            source,
            meta["license"][d],
            meta["rights_holder"][d] or "",
            meta["attribution"][d] or "",
            meta["redistribution"][d],
        )
        stats.licenses[key] += 1
        stats.synthetic += bool(synthetic[d])
    _provenance(p, valid, sources, stats)
    return stats


def _provenance(p: Plain, valid: Valid, sources: list[str], stats: Stats) -> None:
    """Stats._add_provenance on plain values."""
    items = {spec.name: _layer(p, spec.name, ("start", "end")) for spec in layer_table()}
    scopes = ("annotation", "layers", LIST)
    off = p.offsets("annotation", "layers")
    fields = {
        k: p.values(*scopes, k)
        for k in ("layer", "regions", "annotators", "status", "method", "source")
    }
    annotators = p.values("annotation", "annotators")
    status = p.values("annotation", "status")
    for d, text in enumerate(valid.texts):
        source = sources[d]
        declared = set()
        for i in range(off[d], off[d + 1]):
            layer = fields["layer"][i]
            declared.add(layer)
            regions = (
                [(0, len(text))]
                if fields["regions"][i] is None
                else [(r["start"], r["end"]) for r in fields["regions"][i]]
            )
            key = (
                source,
                layer,
                ", ".join(fields["annotators"][i] or annotators[d] or ()),
                fields["status"][i] or status[d] or "",
                fields["method"][i] or "",
                fields["source"][i] or "",
            )
            lay = items[layer]
            lo, hi = lay.off[d], lay.off[d + 1]
            if fields["regions"][i] is None:  # a valid document's records are inside its text
                inside = hi - lo
            else:
                held = RegionIndex(regions)
                inside = sum(
                    1
                    for a, b in zip(lay.col["start"][lo:hi], lay.col["end"][lo:hi], strict=True)
                    if held.holds(a, b)
                )
            stats.provenance[(key, "documents")] += 1
            stats.provenance[(key, "characters")] += sum(y - x for x, y in regions)
            stats.provenance[(key, "annotations")] += inside
        for layer in items:
            if layer not in declared:
                stats.provenance[((source, layer, "", "", "not annotated", ""), "documents")] += 1


# --- one batch, end to end -------------------------------------------------------------------


def valid_documents(batch: Batch) -> Valid | None:
    """The valid documents of a batch in id order: the clean ones, and those the model path
    read and accepted (with warnings); None when there is none."""
    clean = [i for i, slot in enumerate(batch.slots) if slot >= 0]
    read = [
        (i, loaded.document)
        for i, loaded in enumerate(batch.loaded)
        if loaded is not None and loaded.document is not None
    ]
    parts = [(clean, Valid(batch.array, batch.texts, batch.sha256, [True] * len(clean)))]
    if read:
        parts.append(([i for i, _ in read], from_models([d for _, d in read])))
    if not clean and not read:
        return None
    return merge(parts)


def write_rows(
    valid: Valid, public: bool, split: str, writer: ShardWriter
) -> tuple[list[Problem], Stats]:
    """Write the rows of every config for ``valid``; the ner warnings and the batch's stats."""
    redistribution = valid.array.field("meta").field("redistribution")
    withhold = (
        np.asarray(
            pc.fill_null(pc.equal(redistribution, "annotations-only"), False).to_numpy(False),
            dtype=bool,
        )
        & public
    )
    ones = [1] * len(valid.array)
    writer.add("documents", documents_batch(valid, withhold), ones)
    derived = derived_rows(valid, withhold)
    writer.add("ner", derived.ner.batch, derived.ner.counts)
    for config, batch in derived.batches.items():
        writer.add(config, batch, derived.counts[config])
    return derived.ner.problems, batch_stats(valid, split)
