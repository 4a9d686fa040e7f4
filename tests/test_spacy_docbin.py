"""spaCy DocBin export/import: exact text, ents, span groups, lossless through bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import small_doc_dict
from newsanno.corpus import load_document, write_document
from newsanno.corpus.layout import annotation_path
from newsanno.formats import exporter, importer
from newsanno.formats.spacy_docbin import document_to_doc
from newsanno.model import Document

spacy = pytest.importorskip("spacy", reason="the 'spacy' extra is not installed")
from spacy.tokens import DocBin  # noqa: E402

VOCAB = spacy.blank("en").vocab


def test_doc_has_exact_text_ents_and_span_groups(small_doc: Document) -> None:
    sdoc = document_to_doc(small_doc, VOCAB)
    assert sdoc.text == small_doc.text
    assert [(e.text, e.label_, e.id_) for e in sdoc.ents] == [
        ("Moscow", "GPE", "m1"),
        ("Dmitry Peskov", "PERSON", "m2"),
    ]
    assert [(s.text, s.label_) for s in sdoc.spans["quotes"]] == [("talks are dragging", "direct")]
    assert [(s.text, s.id_) for s in sdoc.spans["cues"]] == [("said", "q1")]
    assert [s.label_ for s in sdoc.spans["dates"]] == ["DATE"]
    # the no-break space is a token of its own, the plain spaces are token whitespace.
    assert [t.text for t in sdoc[5:8]] == ["On", "\u00a0", "Wednesday"]


def test_entities_predicted_by_a_model_get_ids(small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "spacy"
    exporter("spacy")(small_corpus, out)
    (sdoc,) = DocBin().from_disk(out / "documents.spacy").get_docs(VOCAB)
    new = sdoc.char_span(sdoc.text.index("it"), sdoc.text.index("it") + 2, label="ORG")
    sdoc.spans["entities"] = [*sdoc.spans["entities"], new]
    DocBin(store_user_data=True, docs=[sdoc]).to_disk(out / "documents.spacy")
    report = importer("spacy")(out, small_corpus)
    assert report.problems == [] and report.documents == 1
    doc = load_document(annotation_path(small_corpus, "small-doc")).document
    assert doc is not None
    assert [(m.id, m.text, m.label) for m in doc.entities][-1] == ("m3", "it", "ORG")


def test_import_refuses_a_changed_text(small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "spacy"
    exporter("spacy")(small_corpus, out)
    (sdoc,) = DocBin().from_disk(out / "documents.spacy").get_docs(VOCAB)
    words = [t.text if t.text != "denies" else "denied" for t in sdoc]
    changed = spacy.tokens.Doc(VOCAB, words=words, spaces=[bool(t.whitespace_) for t in sdoc])
    changed.user_data = sdoc.user_data
    DocBin(store_user_data=True, docs=[changed]).to_disk(out / "documents.spacy")
    report = importer("spacy")(out, small_corpus)
    assert [(p.code, p.doc_id) for p in report.problems] == [
        ("import-text-mismatch", "small-doc"),
        ("import-incomplete", ""),
    ]


def test_export_reports_nothing_dropped(tmp_path: Path) -> None:
    """Regression: names left out of ``doc.ents`` were counted as dropped although the
    ``entities`` span group and user_data carry them."""

    data = small_doc_dict()
    data["entities"].append(
        {"id": "m3", "start": 3, "end": 6, "text": "cow", "label": "GPE", "mention_type": "pronoun"}
    )
    write_document(tmp_path / "c", Document.model_validate(data))
    report = exporter("spacy")(tmp_path / "c", tmp_path / "out")
    assert report.dropped == {} and report.kept["entities"] == 3
