"""CoNLL-2003 style BIO export/import of entity names."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings

from conftest import small_doc_dict
from newsanno.corpus import load_document, write_document
from newsanno.corpus.layout import annotation_path
from newsanno.formats import Report, exporter, importer
from newsanno.formats.conll import conll_to_spans, document_to_conll
from newsanno.formats.entity_tags import merge_tagged, taggable
from newsanno.model import Document
from strategies import name_documents


def test_small_document_tags(small_doc: Document) -> None:
    lines = document_to_conll(small_doc).splitlines()
    assert lines[:7] == [
        "-DOCSTART- -X- -X- O",
        "",
        "Moscow _ _ B-GPE",
        "denies _ _ O",
        "it _ _ O",
        ". _ _ O",
        "",
    ]
    # the no-break space between "On" and "Wednesday" separates tokens but is not written.
    assert lines[7:11] == [
        "On _ _ O",
        "Wednesday _ _ O",
        "Dmitry _ _ B-PERSON",
        "Peskov _ _ I-PERSON",
    ]
    assert lines[-2:] == ["\U0001f600 _ _ O", ""]


def test_export_counts_what_conll_cannot_carry(small_doc: Document) -> None:
    report = Report()
    document_to_conll(small_doc, report)
    assert report.not_carried == {
        "zones": 1,
        "quotes": 1,
        "claims": 2,
        "dates": 1,
        "mention ids, clusters, KB ids and metonymy flags": 2,
    }
    assert report.dropped == {"not-carried": 7}  # derived from the problems, one per kind
    assert len(report.problems) == 5


def test_nested_and_pronoun_mentions_are_counted_and_kept_on_import(tmp_path: Path) -> None:
    data = small_doc_dict()
    text = data["text"]
    start = text.index("Peskov")
    data["entities"] += [
        {"id": "m3", "start": start, "end": start + 6, "text": "Peskov", "label": "PERSON"},
        {
            "id": "m4",
            "start": 3,
            "end": 6,
            "text": "cow",
            "label": "GPE",
            "mention_type": "pronoun",
        },
    ]
    doc = Document.model_validate(data)
    report = Report()
    conll = document_to_conll(doc, report)
    assert report.not_carried["nested or overlapping mentions"] == 1
    assert report.not_carried["nominal and pronoun mentions"] == 1
    spans = conll_to_spans(conll, text, "x", doc.id, [])
    assert spans == [(0, 6, "GPE"), (32, 45, "PERSON")]
    assert merge_tagged(doc.entities, spans, text, no_space_edges=True) == [
        m.model_dump() for m in doc.entities
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name_documents())
def test_round_trip_keeps_spans_and_labels(doc: Document) -> None:
    spans = conll_to_spans(document_to_conll(doc), doc.text, "x", doc.id, [])
    carried = taggable(doc.entities, no_space_edges=True)
    assert spans == [(m.start, m.end, m.label) for m in carried]
    merged = merge_tagged(doc.entities, spans, doc.text, no_space_edges=True)
    assert merged == [m.model_dump() for m in doc.entities]


def test_import_adds_a_tagged_name_and_keeps_the_rest(small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "conll"
    exporter("conll")(small_corpus, out)
    path = out / "small-doc.conll"
    path.write_text(path.read_text().replace("it _ _ O", "it _ _ B-ORG"))
    report = importer("conll")(out, small_corpus)
    assert report.problems == [] and report.documents == 1
    doc = load_document(annotation_path(small_corpus, "small-doc")).document
    assert doc is not None
    assert [(m.id, m.text, m.label) for m in doc.entities] == [
        ("m1", "Moscow", "GPE"),
        ("m2", "Dmitry Peskov", "PERSON"),
        ("m3", "it", "ORG"),
    ]
    assert doc.entities[0].entity == "russia" and len(doc.quotes) == 1


def test_import_refuses_tokens_of_another_text(small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "conll"
    exporter("conll")(small_corpus, out)
    path = out / "small-doc.conll"
    path.write_text(path.read_text().replace("denies _ _ O", "denied _ _ O"))
    before = annotation_path(small_corpus, "small-doc").read_bytes()
    report = importer("conll")(out, small_corpus)
    p, incomplete = report.problems
    assert incomplete.code == "import-incomplete"
    assert (p.code, p.doc_id) == ("import-tokens-mismatch", "small-doc")
    # "denies" is the second token (line 4, after the two comment lines) at code point 7
    assert (p.line, p.word, p.found, p.offset) == (4, "denied", "denies", 7)
    assert annotation_path(small_corpus, "small-doc").read_bytes() == before


def test_unknown_document_is_refused(tmp_path: Path, small_corpus: Path) -> None:
    other = Document.model_validate({**small_doc_dict(), "id": "other"})
    write_document(tmp_path / "elsewhere", other)
    exporter("conll")(tmp_path / "elsewhere", tmp_path / "out")
    report = importer("conll")(tmp_path / "out", small_corpus)
    assert [p.code for p in report.problems] == ["import-unknown-document", "import-incomplete"]
