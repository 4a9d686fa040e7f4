"""Cross-record checks on a structurally valid document. Each yields coded problems and never
raises, so one run reports everything that is wrong."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterator
from dataclasses import replace
from functools import cache
from operator import attrgetter
from typing import Any, get_origin

from pydantic import BaseModel, ValidationError

from ..errors import NewsannoError, Problem, excerpt, problem
from .document import Document, Extent, Span
from .labels import DOCUMENT_ANCHOR, RESERVED_CLAIMANTS
from .layers import layer_table
from .regions import RegionIndex
from .schema_errors import schema_problems


def check_document(doc: Document, file: str = "") -> Iterator[Problem]:
    for check in CHECKS:
        for p in check(doc):
            yield p if not file else _with_file(p, file)


def validate_document(data: Any, file: str = "") -> tuple[Document | None, list[Problem]]:
    """A document from ``data`` and every coded problem (schema and integrity); no document
    when one of them is an error."""
    doc_id = str(data.get("id", "")) if isinstance(data, dict) else ""
    try:
        doc = Document.model_validate(data)
    except ValidationError as e:
        return None, schema_problems(e, data, file=file, doc_id=doc_id)
    problems = list(check_document(doc, file))
    return (None if any(p.severity == "error" for p in problems) else doc), problems


def checked_document(data: Any, file: str = "") -> Document:
    """A document that passed every check, else a NewsannoError with the errors: for code that
    builds documents (extractors, rows read back) rather than reporting on files."""
    doc, problems = validate_document(data, file)
    if doc is None:
        raise NewsannoError([p for p in problems if p.severity == "error"])
    return doc


def _with_file(p: Problem, file: str) -> Problem:
    return replace(p, file=file)


def layer_spans(doc: Document) -> Iterator[tuple[str, str, Span]]:
    """(layer, owning annotation id, span) for every text-carrying span, cues included."""
    for spec in layer_table():
        if spec.span_paths == ((),):  # the record is its only span: no walk through its fields
            name = spec.name
            for a in spec.records(doc):
                yield name, a.id, a
            continue
        for a in spec.records(doc):
            for span in spec.spans(a):
                yield spec.name, a.id, span


def _spans(doc: Document) -> Iterator[Problem]:
    """Each span within the text and equal to it there; then it should cover whole words and
    start and end on a non-space character: a mention one character late ("ladimir Putin") is
    otherwise valid and becomes wrong tokens."""
    text = doc.text
    n = len(text)
    for layer, ann_id, span in layer_spans(doc):
        start, end = span.start, span.end
        if end > n:
            yield _out_of_bounds(doc, ann_id, layer, span)
            continue
        piece = text[start:end]
        if piece != span.text:
            yield problem(
                "span-text-mismatch",
                doc_id=doc.id,
                annotation_id=ann_id,
                layer=layer,
                start=start,
                end=end,
                expected=excerpt(piece),
                actual=excerpt(span.text),
            )
            continue
        # cuts_word written out (``start < n`` and ``0 < end`` hold here): a span or two per
        # record of every document passes this line
        if start and text[start - 1 : start + 1].isalnum():
            edge: int | None = start
        elif end < n and text[end - 1 : end + 1].isalnum():
            edge = end
        else:
            edge = None
        if edge is not None:
            left, right = word_around(text, edge)
            yield problem(
                "span-cuts-word",
                doc_id=doc.id,
                annotation_id=ann_id,
                layer=layer,
                start=start,
                end=end,
                word=left + right,
                at=edge,
            )
        elif piece[0].isspace() or piece[-1].isspace():
            yield problem(
                "span-edge-whitespace",
                doc_id=doc.id,
                annotation_id=ann_id,
                layer=layer,
                start=start,
                end=end,
                text=piece,
            )
    for spec in layer_table():
        if not spec.span_paths:  # extents without text (zones): only their bounds to check
            for a in spec.records(doc):
                if a.end > n:
                    yield _out_of_bounds(doc, a.id, spec.name, a)


def cuts_word(text: str, at: int) -> bool:
    """True when offset ``at`` falls between two letters or digits of one word."""
    return 0 < at < len(text) and text[at - 1 : at + 1].isalnum()


def word_around(text: str, at: int) -> tuple[str, str]:
    """The letters and digits of the word that offset ``at`` cuts, before and after it."""
    lo, hi = at, at
    while lo > 0 and text[lo - 1].isalnum():
        lo -= 1
    while hi < len(text) and text[hi].isalnum():
        hi += 1
    return text[lo:at], text[at:hi]


def _out_of_bounds(doc: Document, ann_id: str, layer: str, extent: Extent) -> Problem:
    return problem(
        "span-out-of-bounds",
        doc_id=doc.id,
        annotation_id=ann_id,
        layer=layer,
        start=extent.start,
        end=extent.end,
        length=len(doc.text),
    )


def _ids(doc: Document) -> Iterator[Problem]:
    ids = [a.id for spec in layer_table() for a in spec.records(doc)]
    if len(set(ids)) == len(ids):  # as in almost every document: nothing to count
        return
    for ann_id, count in Counter(ids).items():
        if count > 1:
            yield problem("duplicate-id", doc_id=doc.id, annotation_id=ann_id, ann_id=ann_id)


@cache
def _key_plan(model: type[BaseModel]) -> tuple[Callable[[Any], tuple[Any, ...]], tuple[int, ...]]:
    """What makes a record of ``model`` a key: a getter of every field but the id, and where
    in what it returns the lists are (hashable once made tuples)."""
    names = [name for name in model.model_fields if name != "id"]
    lists = tuple(
        k for k, name in enumerate(names) if get_origin(model.model_fields[name].annotation) is list
    )
    get = attrgetter(*names)
    return (get if len(names) > 1 else lambda record: (get(record),)), lists


def _record_keys(records: list[Any]) -> Iterator[Hashable]:
    """Each record's field values but its id, equal exactly when the records are, and far
    cheaper than serializing it; its repr when a value is still unhashable (a model that is
    not frozen, a list inside an optional field)."""
    model: type | None = None
    for record in records:
        if type(record) is not model:  # a layer's records are of one model, as a rule
            model = type(record)
            get, lists = _key_plan(model)
        values = get(record)
        if lists:
            as_list = list(values)
            for k in lists:
                if as_list[k] is not None:
                    as_list[k] = tuple(as_list[k])
            values = tuple(as_list)
        try:
            hash(values)
        except TypeError:
            values = repr(values)
        yield values


def _all_distinct(records: list[Any]) -> bool:
    """True when no two records are equal but for their ids, found by a test that runs in C
    for the usual layer (records of one model, no list field, all values hashable); False
    when that test cannot tell, and the records are then compared one by one."""
    model = type(records[0])
    get, lists = _key_plan(model)
    if lists or set(map(type, records)) != {model}:
        return False
    try:
        return len(set(map(get, records))) == len(records)
    except TypeError:  # a model that is not frozen, as a value
        return False


def _duplicates(doc: Document) -> Iterator[Problem]:
    for spec in layer_table():
        first: dict[Any, str] = {}
        records = spec.records(doc)
        if len(records) < 2 or _all_distinct(records):
            continue
        for a, key in zip(records, _record_keys(records), strict=True):
            if key in first:
                yield problem(
                    "duplicate-annotation", doc_id=doc.id, annotation_id=a.id, other=first[key]
                )
            else:
                first[key] = a.id


def _references(doc: Document) -> Iterator[Problem]:
    clusters = {m.entity for m in doc.entities if m.entity is not None}
    quote_ids = {q.id for q in doc.quotes}
    claim_ids = {c.id for c in doc.claims}
    date_ids = {t.id for t in doc.dates}

    def dangling(ann_id: str, field: str, target: str, expected: str) -> Problem:
        return problem(
            "dangling-reference",
            doc_id=doc.id,
            annotation_id=ann_id,
            field=field,
            target=target,
            expected=expected,
        )

    for m in doc.entities:
        if m.entity in RESERVED_CLAIMANTS:
            yield problem("reserved-id", doc_id=doc.id, annotation_id=m.id, target=m.entity)
    for q in doc.quotes:
        if q.speaker is not None and q.speaker not in clusters:
            yield dangling(q.id, "speaker", q.speaker, "an entity cluster")
    for c in doc.claims:
        if c.claimant not in clusters and c.claimant not in RESERVED_CLAIMANTS:
            yield dangling(
                c.id, "claimant", c.claimant, "an entity cluster, 'author' or 'unattributed'"
            )
        if c.reported_by is not None and c.reported_by not in quote_ids:
            yield dangling(c.id, "reported_by", c.reported_by, "a quote")
        for r in c.relations:
            if r.target not in claim_ids or r.target == c.id:
                yield dangling(c.id, f"relations.{r.type}", r.target, "another claim")
    for t in doc.dates:
        if (
            t.anchor is not None
            and t.anchor != DOCUMENT_ANCHOR
            and (t.anchor not in date_ids or t.anchor == t.id)
        ):
            yield dangling(t.id, "anchor", t.anchor, "'document' or another date")


def _anchor_cycles(doc: Document) -> Iterator[Problem]:
    anchors = {t.id: t.anchor for t in doc.dates}  # an id given twice: its last anchor
    # only a date anchored on another date can be on a cycle
    links = {k: v for k, v in anchors.items() if v is not None and v != DOCUMENT_ANCHOR}
    for start, cycle in anchor_cycles(links):
        yield problem("anchor-cycle", doc_id=doc.id, annotation_id=start, cycle=" -> ".join(cycle))


def anchor_cycles(anchors: dict[str, str | None]) -> Iterator[tuple[str, list[str]]]:
    """Each cycle of two or more dates once, with the date whose walk found it: anchors
    (date id -> the id it is anchored on) followed from every date. A walk stops at a date an
    earlier walk went through (what lies beyond was found then), so every date is walked once
    and a chain of thousands of dates costs no more than its length."""
    done: set[str] = set()
    for start in anchors:
        if start in done:
            continue
        at: dict[str, int] = {}  # date -> its place on this walk
        path: list[str] = []
        node: str | None = start
        while node in anchors and node not in done and node not in at:
            at[node] = len(path)
            path.append(node)
            node = anchors[node]
        done.update(path)
        if node in at:
            cycle = path[at[node] :]  # type: ignore[index]
            if len(cycle) > 1:
                yield start, cycle


def _clusters(doc: Document) -> Iterator[Problem]:
    kb: defaultdict[str, dict[str, str]] = defaultdict(dict)
    for m in doc.entities:
        if m.entity is not None and m.kb_id is not None:
            kb[m.entity].setdefault(m.kb_id, m.id)
    for entity, ids in kb.items():
        if len(ids) > 1:
            last = list(ids.values())[-1]
            yield problem(
                "kb-id-conflict",
                doc_id=doc.id,
                annotation_id=last,
                entity=entity,
                kb_ids=", ".join(sorted(ids)),
            )


def _zones(doc: Document) -> Iterator[Problem]:
    ordered = sorted(doc.zones, key=lambda z: (z.start, z.end))
    for prev, cur in zip(ordered, ordered[1:], strict=False):
        if cur.start < prev.end:
            yield problem("zone-overlap", doc_id=doc.id, annotation_id=cur.id, other=prev.id)


def _layers(doc: Document) -> Iterator[Problem]:
    scopes: dict[str, list[tuple[int, int]]] = {}  # (start, end) of each region
    whole: set[str] = set()
    n = len(doc.text)
    for scope in doc.annotation.layers:
        regions = [(r.start, r.end) for r in scope.regions] if scope.regions else [(0, max(n, 1))]
        for region in scope.regions or ():
            if region.end > n:
                yield _out_of_bounds(doc, "", f"annotation.layers[{scope.layer}]", region)
        # the method is the scope's own (no document default): test it before the status,
        # which takes a copy of the scope to inherit
        if scope.method == "automatic" and doc.annotation.effective(scope).status == "gold":
            (start, _), (_, end) = regions[0], regions[-1]
            yield problem("automatic-gold", doc_id=doc.id, layer=scope.layer, start=start, end=end)
        if scope.regions is None:
            whole.add(scope.layer)
        scopes.setdefault(scope.layer, []).extend(regions)
    for layer, regions in scopes.items():
        ordered = sorted(regions)
        for (_, prev_end), (start, end) in zip(ordered, ordered[1:], strict=False):
            if start < prev_end:
                yield problem(
                    "scope-overlap", doc_id=doc.id, layer=layer, start=start, end=min(end, prev_end)
                )
    for spec in layer_table():
        layer, items = spec.name, spec.records(doc)
        if items and layer not in scopes:
            yield problem(
                "layer-not-declared",
                doc_id=doc.id,
                annotation_id="",
                count=len(items),
                layer=layer,
            )
            continue
        if layer in whole or layer not in scopes:
            continue
        regions = RegionIndex(scopes[layer])
        for a in items:
            if not regions.holds(a.start, a.end):
                yield problem(
                    "outside-scope",
                    doc_id=doc.id,
                    annotation_id=a.id,
                    layer=layer,
                    start=a.start,
                    end=a.end,
                )


def _leading_bom(doc: Document) -> Iterator[Problem]:
    """A text file cannot start with U+FEFF: readers take it for a byte order mark and drop it,
    which would move every offset."""
    if doc.text.startswith("\ufeff"):
        yield problem("bom", doc_id=doc.id)


CHECKS = (
    _leading_bom,
    _spans,
    _ids,
    _duplicates,
    _references,
    _anchor_cycles,
    _clusters,
    _zones,
    _layers,
)
