"""Pre-annotation: silver layers with the extractor's provenance, gold never touched."""

from __future__ import annotations

from pathlib import Path

import orjson

from conftest import SMALL_TEXT
from newsanno.cli import main
from newsanno.corpus import load_document, write_document
from newsanno.corpus.layout import MANIFEST, annotation_path
from newsanno.extractors import Extractor
from newsanno.extractors.preannotate import preannotate
from newsanno.ingest import add_article
from newsanno.model import Document
from newsanno.model.document import EntityMention


class Capitals:
    """Tags every 'Moscow' as a GPE: enough to see what preannotate does with the output."""

    name = "capitals"
    version = "0.3"
    layers = ("entities",)

    def predict(self, doc: Document) -> Document:
        start = doc.text.find("Moscow")
        found = [] if start < 0 else [(start, start + 6)]
        mentions = [
            EntityMention(id=f"m{i}", start=s, end=e, text="Moscow", label="GPE")
            for i, (s, e) in enumerate(found, 1)
        ]
        return doc.model_copy(update={"entities": mentions})


def _corpus(tmp_path: Path, small_doc: Document) -> Path:
    corpus = tmp_path / "corpus"
    write_document(corpus, small_doc)
    (corpus / MANIFEST).write_bytes(
        orjson.dumps({"name": "t", "version": "0.1.0", "description": "t", "license": "CC0-1.0"})
    )
    new = tmp_path / "new.txt"
    new.write_text("Moscow again.\n" + SMALL_TEXT[:5], encoding="utf-8")
    add_article(corpus, new, meta={"title": "New"}, doc_id="new")
    return corpus


def test_new_documents_get_silver_layers_and_gold_is_kept(tmp_path: Path, small_doc) -> None:
    corpus = _corpus(tmp_path, small_doc)
    assert isinstance(Capitals(), Extractor)
    result = preannotate(corpus, Capitals())
    assert (result.documents, dict(result.annotations)) == (1, {"entities": 1})
    assert dict(result.skipped) == {"gold documents (never overwritten)": 1}
    doc = load_document(annotation_path(corpus, "new")).document
    assert doc is not None
    assert [(m.start, m.end, m.text) for m in doc.entities] == [(0, 6, "Moscow")]
    assert doc.annotation.status == "silver"
    assert (doc.annotation.tool, doc.annotation.annotators) == ("capitals 0.3", ["capitals"])
    assert [s.layer for s in doc.annotation.layers] == ["entities"]
    assert doc.meta.title == "New"
    assert load_document(annotation_path(corpus, "small-doc")).document == small_doc


def test_silver_is_redone_only_when_asked(tmp_path: Path, small_doc) -> None:
    corpus = _corpus(tmp_path, small_doc)
    preannotate(corpus, Capitals())
    again = preannotate(corpus, Capitals(), ids=["new"])
    assert again.documents == 0 and sum(again.skipped.values()) == 1
    assert preannotate(corpus, Capitals(), ids=["new"], overwrite_silver=True).documents == 1


def test_cli_runs_a_registered_extractor(tmp_path: Path, small_doc, capsys) -> None:
    corpus = _corpus(tmp_path, small_doc)
    assert main(["preannotate", "--corpus", str(corpus), "--extractor", "quotes"]) == 0
    assert "pre-annotated 1 documents" in capsys.readouterr().out


def test_an_unknown_id_is_refused_before_anything_is_written(
    tmp_path: Path, small_doc, capsys
) -> None:
    corpus = _corpus(tmp_path, small_doc)
    before = annotation_path(corpus, "new").read_bytes()
    args = ["preannotate", "--corpus", str(corpus), "--extractor", "quotes", "new", "nosuch"]
    assert main(args) == 1
    assert f"{corpus}:nosuch:: unknown-document: " in capsys.readouterr().err
    assert annotation_path(corpus, "new").read_bytes() == before
