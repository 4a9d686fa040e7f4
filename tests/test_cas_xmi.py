"""UIMA CAS XMI (INCEpTION) export/import through dkpro-cassis."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SMALL_TEXT, small_doc_dict, through
from newsanno.formats import exporter, importer
from newsanno.formats.cas_xmi import document_to_cas, typesystem
from newsanno.model import Document

cassis = pytest.importorskip("cassis", reason="the 'inception' extra is not installed")
TS = typesystem()
TS_XML = TS.to_xml()


def test_xmi_counts_utf16_and_uses_the_dkpro_named_entity(small_doc: Document) -> None:
    xmi = document_to_cas(small_doc, TS).to_xmi()
    ne = re.search(r"<type:NamedEntity [^>]*begin=\"(\d+)\" end=\"(\d+)\" [^>]*>", xmi)
    assert ne is not None and ne.group(1, 2) == ("0", "6")
    assert 'value="GPE"' in ne.group(0) and 'metonymy="true"' in ne.group(0)


def test_emoji_before_a_span_shifts_utf16_offsets_in_the_file(tmp_path: Path) -> None:
    data = small_doc_dict("\U0001f600 " + SMALL_TEXT)
    doc = Document.model_validate(data)
    xmi = document_to_cas(doc, TS).to_xmi()
    # "Moscow" is [2, 8) in code points, [3, 9) in UTF-16 code units as UIMA counts them.
    assert re.search(r'<type:NamedEntity [^>]*begin="3" end="9"', xmi)
    assert through("inception", doc, tmp_path) == doc


def test_an_offset_inside_a_surrogate_pair_is_refused(tmp_path: Path) -> None:
    """Regression: cassis kept such an offset as a code point offset, with only a warning, and
    the span moved onto the emoji."""
    from newsanno.corpus import write_document
    from newsanno.corpus.writer import init_corpus

    doc = Document.model_validate(small_doc_dict("\U0001f600 " + SMALL_TEXT))
    corpus, out = tmp_path / "corpus", tmp_path / "inception"
    init_corpus(corpus, "t")
    write_document(corpus, doc)
    exporter("inception")(corpus, out)
    xmi = out / f"{doc.id}.xmi"
    data = xmi.read_text(encoding="utf-8")
    xmi.write_text(re.sub(r'begin="3" end="9"', 'begin="0" end="1"', data, count=1), "utf-8")
    report = importer("inception")(out, corpus)
    assert [p.code for p in report.problems] == ["import-malformed", "import-incomplete"]
    assert "surrogate pair" in report.problems[0].message


def test_folder_round_trip_and_changed_text(small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "inception"
    report = exporter("inception")(small_corpus, out)
    assert report.documents == 1 and (out / "TypeSystem.xml").exists()
    assert importer("inception")(out, small_corpus).problems == []
    xmi = out / "small-doc.xmi"
    xmi.write_text(xmi.read_text(encoding="utf-8").replace("denies it", "denied it"), "utf-8")
    report = importer("inception")(out, small_corpus)
    assert [(p.code, p.doc_id) for p in report.problems] == [
        ("import-text-mismatch", "small-doc"),
        ("import-incomplete", ""),
    ]
