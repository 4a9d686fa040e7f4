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


@pytest.mark.parametrize("exists", [False, True], ids=["new folder", "existing folder"])
def test_an_export_that_fails_partway_writes_nothing(
    tmp_path: Path, small_doc, capsys: pytest.CaptureFixture[str], exists: bool
) -> None:
    """The second of three documents is broken: the first was already converted when the
    export stopped, and none of it may reach the output folder."""
    from newsanno.corpus import write_document
    from newsanno.corpus.layout import annotation_path
    from newsanno.corpus.writer import init_corpus

    corpus = tmp_path / "corpus"
    init_corpus(corpus, "three")
    for doc_id in ("a", "b", "c"):
        write_document(corpus, small_doc.model_copy(update={"id": doc_id}))
    annotation_path(corpus, "b").write_text("{", encoding="utf-8")
    out = tmp_path / "out"
    if exists:
        out.mkdir()
        (out / "a.conll").write_text("earlier export\n", encoding="utf-8")
    assert main(["export", "conll", "--corpus", str(corpus), "--out", str(out)]) == 1
    assert "b.json" in capsys.readouterr().err
    if exists:
        assert [p.name for p in out.iterdir()] == ["a.conll"]
        assert (out / "a.conll").read_text(encoding="utf-8") == "earlier export\n"
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == (["corpus", "out"] if exists else ["corpus"])


def test_an_export_over_a_folder_in_a_files_place_replaces_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: the files before the folder (in name order) were already replaced."""
    out = tmp_path / "brat"
    out.mkdir()
    (out / "annotation.conf").write_text("OLD")
    (out / "gum-clock.ann").mkdir()
    assert main(["export", "brat", "--corpus", str(CORPUS), "--out", str(out)]) == 1
    assert "gum-clock.ann: it is a folder" in capsys.readouterr().err
    assert (out / "annotation.conf").read_text() == "OLD"
    assert sorted(p.name for p in out.iterdir()) == ["annotation.conf", "gum-clock.ann"]
