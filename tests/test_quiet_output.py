"""Output a person can read: repeated problems summarised by code, no knock-on problems after
the one that explains them, no progress lines outside a terminal, no empty ':::' fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import small_doc_dict
from newsanno.cli import main
from newsanno.corpus import write_document
from newsanno.corpus.writer import init_corpus
from newsanno.model import Document


def test_build_of_many_synthetic_documents_prints_a_few_examples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "synth"
    assert main(["synth", "--out", str(corpus), "--docs", "1000"]) == 0
    capsys.readouterr()
    assert main(["build", str(corpus), "--out", str(tmp_path / "dist")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 6
    assert sum(": synthetic-document: " in line for line in err) == 5
    assert err[-1] == "... and 995 more synthetic-document problems (1000 in all)"
    assert not any("\r" in line for line in err)  # stderr is no terminal: no progress


def test_crlf_text_is_one_problem_not_a_hundred(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    init_corpus(corpus, "crlf")
    text = "Moscow denies it.\n\n" + "".join(
        f"Line {k}: Dmitry Peskov said so.\n" for k in range(60)
    )
    data = small_doc_dict()
    people = [
        {"id": f"m{k}", "start": s, "end": s + 13, "text": "Dmitry Peskov", "label": "PERSON"}
        for k, s in enumerate(i for i in range(len(text)) if text.startswith("Dmitry Peskov", i))
    ]
    data |= {"text": text, "entities": people, "quotes": [], "claims": [], "dates": []}
    write_document(corpus, Document.model_validate(data))
    path = corpus / "articles" / "small-doc.txt"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))  # a checkout with autocrlf
    assert main(["validate", str(corpus)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[1] for line in out[:-1]] == ["text-crlf"]


def test_import_with_many_dropped_items_prints_a_few_and_counts_them(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "brat"
    assert main(["export", "brat", "--corpus", str(small_corpus), "--out", str(out)]) == 0
    ann = out / "small-doc.ann"
    ann.write_text(ann.read_text() + "".join(f"E{k}\tEvent:T2\n" for k in range(1, 201)))
    capsys.readouterr()
    assert main(["import", "brat", str(out), "--out", str(small_corpus)]) == 0
    printed = capsys.readouterr().out
    assert printed.count(": import-dropped: ") == 5
    assert "... and 195 more import-dropped problems (200 in all)" in printed
    assert "dropped 200: import-dropped" in printed


def test_a_problem_of_a_whole_file_has_no_empty_fields(
    small_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (small_corpus / "manifest.json").write_text("{")
    assert main(["validate", str(small_corpus)]) == 1
    out = capsys.readouterr().out
    assert f"{small_corpus / 'manifest.json'}: manifest: " in out
    assert ":::" not in out
