"""newsanno predict / evaluate end to end on real corpus files."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from conftest import CORPUS
from newsanno.cli import main
from newsanno.corpus import read_documents, sha256_text
from newsanno.errors import NewsannoError
from newsanno.evaluate import evaluate, write_predictions
from newsanno.model import Document


def _gold_as_predictions(corpus: Path, out: Path) -> None:
    write_predictions(read_documents(corpus), out)


def test_gold_as_predictions_scores_one_everywhere(small_corpus: Path, tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    _gold_as_predictions(small_corpus, pred)
    ev = evaluate(small_corpus, pred, bootstrap=50)
    assert set(ev.layers) == {"entities", "quotes", "claims", "dates"}
    for key, counts in ev.counts.items():
        f = counts.figures()
        assert (f["precision"], f["recall"], f["f1"]) == (1.0, 1.0, 1.0), key
    assert ev.intervals["entities/strict"] == (1.0, 1.0)


def test_seed_gold_as_predictions_scores_one(tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    _gold_as_predictions(CORPUS, pred)
    ev = evaluate(CORPUS, pred, bootstrap=0)
    scored = [c for c in ev.counts.values() if c.cor + c.inc + c.par + c.mis + c.spu]
    assert scored and all(c.figures()["f1"] == 1.0 for c in scored)


def test_empty_predictions_score_zero_recall(small_corpus: Path, tmp_path: Path) -> None:
    gold = next(read_documents(small_corpus))
    empty = {
        "id": gold.id,
        "text_sha256": sha256_text(gold.text),
        "annotation": {"layers": [{"layer": x} for x in ("entities", "quotes", "claims", "dates")]},
    }
    pred = tmp_path / "pred.jsonl"
    pred.write_bytes(orjson.dumps(empty) + b"\n")
    ev = evaluate(small_corpus, pred, bootstrap=0)
    assert ev.counts
    for key, counts in ev.counts.items():
        assert counts.figures()["recall"] == 0.0, key
        assert counts.mis > 0, key


def _only_another_document_predicted(corpus: Path, pred: Path) -> None:
    """A second document in ``corpus``, predicted (with nothing) in ``pred``: the first one has
    no prediction line."""
    from newsanno.corpus import write_document

    gold = next(read_documents(corpus))
    write_document(corpus, gold.model_copy(update={"id": "other-doc"}))
    line = {"id": "other-doc", "text_sha256": sha256_text(gold.text), "dates": []}
    pred.write_bytes(orjson.dumps(line) + b"\n")


def test_missing_prediction_scores_as_empty(small_corpus: Path, tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    _only_another_document_predicted(small_corpus, pred)
    ev = evaluate(small_corpus, pred, ["dates"], bootstrap=0, split=None)
    assert ev.unpredicted == ["small-doc"]
    assert ev.figure("dates/relaxed")["recall"] == 0.0


def test_prediction_on_another_text_is_refused(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = next(read_documents(small_corpus))
    pred = tmp_path / "pred.jsonl"
    line = {
        "id": gold.id,
        "text_sha256": sha256_text(gold.text + " "),
        "annotation": {"layers": []},
    }
    pred.write_bytes(orjson.dumps(line) + b"\n")
    assert main(["evaluate", "--gold", str(small_corpus), "--pred", str(pred)]) == 1
    err = capsys.readouterr().err
    assert f"{pred}:1:small-doc:" in err
    assert "pred-text-mismatch" in err


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ({"id": "nope", "text_sha256": "0" * 64}, "pred-unknown-document"),
        ({"text_sha256": "0" * 64}, "pred-malformed"),
    ],
)
def test_bad_prediction_lines(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], line: dict, code: str
) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_bytes(orjson.dumps(line) + b"\n")
    assert main(["evaluate", "--gold", str(small_corpus), "--pred", str(pred)]) == 1
    assert code in capsys.readouterr().err


@pytest.mark.parametrize(
    "entity",
    [
        {"start": "0", "end": 3, "label": "GPE"},
        {"start": 3, "end": 3, "label": "GPE"},
        {"start": 0, "end": 10_000, "label": "GPE"},
        {"start": 0, "end": 3, "label": ["GPE"]},
        {"start": 0, "end": 3, "label": "GPE", "mention_type": "NAME"},
        {"start": 0, "end": 3, "label": "GPE", "mention_type": 1},
    ],
)
def test_unscorable_prediction_spans_are_refused(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], entity: dict
) -> None:
    gold = next(read_documents(small_corpus))
    line = {
        "id": gold.id,
        "text_sha256": sha256_text(gold.text),
        "annotation": {"layers": [{"layer": "entities"}]},
        "entities": [{"id": "x", **entity}],
    }
    pred = tmp_path / "pred.jsonl"
    pred.write_bytes(orjson.dumps(line) + b"\n")
    assert main(["evaluate", "--gold", str(small_corpus), "--pred", str(pred)]) == 1
    assert f"{pred}:1:small-doc:: pred-malformed: entities 'x'" in capsys.readouterr().err


@pytest.mark.parametrize("layer", ["entities", "quotes", "claims", "dates"])
@pytest.mark.parametrize("item", ["x", [1, 2]])
def test_an_annotation_that_is_no_object_is_malformed(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], layer: str, item: object
) -> None:
    """Regression: a string or a list in place of a quote stopped evaluate with a traceback."""
    gold = next(read_documents(small_corpus))
    line = {
        "id": gold.id,
        "text_sha256": sha256_text(gold.text),
        "annotation": {"layers": [{"layer": layer}]},
        layer: [item],
    }
    pred = tmp_path / "pred.jsonl"
    pred.write_bytes(orjson.dumps(line) + b"\n")
    assert main(["evaluate", "--gold", str(small_corpus), "--pred", str(pred)]) == 1
    assert f"{pred}:1:small-doc:: pred-malformed" in capsys.readouterr().err


def test_duplicate_prediction_is_refused(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pred = tmp_path / "pred.jsonl"
    _gold_as_predictions(small_corpus, pred)
    pred.write_bytes(pred.read_bytes() * 2)
    assert main(["evaluate", "--gold", str(small_corpus), "--pred", str(pred)]) == 1
    assert "pred-duplicate-document" in capsys.readouterr().err


def test_predict_then_evaluate_json_and_errors(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pred, errors = tmp_path / "pred.jsonl", tmp_path / "errors.tsv"
    assert (
        main(["predict", "--extractor", "dates", "--corpus", str(small_corpus), "--out", str(pred)])
        == 0
    )
    line = json.loads(pred.read_text())
    assert line["annotation"]["status"] == "silver"
    capsys.readouterr()
    args = ["evaluate", "--gold", str(small_corpus), "--pred", str(pred), "--format", "json"]
    assert main([*args, "--errors", str(errors), "--bootstrap", "20"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["layers"] == ["dates"]
    # gold: "Wednesday" only; the rules find it with the same value
    assert report["figures"]["dates/value"]["cor"] == 1
    assert report["figures"]["dates/relaxed"]["ci95"] == [1.0, 1.0]
    assert errors.read_text() == "id\tlayer\tkind\tspan\tcontext\tdetail\n"


def test_errors_listing_shows_misses_in_context(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pred = tmp_path / "pred.jsonl"
    _only_another_document_predicted(small_corpus, pred)
    args = ["evaluate", "--gold", str(small_corpus), "--pred", str(pred), "--layers", "dates"]
    assert main([*args, "--errors", "-", "--bootstrap", "0", "--split", "all"]) == 0
    out = capsys.readouterr().out
    assert "small-doc\tdates\tmissed\t[" in out
    assert "[[Wednesday]]" in out


def test_errors_listing_escapes_what_the_text_would_make_a_terminal_or_a_reader_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import SMALL_TEXT, small_doc_dict
    from newsanno.corpus import write_document

    hostile = "\r\x1b[2J\x1b[31m\u2028\u202e"
    text = SMALL_TEXT.replace("On\u00a0", f"On{hostile}\t\n")
    corpus, pred = tmp_path / "corpus", tmp_path / "pred.jsonl"
    write_document(corpus, Document.model_validate(small_doc_dict(text)))
    _only_another_document_predicted(corpus, pred)
    args = ["evaluate", "--gold", str(corpus), "--pred", str(pred), "--layers", "dates"]
    listing = tmp_path / "errors.tsv"
    for to in (str(listing), "-"):
        assert main([*args, "--errors", to, "--bootstrap", "0", "--split", "all"]) == 0
    written = capsys.readouterr().out
    for out in (listing.read_text(encoding="utf-8"), written):
        (row,) = [r for r in out.splitlines() if r.startswith("small-doc\t")]  # CR, U+2028 split
        assert len(row.split("\t")) == 6
        assert row.replace("\t", "").isprintable()
        context = row.split("\t")[4]
        assert "On\\r\\x1b[2J\\x1b[31m\\u2028\\u202e  [[Wednesday]]" in context


def test_a_reader_that_closes_the_pipe_ends_the_listing_quietly(
    small_corpus: Path, tmp_path: Path
) -> None:
    """`newsanno evaluate --errors - | head`: head exits, the command ends without a word."""
    import os
    import subprocess
    import sys

    pred = tmp_path / "pred.jsonl"
    _only_another_document_predicted(small_corpus, pred)
    cmd = [sys.executable, "-m", "newsanno", "evaluate", "--gold", str(small_corpus)]
    cmd += ["--pred", str(pred), "--errors", "-", "--bootstrap", "0", "--split", "all"]
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line is written
    try:
        done = subprocess.run(cmd, stdout=write, stderr=subprocess.PIPE, text=True, check=False)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (141, "")


def test_perfect_predictions_through_a_document_model(small_doc: Document, tmp_path: Path) -> None:
    """write_predictions takes any Documents, e.g. an extractor's output."""
    corpus = tmp_path / "c"
    from newsanno.corpus import write_document

    write_document(corpus, small_doc)
    pred = tmp_path / "p.jsonl"
    write_predictions(iter([small_doc]), pred)
    assert evaluate(corpus, pred, ["entities"], bootstrap=0).figure("entities/strict")["f1"] == 1.0


def test_gold_from_a_release(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsanno.release import build_release

    pred = tmp_path / "pred.jsonl"
    _gold_as_predictions(CORPUS, pred)
    release = build_release(CORPUS, tmp_path / "dist", quiet=True)
    ev = evaluate(release, pred, bootstrap=0)
    assert ev.documents == evaluate(CORPUS, pred, bootstrap=0).documents >= 1
    scored = [c for c in ev.counts.values() if c.cor + c.inc + c.par + c.mis + c.spu]
    assert scored and all(c.figures()["f1"] == 1.0 for c in scored)
    public = build_release(CORPUS, tmp_path / "dist", public=True, quiet=True)
    assert main(["evaluate", "--gold", str(public), "--pred", str(pred)]) == 1
    assert "gold-not-found" in capsys.readouterr().err


def test_markdown_report_lists_figures_in_layer_order(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pred = tmp_path / "pred.jsonl"
    _gold_as_predictions(small_corpus, pred)
    assert main(["evaluate", "--gold", str(small_corpus), "--pred", str(pred)]) == 0
    rows = [r.split(" | ")[0][2:] for r in capsys.readouterr().out.splitlines() if r[:2] == "| "]
    figures = [r for r in rows if "/" in r]
    assert figures[:2] == ["entities/strict", "entities/exact"]
    assert (
        figures.index("quotes/exact")
        < figures.index("claims/exact")
        < figures.index("dates/strict")
    )
    assert "PERSON" in rows and "GPE" in rows  # the per-label table


def test_trusted_gold_gives_the_same_figures_and_still_checks_the_text(
    small_corpus: Path, tmp_path: Path
) -> None:
    pred = tmp_path / "pred.jsonl"
    _gold_as_predictions(small_corpus, pred)
    checked = evaluate(small_corpus, pred, bootstrap=0)
    trusted = evaluate(small_corpus, pred, bootstrap=0, validate_gold=False)
    assert trusted.counts == checked.counts
    text = small_corpus / "articles" / "small-doc.txt"
    text.write_text(text.read_text(encoding="utf-8") + "!", encoding="utf-8")
    with pytest.raises(NewsannoError) as e:
        evaluate(small_corpus, pred, bootstrap=0, validate_gold=False)
    assert e.value.problems[0].code == "text-changed"


def test_a_layer_named_where_an_object_belongs_says_what_belongs_there(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: ``"layers": ["dates"]`` was "string indices must be integers"."""
    gold = next(read_documents(small_corpus))
    line = {
        "id": gold.id,
        "text_sha256": sha256_text(gold.text),
        "annotation": {"layers": ["dates"]},
    }
    pred = tmp_path / "pred.jsonl"
    pred.write_bytes(orjson.dumps({**line, "dates": []}) + b"\n")
    assert main(["evaluate", "--gold", str(small_corpus), "--pred", str(pred)]) == 1
    err = capsys.readouterr().err
    assert "pred-malformed: annotation must be an object with a list 'layers' of objects" in err
    assert '{"layer": "dates"}' in err
    # a layer named by something other than a string stopped evaluate with a TypeError
    pred.write_bytes(orjson.dumps({**line, "annotation": {"layers": [{"layer": 5}]}}) + b"\n")
    assert main(["evaluate", "--gold", str(small_corpus), "--pred", str(pred)]) == 1
    assert "pred-malformed: annotation must be an object" in capsys.readouterr().err


def test_equal_mentions_with_and_without_a_cluster_are_scored(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: two predicted mentions with the same span and label, one in a cluster and
    one not, stopped evaluate with a TypeError (None compared with a string when sorting)."""
    gold = next(read_documents(small_corpus))
    m = gold.entities[0]
    same = {"start": m.start, "end": m.end, "label": m.label}
    line = {
        "id": gold.id,
        "text_sha256": sha256_text(gold.text),
        "annotation": {"layers": [{"layer": "entities"}]},
        "entities": [{"id": "p1", "entity": "e1", **same}, {"id": "p2", **same}],
    }
    pred = tmp_path / "pred.jsonl"
    pred.write_bytes(orjson.dumps(line) + b"\n")
    assert main(["evaluate", "--gold", str(small_corpus), "--pred", str(pred)]) == 0
    assert "entities/strict" in capsys.readouterr().out


@pytest.mark.parametrize("ident", [5, None])
def test_a_mention_id_that_is_no_string_is_refused(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], ident: object
) -> None:
    """Regression: ids of mixed kinds (a string and a number) stopped evaluate with a
    TypeError when speakers' clusters were mapped."""
    gold = next(read_documents(small_corpus))
    line = {
        "id": gold.id,
        "text_sha256": sha256_text(gold.text),
        "annotation": {"layers": [{"layer": "entities"}]},
        "entities": [
            {"id": "x", "start": 0, "end": 3, "label": "GPE"},
            {"id": ident, "start": 0, "end": 3, "label": "GPE"},
        ],
    }
    pred = tmp_path / "pred.jsonl"
    pred.write_bytes(orjson.dumps(line) + b"\n")
    assert main(["evaluate", "--gold", str(small_corpus), "--pred", str(pred)]) == 1
    assert f"pred-malformed: entities {ident!r}: id {ident!r} is invalid" in capsys.readouterr().err
