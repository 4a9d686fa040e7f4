"""One document -> the rows of every config. Public so that any other pipeline (a Dask or Ray
build) produces exactly the same rows as ``newsanno build``.

``withhold`` (a public release of a document whose ``redistribution`` is ``annotations-only``)
sets every text-carrying value to null: the text, the spans of every layer of the layer table,
and the columns its entries name in their configs (tokens, contexts, speaker and claimant
names). Offsets, ids, labels and the text's sha256 and length stay, so the user can rehydrate
from their own copy.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from typing import Any

import orjson

from ..corpus import sha256_text
from ..errors import NewsannoError, Problem, problem
from ..model.checks import checked_document, layer_spans
from ..model.columns import json_paths
from ..model.document import Document, DocumentBody, Quote, Span
from ..model.labels import DOCUMENT_ANCHOR
from ..model.layers import layer_table
from ..model.tokens import token_columns
from .bio import bio_tags, select_mentions, split_words
from .tokens import Interval, enclosing, lines, sentences, trim

Row = dict[str, Any]
JSON_PATHS = json_paths(DocumentBody)
_DERIVED = ("text_sha256", "text_length", "text_withheld")


def withheld(doc: Document, public: bool) -> bool:
    return public and doc.meta.redistribution == "annotations-only"


def config_rows(doc: Document, withhold: bool) -> tuple[dict[str, list[Row]], list[Problem]]:
    """Rows of every config for one document, and the warnings of the ner alignment."""
    units = doc_sentences(doc)
    ner, problems = ner_rows(doc, units)
    rows = {
        "documents": [document_row(doc, withhold)],
        "ner": ner,
        "quotes": quote_rows(doc),
        "claims": claim_rows(doc),
        "dates": date_rows(doc, units),
    }
    if withhold:
        for spec in layer_table():
            for row in rows[spec.config] if spec.config else ():
                row.update(dict.fromkeys(spec.text_columns))
    return rows, problems


def doc_sentences(doc: Document) -> list[Interval]:
    """Sentences of the text; a break never falls inside an entity mention."""
    return sentences(doc.text, [(m.start, m.end) for m in doc.entities])


def document_row(doc: Document, withhold: bool) -> Row:
    row = doc.model_dump()
    for path in JSON_PATHS:
        _apply(row, path, lambda v: orjson.dumps(v, option=orjson.OPT_SORT_KEYS).decode())
    row["text_sha256"] = sha256_text(doc.text)
    row["text_length"] = len(doc.text)
    row["text_withheld"] = withhold
    if withhold:
        row["text"] = None
        for span in _span_dicts(row):
            span["text"] = None
    return row


def document_from_row(row: Row, text: str | None = None, file: str = "") -> Document:
    """The document a ``documents`` row holds (validated; problems name ``file``, the shard);
    ``text`` fills a withheld text, and the span texts are cut from it."""
    data = {k: v for k, v in row.items() if k not in _DERIVED}
    full = text if text is not None else data.get("text")
    if isinstance(full, str) and (reason := _derived_mismatch(row, full)):
        raise NewsannoError(
            [
                problem(
                    "not-a-release", file=file, doc_id=str(row.get("id")), path=file, reason=reason
                )
            ]
        )
    for path in JSON_PATHS:
        _apply(data, path, orjson.loads)
    if text is not None:
        data["text"] = text
        for span in _span_dicts(data):
            span["text"] = text[span["start"] : span["end"]]
    return checked_document(data, file)


def _derived_mismatch(row: Row, text: str) -> str:
    """Why the row's ``text_length`` or ``text_sha256`` is not its text's ("" when both are,
    or the row has neither): a row that lies about its text is no row of a build."""
    if "text_length" in row and row["text_length"] != len(text):
        return f"text_length {row['text_length']!r} is not the length of the text ({len(text)})"
    if "text_sha256" in row and row["text_sha256"] != sha256_text(text):
        return f"text_sha256 {row['text_sha256']!r} is not the sha256 of the text"
    return ""


def _span_dicts(data: Row) -> Iterator[Row]:
    """Every text-carrying span of a dumped document, cues included, as its dict."""
    return (span for spec in layer_table() for a in data[spec.name] for span in spec.spans(a))


def _apply(data: Row, path: tuple[str, ...], convert: Any) -> None:
    *parents, last = path
    for key in parents:
        data = data.get(key)  # type: ignore[assignment]
        if data is None:
            return
    data[last] = convert(data[last])


def ner_rows(doc: Document, units: list[Interval] | None = None) -> tuple[list[Row], list[Problem]]:
    """One row per sentence where entities were annotated: tokens (cut at every annotation
    boundary), BIO tag ids of the name mentions, offsets. Nominals and pronouns serve
    coreference, not NER; a sentence outside the entities layer's regions is not gold "O" tags,
    so it is left out and reported."""
    text = doc.text
    cuts = {x for _, _, s in layer_spans(doc) for x in (s.start, s.end)}
    cuts.update(x for z in doc.zones for x in (z.start, z.end))
    starts, ends, words = token_columns(text, cuts)
    names = [m for m in doc.entities if m.mention_type == "name"]
    kept, problems = select_mentions(doc.id, names)
    tags, unaligned = bio_tags(doc.id, starts, ends, kept)
    problems += unaligned + split_words(doc.id, text, kept)
    regions = layer_status(doc, "entities")
    rows: list[Row] = []
    for start, end in doc_sentences(doc) if units is None else units:
        i, j = bisect_left(starts, start), bisect_left(starts, end)
        if i == j:
            continue
        status = status_of(regions, starts[i], ends[j - 1])
        if status is None:
            problems.append(
                problem("ner-outside-scope", doc_id=doc.id, start=starts[i], end=ends[j - 1])
            )
            continue
        rows.append(
            {
                "id": f"{doc.id}:{len(rows)}",
                "document_id": doc.id,
                "tokens": words[i:j],
                "ner_tags": tags[i:j],
                "token_starts": starts[i:j],
                "token_ends": ends[i:j],
                "status": status,
            }
        )
    return rows, problems


def layer_status(doc: Document, layer: str) -> list[tuple[int, int, str]]:
    """(start, end, status) of every region of ``layer``, the whole text when a declaration
    gives no regions; the status is the declaration's, else the document's."""
    out = []
    for scope in doc.annotation.layers:
        if scope.layer != layer:
            continue
        status = scope.status or doc.annotation.status
        if scope.regions is None:
            out.append((0, len(doc.text), status))
        else:
            out += [(r.start, r.end, status) for r in scope.regions]
    return sorted(out)


def whole_status(regions: list[tuple[int, int, str]], length: int) -> str | None:
    """The status of a layer whose one region is the whole text (the common case: every
    annotation has it), else None."""
    if len(regions) == 1 and regions[0][:2] == (0, length):
        return regions[0][2]
    return None


def status_of(regions: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The status of the region holding [start, end), None when no region holds it."""
    i = bisect_left(regions, (start + 1,)) - 1
    if i >= 0 and regions[i][0] <= start and end <= regions[i][1]:
        return regions[i][2]
    return None


CONTEXT_MARGIN = 2000
"""Characters of a context kept on either side of its annotation (a quote with its cue): a
sentence or line of a document that has no sentence end (a scraped page in one line) is not
copied whole into every row that touches it."""


def quote_extent(q: Quote) -> Interval:
    """The quote with its cue: the row gives offsets of both into its context, so the context
    must hold both (a cue often stands on the line before or after the quote)."""
    if q.cue is None:
        return q.start, q.end
    return min(q.start, q.cue.start), max(q.end, q.cue.end)


def _context(
    doc: Document,
    span: Span,
    units: list[Interval],
    starts: list[int],
    regions: list[tuple[int, int, str]],
    extent: Interval | None = None,
) -> Row:
    """The unit(s) (lines or sentences) around ``extent`` (every span the row gives offsets
    for; the span alone by default), trimmed and cut at :data:`CONTEXT_MARGIN` on either side
    of it, with the span's offsets in it, and the status of the region the span lies in."""
    lo, hi = (span.start, span.end) if extent is None else extent
    start, end = enclosing(units, lo, hi, starts)
    start, end = trim(doc.text, start, end)
    start = max(min(start, lo), lo - CONTEXT_MARGIN)
    end = min(max(end, hi), hi + CONTEXT_MARGIN)
    return {
        "id": f"{doc.id}:{span.id}",  # type: ignore[attr-defined]
        "document_id": doc.id,
        "annotation_id": span.id,  # type: ignore[attr-defined]
        "context": doc.text[start:end],
        "context_start": start,
        "start": span.start - start,
        "end": span.end - start,
        "text": span.text,
        "status": status_of(regions, span.start, span.end),
    }


def _names(doc: Document) -> dict[str, tuple[str, str]]:
    """Cluster id -> (name, label) of its longest mention (the first listed among equals)."""
    best: dict[str, Any] = {}
    for m in doc.entities:
        if m.entity is not None:
            cur = best.get(m.entity)
            if cur is None or len(m.text) > len(cur.text):
                best[m.entity] = m
    return {k: (m.text, m.label) for k, m in best.items()}


def quote_rows(doc: Document) -> list[Row]:
    units, names = lines(doc.text), _names(doc)
    starts = [s for s, _ in units]
    regions = layer_status(doc, "quotes")
    rows = []
    for q in doc.quotes:
        name, label = names.get(q.speaker or "", (None, None))
        context = _context(doc, q, units, starts, regions, quote_extent(q))
        base = context["context_start"]
        rows.append(
            {
                **context,
                "type": q.type,
                "cue_start": None if q.cue is None else q.cue.start - base,
                "cue_end": None if q.cue is None else q.cue.end - base,
                "cue_text": None if q.cue is None else q.cue.text,
                "speaker": q.speaker,
                "speaker_name": name,
                "speaker_label": label,
                "speaker_reason": q.speaker_reason,
                "speaker_explicit": q.speaker_explicit,
            }
        )
    return rows


def claim_rows(doc: Document) -> list[Row]:
    units, names = lines(doc.text), _names(doc)
    starts = [s for s, _ in units]
    regions = layer_status(doc, "claims")
    rows = []
    for c in doc.claims:
        name, label = names.get(c.claimant, (None, None))
        rows.append(
            {
                **_context(doc, c, units, starts, regions),
                "claimant": c.claimant,
                "claimant_name": name,
                "claimant_label": label,
                "reported_by": c.reported_by,
                "relations": [{"type": r.type, "target": r.target} for r in c.relations],
            }
        )
    return rows


def date_rows(doc: Document, units: list[Interval] | None = None) -> list[Row]:
    units = doc_sentences(doc) if units is None else units
    starts = [s for s, _ in units]
    values = {t.id: t.value for t in doc.dates}
    regions = layer_status(doc, "dates")
    rows = []
    for t in doc.dates:
        anchor_value = doc.meta.published if t.anchor == DOCUMENT_ANCHOR else values.get(t.anchor)
        rows.append(
            {
                **_context(doc, t, units, starts, regions),
                "type": t.type,
                "value": t.value,
                "mod": t.mod,
                "anchor": t.anchor,
                "anchor_value": anchor_value,
                "published": doc.meta.published,
            }
        )
    return rows
