"""XML exports of texts holding code points XML 1.0 cannot carry: a coded problem for that
document, the others exported, no traceback and no ill-formed file."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import SMALL_TEXT, small_doc_dict
from newsanno.cli import main
from newsanno.corpus import read_documents, write_document
from newsanno.corpus.writer import init_corpus
from newsanno.formats import exporter, importer
from newsanno.model import Document

pytest.importorskip("cassis", reason="the 'inception' extra is not installed")

# exporter -> the file name of a document's export
FILES = {"timeml": "{}.tml", "inception": "{}.xmi"}
# code points outside XML 1.0's Char production, as found in scraped and PDF-extracted text
NOT_XML = ["\x0c", "\x1b", "\x00", "\x7f\x08", "\ufffe", "\uffff"]


def _corpus(root: Path, *docs: dict) -> Path:
    corpus = root / "corpus"
    init_corpus(corpus, "xml")
    for data in docs:
        write_document(corpus, Document.model_validate(data))
    return corpus


def _doc(doc_id: str, text: str = SMALL_TEXT) -> dict:
    return {**small_doc_dict(text), "id": doc_id}


@pytest.mark.parametrize("fmt", sorted(FILES))
@pytest.mark.parametrize("char", NOT_XML)
def test_a_text_xml_cannot_carry_is_left_out_with_a_coded_problem(
    tmp_path: Path, fmt: str, char: str
) -> None:
    text = SMALL_TEXT.replace("\n\n", f"\n{char}\n")
    at = SMALL_TEXT.index("\n\n") + 1 + (char == "\x7f\x08")  # U+007F is a Char, U+0008 not
    corpus = _corpus(tmp_path, _doc("bad", text), _doc("good"))
    out = tmp_path / "out"
    report = exporter(fmt)(corpus, out)
    errors = [p for p in report.problems if p.severity == "error"]
    assert [(p.code, p.doc_id, p.where, p.offset) for p in errors] == [
        ("xml-unsafe-character", "bad", "the text", at)
    ]
    assert errors[0].code_point == f"U+{ord(char[-1]):04X}"
    assert errors[0].file == str(corpus / "articles" / "bad.txt")
    assert report.documents == 1
    assert not (out / FILES[fmt].format("bad")).exists()
    ET.parse(out / FILES[fmt].format("good"))  # well-formed


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_the_export_command_names_the_document_and_exits_1(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path, _doc("bad", SMALL_TEXT.replace("it.", "it.\x0c")), _doc("good"))
    assert main(["validate", str(corpus)]) == 0
    capsys.readouterr()
    args = ["export", fmt, "--corpus", str(corpus), "--out", str(tmp_path / "out")]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert ":bad:: xml-unsafe-character: the text holds U+000C at 17" in out
    assert (tmp_path / "out" / FILES[fmt].format("good")).exists()


@pytest.mark.parametrize(
    ("fmt", "where"),
    [("timeml", "meta.title"), ("inception", "meta, written as JSON,")],
)
def test_a_title_xml_cannot_carry_is_a_coded_problem(tmp_path: Path, fmt: str, where: str) -> None:
    data = _doc("bad")
    data["meta"] = {**data["meta"], "title": "Moscow\ufffe"}
    corpus = _corpus(tmp_path, data)
    report = exporter(fmt)(corpus, tmp_path / "out")
    (p,) = [p for p in report.problems if p.severity == "error"]
    assert (p.code, p.doc_id, p.where, p.code_point) == (
        "xml-unsafe-character",
        "bad",
        where,
        "U+FFFE",
    )
    assert p.file == str(corpus / "annotations" / "bad.json")


def test_a_form_feed_in_a_timeml_title_is_a_coded_problem(tmp_path: Path) -> None:
    data = _doc("bad")
    data["meta"] = {**data["meta"], "title": "Page\x0c2"}
    report = exporter("timeml")(_corpus(tmp_path, data), tmp_path / "out")
    assert [(p.code, p.where, p.offset) for p in report.problems if p.severity == "error"] == [
        ("xml-unsafe-character", "meta.title", 4)
    ]


def test_a_form_feed_in_an_inception_title_is_carried_escaped_in_json(tmp_path: Path) -> None:
    data = _doc("ff")
    data["meta"] = {**data["meta"], "title": "Page\x0c2"}
    corpus = _corpus(tmp_path, data)
    report = exporter("inception")(corpus, tmp_path / "out")
    assert report.documents == 1 and not report.problems
    importer("inception")(tmp_path / "out", corpus)
    (doc,) = read_documents(corpus)
    assert doc.meta.title == "Page\x0c2"


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_a_crlf_text_round_trips(tmp_path: Path, fmt: str) -> None:
    text = SMALL_TEXT.replace("\n", "\r\n") + "\rOld Mac\rline ends,\ttabs\r\n"
    corpus = _corpus(tmp_path, _doc("crlf", text))
    assert main(["export", fmt, "--corpus", str(corpus), "--out", str(tmp_path / "out")]) == 0
    back = tmp_path / "back"
    if fmt == "timeml":  # TimeML carries the dates only: a new corpus
        assert main(["import", fmt, str(tmp_path / "out"), "--out", str(back)]) == 0
    else:  # annotation tool: back into the corpus, which refuses another text
        back = corpus
        assert main(["import", fmt, str(tmp_path / "out"), "--out", str(back)]) == 0
    (doc,) = read_documents(back)
    assert doc.text == text
