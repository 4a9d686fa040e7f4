"""A mention one character late ("ladimir Putin ") is schema-valid but cuts a word and ends on
a space: validate warns with a code, and build says that it split the word into two tokens."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import small_doc_dict, span
from newsanno.cli import main
from newsanno.corpus import write_document
from newsanno.corpus.layout import annotation_path
from newsanno.corpus.writer import init_corpus
from newsanno.model import Document
from newsanno.release import build
from newsanno.release.reading import model_batches, read_batches
from newsanno.release.rehydrate import rehydrate
from newsanno.release.sharding import Reader, ShardStages

TEXT = "Vladimir Putin spoke on Tuesday.\n"


def _corpus(tmp_path: Path, covered: str = "ladimir Putin ") -> Path:
    data = small_doc_dict()
    data |= {
        "text": TEXT,
        "zones": [],
        "entities": [{"id": "m1", **span(TEXT, covered), "label": "PERSON", "entity": "putin"}],
        "quotes": [],
        "claims": [],
        "dates": [],
    }
    corpus = tmp_path / "corpus"
    init_corpus(corpus, "edges")
    write_document(corpus, Document.model_validate(data))
    return corpus


def test_validate_warns_about_a_mention_that_cuts_a_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path)
    assert main(["validate", str(corpus)]) == 0  # a warning, not an error
    out = capsys.readouterr().out
    assert ":small-doc:m1: span-cuts-word: entities [1, 15)" in out
    assert "'Vladimir'" in out
    assert "1 warnings" in out


def test_validate_warns_about_a_span_ending_on_whitespace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path, "Vladimir Putin ")
    assert main(["validate", str(corpus)]) == 0
    assert ":small-doc:m1: span-edge-whitespace:" in capsys.readouterr().out


def test_build_says_it_split_the_word(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _corpus(tmp_path)
    assert main(["build", str(corpus), "--out", str(tmp_path / "dist"), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "ner words split 1: ner-split-word" in out
    assert "splits it into the tokens 'V' and 'ladimir'" in out


@pytest.mark.parametrize("reader", [read_batches, model_batches])
def test_build_warnings_name_the_annotation_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], reader: Reader
) -> None:
    """Regression: the build printed `:small-doc:m1: ner-split-word: ...`, without the file
    that `file:doc-id:annotation-id` promises."""
    corpus = _corpus(tmp_path)
    report = build(corpus, tmp_path / "dist", quiet=True, stages=ShardStages(read=reader))
    file = str(annotation_path(corpus, "small-doc"))
    where = [(p.code, p.file, p.doc_id, p.annotation_id) for p in report.warnings]
    assert where == [("ner-split-word", file, "small-doc", "m1")]
    assert main(["build", str(corpus), "--out", str(tmp_path / "cli"), "--quiet"]) == 0
    assert f"e.g. {file}:small-doc:m1: ner-split-word: " in capsys.readouterr().out


def test_rehydrate_warnings_name_the_release_not_its_work_folder(tmp_path: Path) -> None:
    public = build(_corpus(tmp_path), tmp_path / "dist", public=True, quiet=True).path
    (tmp_path / "texts").mkdir()
    report = rehydrate(public, tmp_path / "texts", tmp_path / "out", quiet=True)
    where = [(p.code, p.file, p.doc_id, p.annotation_id) for p in report.warnings]
    assert where == [("ner-split-word", str(public), "small-doc", "m1")]
