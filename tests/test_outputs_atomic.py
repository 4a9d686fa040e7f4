"""Outputs are written whole or not at all: a failed run never truncates a good file."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CORPUS
from newsanno.cli import main


def test_predict_with_a_mistyped_corpus_keeps_the_existing_predictions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.jsonl"
    assert (
        main(["predict", "--extractor", "dates", "--corpus", str(CORPUS), "--out", str(good)]) == 0
    )
    before = good.read_bytes()
    assert before
    typo = tmp_path / "typo"
    assert main(["predict", "--extractor", "dates", "--corpus", str(typo), "--out", str(good)]) == 1
    assert "typo" in capsys.readouterr().err
    assert good.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.jsonl"]


def test_evaluate_failure_keeps_the_existing_errors_listing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    errors = tmp_path / "errors.tsv"
    errors.write_text("earlier listing\n")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "nope", "text_sha256": "' + "0" * 64 + '"}\n')
    args = ["evaluate", "--gold", str(CORPUS), "--pred", str(bad), "--errors", str(errors)]
    assert main(args) == 1
    assert "pred-unknown-document" in capsys.readouterr().err
    assert errors.read_text() == "earlier listing\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl", "errors.tsv"]
