"""Per-layer, per-region provenance: checked by validate, carried into rows, obeyed by evaluate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import SMALL_TEXT, small_doc_dict
from newsanno.corpus import write_document
from newsanno.evaluate import evaluate
from newsanno.model import Document
from newsanno.model.checks import check_document
from newsanno.release.rows import config_rows

HEADLINE = (0, 17)  # "Moscow denies it."
REST = (17, len(SMALL_TEXT))


def split_entities(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """The small document with its entities layer declared in two parts."""
    d = small_doc_dict()
    layers = [s for s in d["annotation"]["layers"] if s["layer"] != "entities"]
    layers += [
        {"layer": "entities", "regions": [{"start": HEADLINE[0], "end": HEADLINE[1]}], **first},
        {"layer": "entities", "regions": [{"start": REST[0], "end": REST[1]}], **second},
    ]
    d["annotation"]["layers"] = layers
    return d


def codes(d: dict[str, Any]) -> list[str]:
    doc = Document.model_validate(d)
    return [p.code for p in check_document(doc)]


def test_a_layer_declared_in_disjoint_parts_by_different_hands_is_valid() -> None:
    d = split_entities(
        {"method": "imported", "source": "a corpus", "annotators": ["them"]},
        {"method": "manual", "annotators": ["us"], "status": "silver"},
    )
    assert codes(d) == []


def test_overlapping_declarations_of_one_layer_are_refused() -> None:
    d = split_entities({}, {})
    d["annotation"]["layers"][-1]["regions"] = [{"start": 10, "end": len(SMALL_TEXT)}]
    assert codes(d) == ["scope-overlap"]
    whole = small_doc_dict()
    whole["annotation"]["layers"].append({"layer": "dates", "regions": [{"start": 0, "end": 5}]})
    assert codes(whole) == ["scope-overlap"]


def test_unchecked_extractor_output_cannot_be_gold() -> None:
    d = split_entities({}, {"method": "automatic"})
    assert codes(d) == ["automatic-gold"]
    d = split_entities({}, {"method": "automatic", "status": "silver"})
    assert codes(d) == []


def test_rows_carry_the_status_of_their_region() -> None:
    d = split_entities({}, {"status": "silver", "method": "automatic"})
    d["annotation"]["layers"] = [
        s if s["layer"] != "quotes" else {"layer": "quotes", "status": "silver"}
        for s in d["annotation"]["layers"]
    ]
    rows, _ = config_rows(Document.model_validate(d), withhold=False)
    statuses = [r["status"] for r in rows["ner"]]
    assert statuses[0] == "gold" and set(statuses[1:]) == {"silver"}
    assert [r["status"] for r in rows["quotes"]] == ["silver"]
    assert {r["status"] for r in rows["claims"]} == {"gold"}
    quote = rows["quotes"][0]
    # every offset of a quotes row counts from its context
    assert quote["context"][quote["cue_start"] : quote["cue_end"]] == "said"
    assert quote["context"][quote["start"] : quote["end"]] == "talks are dragging"


def write_corpus(root: Path, d: dict[str, Any]) -> Path:
    corpus = root / "corpus"
    write_document(corpus, Document.model_validate(d))
    manifest = {"name": "t", "version": "1.0.0", "description": "d", "license": "CC-BY-4.0"}
    (corpus / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return corpus


def write_pred(root: Path, entities: list[dict[str, Any]]) -> Path:
    from newsanno.corpus import sha256_text

    line = {
        "id": "small-doc",
        "text_sha256": sha256_text(SMALL_TEXT),
        "annotation": {
            "annotators": ["x"],
            "status": "silver",
            "guideline_version": "1",
            "layers": [{"layer": "entities"}],
        },
        "entities": entities,
    }
    path = root / "pred.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    return path


def test_evaluate_scores_gold_regions_only_unless_asked(tmp_path: Path) -> None:
    d = split_entities({}, {"status": "silver", "method": "corrected"})
    corpus = write_corpus(tmp_path, d)
    # the prediction finds the headline's name and misses the silver region's
    moscow = d["entities"][0]
    pred = write_pred(tmp_path, [moscow])
    gold_only = evaluate(corpus, pred, ["entities"], bootstrap=0, split="all")
    strict = gold_only.counts["entities/strict"]
    assert (strict.cor, strict.mis) == (1, 0)
    both = evaluate(corpus, pred, ["entities"], bootstrap=0, split="all", include_silver=True)
    strict = both.counts["entities/strict"]
    assert (strict.cor, strict.mis) == (1, 1)


def test_evaluate_scores_the_test_split_by_default_and_says_so(tmp_path: Path) -> None:
    from newsanno.evaluate import as_markdown

    d = small_doc_dict()
    corpus = write_corpus(tmp_path, d)
    pred = write_pred(tmp_path, d["entities"])
    # no document of the small corpus is in test: the default scores every document
    ev = evaluate(corpus, pred, ["entities"], bootstrap=0)
    assert (ev.split, ev.documents) == (None, 1)
    assert "1 documents (every split)" in as_markdown(ev)
    (corpus / "splits.json").write_text('{"assigned": {"small-doc": "test"}}', encoding="utf-8")
    ev = evaluate(corpus, pred, ["entities"], bootstrap=0)
    assert (ev.split, ev.documents, ev.outside_split) == ("test", 1, 0)
    (corpus / "splits.json").write_text(
        '{"assigned": {"small-doc": "train", "other": "test"}}', encoding="utf-8"
    )
    ev = evaluate(corpus, pred, ["entities"], bootstrap=0, split="train")
    assert (ev.split, ev.documents) == ("train", 1)


def test_evaluate_of_a_split_ignores_predictions_for_other_splits(tmp_path: Path) -> None:
    d = small_doc_dict()
    corpus = write_corpus(tmp_path, d)
    other = {**small_doc_dict(), "id": "other-doc"}
    write_document(corpus, Document.model_validate(other))
    (corpus / "splits.json").write_text(
        '{"assigned": {"small-doc": "train", "other-doc": "test"}}', encoding="utf-8"
    )
    pred = write_pred(tmp_path, d["entities"])
    ev = evaluate(corpus, pred, ["entities"], bootstrap=0)
    assert (ev.split, ev.documents, ev.outside_split) == ("test", 1, 1)
    assert ev.unpredicted == ["other-doc"]


def test_evaluate_of_a_missing_split_is_a_coded_problem(tmp_path: Path) -> None:
    from newsanno.cli import main

    d = small_doc_dict()
    corpus = write_corpus(tmp_path, d)
    pred = write_pred(tmp_path, d["entities"])
    assert main(["evaluate", "--gold", str(corpus), "--pred", str(pred), "--split", "dev"]) == 1
