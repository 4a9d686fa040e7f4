"""brat standoff: fragments at newlines, notes and relations, round trips, refused texts."""

from __future__ import annotations

from pathlib import Path

from conftest import small_doc_dict, through
from newsanno.corpus import load_document
from newsanno.corpus.layout import annotation_path
from newsanno.formats import exporter, importer
from newsanno.formats.brat import annotation_conf, document_to_ann, fragments
from newsanno.model import Document
from newsanno.model.document import Cue


def test_fragments_cut_at_newlines() -> None:
    text = "ab\n\ncd\ne"
    assert fragments(text, 0, 8) == [(0, 2), (4, 6), (7, 8)]
    assert fragments(text, 2, 4) == [(2, 4)]


def test_small_document_lines(small_doc: Document) -> None:
    ann = document_to_ann(small_doc).splitlines()
    # "Moscow" is [0, 6), labelled GPE, with its id and cluster in a note, metonymy an attribute.
    # T1 is the headline zone (with its note and kind), so the mention is T2 on line 4.
    assert ann[3] == "T2\tGPE 0 6\tMoscow"
    assert ann[4] == '#2\tAnnotatorNotes T2\t{"id":"m1","entity":"russia"}'
    assert "A3\tMetonymy T2" in ann
    # the quote's speaker is the first mention of cluster peskov (T3, "Dmitry Peskov").
    assert any(line.endswith("\tSpeaker Arg1:T4 Arg2:T3") for line in ann)


def test_conf_declares_every_type() -> None:
    conf = annotation_conf()
    assert "\nQuote\n" in conf and "\nTimex\n" in conf and "\nPERSON\n" in conf
    assert "QuoteType\tArg:Quote, Value:direct|indirect|mixed" in conf


def test_annotation_made_in_brat_gets_an_id_and_a_cluster(small_corpus: Path, tmp_path) -> None:
    doc = load_document(annotation_path(small_corpus, "small-doc")).document
    assert doc is not None
    start = doc.text.index("Peskov")
    out = tmp_path / "brat"
    exporter("brat")(small_corpus, out)
    ann = out / "small-doc.ann"
    ann.write_text(ann.read_text() + f"T99\tPERSON {start} {start + 6}\tPeskov\n")
    report = importer("brat")(out, small_corpus)
    assert report.problems == [] and report.documents == 1
    back = load_document(annotation_path(small_corpus, "small-doc")).document
    assert back is not None
    new = [m for m in back.entities if m.start == start]
    assert [(m.id, m.label, m.text) for m in new] == [("m3", "PERSON", "Peskov")]


def test_import_refuses_a_changed_text(small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    exporter("brat")(small_corpus, out)
    txt = out / "small-doc.txt"
    txt.write_text(txt.read_text().replace("Moscow", "Moskva"))
    before = annotation_path(small_corpus, "small-doc").read_bytes()
    report = importer("brat")(out, small_corpus)
    assert [(p.code, p.doc_id) for p in report.problems] == [
        ("import-text-mismatch", "small-doc"),
        ("import-incomplete", ""),
    ]
    assert annotation_path(small_corpus, "small-doc").read_bytes() == before


def test_import_refuses_a_span_whose_text_does_not_match(small_corpus: Path, tmp_path) -> None:
    out = tmp_path / "brat"
    exporter("brat")(small_corpus, out)
    ann = out / "small-doc.ann"
    ann.write_text(ann.read_text().replace("T2\tGPE 0 6\tMoscow", "T2\tGPE 1 7\tMoscow"))
    report = importer("brat")(out, small_corpus)
    assert [p.code for p in report.problems] == ["import-malformed", "import-incomplete"]
    assert report.documents == 0


def test_unknown_document_is_refused(tmp_path: Path, small_corpus: Path) -> None:
    doc = Document.model_validate({**small_doc_dict(), "id": "elsewhere"})
    src = tmp_path / "elsewhere.ann"
    src.write_text(document_to_ann(doc))
    report = importer("brat")(src, small_corpus)
    assert [p.code for p in report.problems] == ["import-unknown-document", "import-incomplete"]


def test_cue_ending_in_a_newline_keeps_its_extent(small_doc: Document, tmp_path: Path) -> None:
    """Regression: a cue's exact extent was read from its fragments, losing the newline."""
    text = small_doc.text
    nl = text.index("\n")
    cue = Cue(start=nl - 3, end=nl + 1, text=text[nl - 3 : nl + 1])
    quote = small_doc.quotes[0].model_copy(update={"cue": cue})
    doc = Document.model_validate({**small_doc.model_dump(), "quotes": [quote.model_dump()]})
    assert through("brat", doc, tmp_path) == doc


def test_relations_and_attributes_outside_the_conf_are_coded(small_corpus: Path, tmp_path) -> None:
    out = tmp_path / "brat"
    exporter("brat")(small_corpus, out)
    ann = out / "small-doc.ann"
    ann.write_text(ann.read_text() + "R99\tEquiv Arg1:T2 Arg2:T3\nA99\tNegated T2\n")
    report = importer("brat")(out, small_corpus)
    assert [p.code for p in report.problems] == [
        "import-malformed",
        "import-malformed",
        "import-incomplete",
    ]
    assert "'Equiv'" in report.problems[0].message and report.documents == 0
