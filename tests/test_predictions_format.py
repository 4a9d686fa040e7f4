"""The prediction format as a user writes it by hand (docs/predictions.md): layers inferred from
the lists present, refused when a line predicts nothing or not what is to be scored."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from conftest import CORPUS, REPO, SEED_ID
from newsanno.cli import main
from newsanno.corpus import load_document, sha256_text
from newsanno.errors import NewsannoError
from newsanno.evaluate.sources import read_predictions


def _seed():  # type: ignore[no-untyped-def]
    return load_document(CORPUS / "annotations" / f"{SEED_ID}.json").document


def _write(path: Path, *lines: dict) -> Path:
    path.write_bytes(b"".join(orjson.dumps(x) + b"\n" for x in lines))
    return path


def _two_mentions(doc) -> list[dict]:  # type: ignore[no-untyped-def]
    return [
        {"start": m.start, "end": m.end, "label": m.label}
        for m in doc.entities
        if m.mention_type == "name"
    ][:2]


@pytest.mark.parametrize("layers", [[], ["--layers", "entities"]])
def test_hand_written_line_without_annotation_scores_its_entities(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], layers: list[str]
) -> None:
    doc = _seed()
    line = {"id": doc.id, "text_sha256": sha256_text(doc.text), "entities": _two_mentions(doc)}
    pred = _write(tmp_path / "p.jsonl", line)
    args = ["evaluate", "--gold", str(CORPUS), "--pred", str(pred), "--split", "all"]
    assert main([*args, "--format", "json", "--bootstrap", "0", *layers]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["layers"] == ["entities"]
    assert out["figures"]["entities/strict"]["cor"] == 2


def test_line_that_predicts_no_layer_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _seed()
    pred = _write(tmp_path / "p.jsonl", {"id": doc.id, "text_sha256": sha256_text(doc.text)})
    assert main(["evaluate", "--gold", str(CORPUS), "--pred", str(pred), "--split", "all"]) == 1
    assert f"{pred}:1:{doc.id}:: pred-no-layers:" in capsys.readouterr().err


@pytest.mark.parametrize("content", [b"", b"\n  \n"])
def test_a_file_without_predictions_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    pred = tmp_path / "p.jsonl"
    pred.write_bytes(content)
    assert main(["evaluate", "--gold", str(CORPUS), "--pred", str(pred), "--split", "all"]) == 1
    assert f"{pred}: pred-empty: " in capsys.readouterr().err


def test_a_device_is_refused_before_it_is_read(capsys: pytest.CaptureFixture[str]) -> None:
    """/dev/zero never ends and holds no newline: read, it would fill the memory."""
    assert main(["evaluate", "--gold", str(CORPUS), "--pred", "/dev/zero", "--split", "all"]) == 1
    assert "/dev/zero: unreadable-file: cannot be read: it is a device" in capsys.readouterr().err


def test_a_line_longer_than_the_bound_is_refused_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsanno.evaluate import sources

    monkeypatch.setattr(sources, "MAX_LINE_BYTES", 1000)
    doc = _seed()
    line = {"id": doc.id, "text_sha256": sha256_text(doc.text), "entities": [], "x": "a" * 2000}
    pred = _write(tmp_path / "p.jsonl", line)
    assert main(["evaluate", "--gold", str(CORPUS), "--pred", str(pred), "--split", "all"]) == 1
    assert f"{pred}:1: pred-malformed: line 1 is longer than 1,000 bytes" in capsys.readouterr().err


def test_a_json_array_is_named_as_such(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pred = tmp_path / "p.json"
    pred.write_text('[{"id": "a"}]\n', encoding="utf-8")
    assert main(["evaluate", "--gold", str(CORPUS), "--pred", str(pred), "--split", "all"]) == 1
    assert "a JSON array: the file holds JSON lines" in capsys.readouterr().err


def test_a_pretty_printed_annotation_file_is_refused_saying_predictions_are_json_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: an annotation file as it is (a valid prediction, but spread over many lines)
    was refused with only the parser's `unexpected end of data: line 2 column 1`."""
    annotations = CORPUS / "annotations" / f"{SEED_ID}.json"
    assert main(["evaluate", "--gold", str(CORPUS), "--pred", str(annotations)]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"{annotations}:1: malformed-json: ")
    with pytest.raises(NewsannoError) as e:
        list(read_predictions(annotations))
    (p,) = e.value.problems
    assert (p.code, p.file) == ("malformed-json", f"{annotations}:1")
    assert "predictions are JSON lines, one document's JSON object per line" in p.note
    assert p.note in line
    # the same object on one line is a prediction
    pred = _write(tmp_path / "p.jsonl", orjson.loads(annotations.read_bytes()))
    assert main(["evaluate", "--gold", str(CORPUS), "--pred", str(pred), "--split", "all"]) == 0


@pytest.mark.parametrize(
    "dates, reason",
    [
        ({}, "'dates' must be a list of annotations"),
        ("x", "'dates' must be a list of annotations"),
        (["x"], "an annotation or one of its values has the wrong type"),
        (
            [{"start": 10**30, "end": 10**30, "type": "DATE", "value": "2022"}],
            "dates '': offsets 1e+30, 1e+30 are not 64-bit integers",
        ),
        (
            [{"start": 5, "end": 5, "type": "DATE", "value": "2022"}],
            "dates '': [5, 5) is not a non-empty span",
        ),
        (None, "pred-no-layers: "),  # null: not predicted, as the prediction schema says
    ],
)
def test_a_layer_of_the_wrong_shape_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], dates: object, reason: str
) -> None:
    doc = _seed()
    line = {"id": doc.id, "text_sha256": sha256_text(doc.text), "dates": dates}
    pred = tmp_path / "p.jsonl"
    pred.write_text(json.dumps(line) + "\n", encoding="utf-8")  # orjson refuses 10**30
    assert main(["evaluate", "--gold", str(CORPUS), "--pred", str(pred), "--split", "all"]) == 1
    assert reason in capsys.readouterr().err


def test_a_line_that_is_not_utf8_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pred = tmp_path / "p.jsonl"
    pred.write_bytes(b"\n" + b'{"id": "\xff"}\n')
    assert main(["evaluate", "--gold", str(CORPUS), "--pred", str(pred), "--split", "all"]) == 1
    assert f"{pred}:2: not-utf8: bytes at offset 8 " in capsys.readouterr().err


def test_scoring_a_layer_the_predictions_do_not_predict_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _seed()
    line = {"id": doc.id, "text_sha256": sha256_text(doc.text), "entities": _two_mentions(doc)}
    pred = _write(tmp_path / "p.jsonl", line)
    args = ["evaluate", "--gold", str(CORPUS), "--pred", str(pred), "--split", "all"]
    assert main([*args, "--layers", "quotes"]) == 1
    err = capsys.readouterr().err
    assert "pred-layer-not-predicted" in err and "quotes" in err


def test_declared_layers_win_over_the_lists_present(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _seed()
    line = {
        "id": doc.id,
        "text_sha256": sha256_text(doc.text),
        "annotation": {"layers": [{"layer": "dates"}]},
        "entities": _two_mentions(doc),
    }
    pred = _write(tmp_path / "p.jsonl", line)
    args = ["evaluate", "--gold", str(CORPUS), "--pred", str(pred), "--split", "all"]
    assert main([*args, "--layers", "entities"]) == 1
    assert "pred-layer-not-predicted" in capsys.readouterr().err


def test_missing_text_sha256_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _seed()
    pred = _write(tmp_path / "p.jsonl", {"id": doc.id, "entities": []})
    assert main(["evaluate", "--gold", str(CORPUS), "--pred", str(pred), "--split", "all"]) == 1
    err = capsys.readouterr().err
    assert "pred-malformed" in err and "no text_sha256" in err and "None" not in err


def test_predicted_label_outside_the_label_set_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _seed()
    mention = {**_two_mentions(doc)[0], "label": "PER", "id": "x"}
    line = {"id": doc.id, "text_sha256": sha256_text(doc.text), "entities": [mention]}
    pred = _write(tmp_path / "p.jsonl", line)
    assert main(["evaluate", "--gold", str(CORPUS), "--pred", str(pred), "--split", "all"]) == 1
    err = capsys.readouterr().err
    assert "pred-malformed" in err and "'PER' is not one of" in err


def test_prediction_schema_accepts_a_hand_written_line_and_is_documented() -> None:
    from newsanno.model.prediction import Prediction

    doc = _seed()
    line = {"id": doc.id, "text_sha256": sha256_text(doc.text), "entities": _two_mentions(doc)}
    assert Prediction.model_validate_json(orjson.dumps(line)).entities is not None
    schema = json.loads((REPO / "schema" / "prediction.schema.json").read_text())
    assert schema["required"] == ["id"]
    assert "prediction.schema.json" in (REPO / "docs" / "predictions.md").read_text()


def test_quotes_extractor_does_not_predict_the_gold_entities_it_was_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pred = tmp_path / "p.jsonl"
    assert (
        main(["predict", "--extractor", "quotes", "--corpus", str(CORPUS), "--out", str(pred)]) == 0
    )
    line = json.loads(pred.read_text().splitlines()[0])
    assert [s["layer"] for s in line["annotation"]["layers"]] == ["quotes"]
    assert "entities" not in line
    capsys.readouterr()
    args = ["evaluate", "--gold", str(CORPUS), "--pred", str(pred), "--split", "all"]
    assert main([*args, "--format", "json", "--bootstrap", "0"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["layers"] == ["quotes"]
    assert not any(k.startswith("entities/") for k in out["figures"])
    # speakers point at the gold clusters the extractor was given, and still score
    assert out["figures"]["quotes/speaker"]["cor"] > 0
    assert main([*args, "--layers", "entities"]) == 1
    assert "pred-layer-not-predicted" in capsys.readouterr().err


def test_layer_no_gold_document_annotates_prints_no_zero_row(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsanno.corpus import read_documents, write_document

    doc = next(read_documents(small_corpus))
    layers = [s for s in doc.annotation.layers if s.layer != "dates"]
    annotation = doc.annotation.model_copy(update={"layers": layers})
    write_document(small_corpus, doc.model_copy(update={"annotation": annotation, "dates": []}))
    line = {"id": doc.id, "text_sha256": sha256_text(doc.text), "dates": [], "entities": []}
    pred = _write(tmp_path / "p.jsonl", line)
    args = ["evaluate", "--gold", str(small_corpus), "--pred", str(pred), "--bootstrap", "0"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "no gold document annotates dates" in out
    assert "| dates/" not in out
    assert "| entities/strict |" in out


def test_errors_listing_has_a_header_and_the_gold_label_of_a_miss(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsanno.corpus import read_documents

    doc = next(read_documents(small_corpus))
    spurious = {"start": 0, "end": 6, "label": "ORG"}
    line = {"id": doc.id, "text_sha256": sha256_text(doc.text), "entities": [spurious]}
    pred = _write(tmp_path / "p.jsonl", line)
    args = ["evaluate", "--gold", str(small_corpus), "--pred", str(pred), "--bootstrap", "0"]
    assert main([*args, "--errors", "-"]) == 0
    rows = [r.split("\t") for r in capsys.readouterr().out.splitlines() if "\t" in r]
    assert rows[0] == ["id", "layer", "kind", "span", "context", "detail"]
    details = {(r[2], r[5]) for r in rows[1:]}
    assert ("missed", "gold PERSON") in details
    assert ("incorrect", "gold GPE [0, 6), predicted ORG [0, 6)") in details
