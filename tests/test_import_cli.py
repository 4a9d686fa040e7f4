"""newsanno import as a user meets it: where documents go, and what a wrong folder holds."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from newsanno.cli import main


def test_import_without_out_is_refused_and_touches_no_corpus(
    tmp_path: Path, small_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p: p.read_bytes() for p in small_corpus.rglob("*") if p.is_file()}
    src = tmp_path / "gum"
    src.mkdir()
    cwd = Path.cwd()
    os.chdir(small_corpus.parent)  # ./corpus is the small corpus
    try:
        with pytest.raises(SystemExit) as e:
            main(["import", "gum", str(src)])
    finally:
        os.chdir(cwd)
    assert e.value.code == 2
    assert "--out" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in small_corpus.rglob("*") if p.is_file()} == before


def test_import_into_a_corpus_that_holds_documents_says_so(
    tmp_path: Path, small_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsanno.corpus import read_documents
    from newsanno.formats.timeml import to_timeml

    doc = next(read_documents(small_corpus))
    src = tmp_path / "tml"
    src.mkdir()
    other = doc.model_copy(update={"id": "other-doc"})
    (src / "other-doc.tml").write_text(to_timeml(other, Counter()))
    assert main(["import", "timeml", str(src), "--out", str(small_corpus)]) == 0
    assert "already held 1 documents" in capsys.readouterr().out


def test_importing_a_folder_of_another_format_says_what_it_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "meantime"
    (src / "english").mkdir(parents=True)
    for name in ("a.xml", "b.xml"):
        (src / "english" / name).write_text("<Document/>")
    out = tmp_path / "c"
    assert main(["import", "gum", str(src), "--out", str(out)]) == 1
    printed = capsys.readouterr().out
    assert f"{src}: import-nothing-found: no *.conllu file" in printed
    assert "2 .xml" in printed and "newsanno import meantime" in printed
    assert "does not exist" not in printed
    assert not out.exists()
