"""Imported real corpora build into releases that credit their sources, and a NER model trains
on such a release (a smoke run on a slice; the full run is scripts/train_ner.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import SHARED
from newsanno.corpus import read_documents
from newsanno.extractors.name_tagger_heldout import names_only
from newsanno.formats import importer
from newsanno.generated import section
from newsanno.release import build

SOURCES = {"meantime": SHARED / "data" / "meantime", "gum": SHARED / "data" / "gum" / "news"}
CREDIT = {"meantime": "NewsReader MEANTIME corpus", "gum": "GUM, the Georgetown University"}


@pytest.fixture(scope="module", params=sorted(SOURCES))
def release(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    name = request.param
    if not SOURCES[name].is_dir():
        pytest.skip(f"{name} not available at {SOURCES[name]} (shared data folder)")
    work = tmp_path_factory.mktemp(name)
    report = importer(name)(SOURCES[name], work / "corpus")
    built = build(work / "corpus", work / "dist", quiet=True, workers=1)
    return name, report, built, work


def test_release_holds_every_imported_document_and_credits_the_source(release) -> None:
    name, report, built, _ = release
    assert built.documents == report.documents > 0
    card = (built.path / "README.md").read_text(encoding="utf-8")
    licenses = section(card, "licenses")
    assert licenses is not None
    rows = [line for line in licenses.splitlines() if CREDIT[name] in line]
    assert len(rows) == 1, "one row per source corpus, not one per article"
    assert "CC-BY-2.5" in rows[0] and "CC-BY-4.0" in rows[0] and "Wikinews" in rows[0]
    assert rows[0].rstrip(" |").endswith(str(report.documents))


def test_names_only_keeps_names() -> None:
    from conftest import small_doc_dict
    from newsanno.model import Document

    raw = small_doc_dict()
    raw["entities"].append(
        {"id": "m3", "start": 0, "end": 6, "text": "Moscow", "label": "GPE", "entity": "x"}
    )
    raw["entities"][2]["mention_type"] = "pronoun"
    doc = names_only(Document.model_validate(raw))
    assert [m.id for m in doc.entities] == ["m1", "m2"]


def test_every_corpus_document_becomes_entity_name_gold() -> None:
    """train_ner.py and the benchmarks score names on gold cut to names: a quote whose speaker
    is only a pronoun must not make that cut invalid."""
    from conftest import CORPUS

    docs = list(read_documents(CORPUS))
    cut = [names_only(d) for d in docs]
    assert all(m.mention_type == "name" for d in cut for m in d.entities)
    assert sum(len(d.entities) for d in cut) > 0


@pytest.mark.slow
def test_ner_trains_and_predicts_on_a_slice(release, tmp_path: Path) -> None:
    pytest.importorskip("spacy", reason="the spacy extra is not installed")
    name, _, built, work = release
    if name != "meantime":
        pytest.skip("one corpus is enough for the smoke run")
    os.environ["HF_HUB_OFFLINE"] = "1"
    from newsanno.extractors.name_tagger import load_release, train
    from newsanno.extractors.name_tagger_heldout import split_documents

    data = load_release(built.path, tmp_path / "hf")
    # MEANTIME annotates sentences 0-6: nothing after them may become training data.
    ends = {d.id: d.annotation.layers[1].regions[0].end for d in read_documents(work / "corpus")}
    assert data["train"] and all(s.ends[-1] <= ends[s.doc_id] for s in data["train"])
    tagged = [t for s in data["train"] for t in s.tags if t != "O"]
    assert tagged and all(t[:2] in ("B-", "I-") for t in tagged)
    model = train(data["train"][:40], data["validation"][:10], epochs=1)
    model.save(tmp_path / "model")
    (doc,) = split_documents(built.path, "test", tmp_path / "hf")[:1]
    pred = type(model).load(tmp_path / "model").predict(doc)
    assert pred.text == doc.text and pred.annotation.status == "silver"
    assert [s.layer for s in pred.annotation.layers] == ["entities"]
