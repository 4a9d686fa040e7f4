"""Any valid document survives model -> on-disk JSON -> model unchanged, and any corruption of a
span's offsets is caught."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsanno.corpus import load_document, write_document
from newsanno.corpus.writer import annotation_json
from newsanno.model import Document
from newsanno.model.checks import check_document, layer_spans
from strategies import beyond_edges, documents


@given(doc=documents())
def test_model_json_model(doc: Document) -> None:
    assert Document.model_validate_json(doc.model_dump_json()) == doc


@settings(max_examples=50)
@given(doc=documents())
def test_corpus_files_round_trip(tmp_path_factory, doc: Document) -> None:
    corpus = tmp_path_factory.mktemp("c")
    write_document(corpus, doc)
    loaded = load_document(corpus / "annotations" / f"{doc.id}.json")
    assert beyond_edges(loaded.problems) == []
    assert loaded.document == doc
    assert (corpus / "articles" / f"{doc.id}.txt").read_bytes() == doc.text.encode("utf-8")
    assert annotation_json(loaded.document) == annotation_json(doc)


@given(doc=documents(), data=st.data())
def test_span_corruption_is_caught(doc: Document, data: st.DataObject) -> None:
    spans = list(layer_spans(doc))
    if not spans:
        return
    layer, ann_id, span = data.draw(st.sampled_from(spans))
    shift = data.draw(st.integers(-5, 5).filter(bool))
    start, end = span.start + shift, span.end + shift
    if start < 0:
        return
    corrupted = span.model_copy(update={"start": start, "end": end})
    if end <= len(doc.text) and doc.text[start:end] == span.text:
        return  # the same text occurs at the shifted place: not a corruption
    broken = _replace_span(doc, span, corrupted)
    codes = {(p.code, p.annotation_id) for p in check_document(broken)}
    assert {("span-text-mismatch", ann_id), ("span-out-of-bounds", ann_id)} & codes


def _replace_span(doc: Document, old, new) -> Document:
    def swap(record):
        if record is old:
            return new
        if getattr(record, "cue", None) is old:
            return record.model_copy(update={"cue": new})
        return record

    layers = {
        name: [swap(r) for r in getattr(doc, name)]
        for name in ("entities", "quotes", "claims", "dates")
    }
    return doc.model_copy(update=layers)


def test_written_file_is_one_annotation_per_line(small_corpus: Path) -> None:
    lines = (small_corpus / "annotations" / "small-doc.json").read_text().splitlines()
    assert sum('"id":"m' in line for line in lines) == 2
