"""Parallel validation reports exactly what sequential validation reports, in the same order,
with summaries that add up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsanno.synth import write_synthetic_corpus
from newsanno.validate.runner import Summary, validate


@pytest.fixture(scope="module")
def broken_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve synthetic documents; one span edited, one text deleted, one text orphaned."""
    corpus = write_synthetic_corpus(tmp_path_factory.mktemp("v") / "c", 12, seed=5, workers=1)
    ann = corpus / "annotations" / "synth-5-0000003.json"
    data = json.loads(ann.read_text(encoding="utf-8"))
    data["entities"][0]["text"] = "nothing like it"
    ann.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (corpus / "articles" / "synth-5-0000007.txt").unlink()
    (corpus / "annotations" / "synth-5-0000010.json").unlink()
    return corpus


def run(corpus: Path, workers: int) -> tuple[list[tuple[str, str, str]], Summary]:
    summary = Summary()
    found = [
        (Path(p.file).name, p.doc_id, p.code)
        for loaded in validate([corpus], summary, workers=workers, chunk=2)
        for p in loaded.problems
    ]
    return found, summary


def test_parallel_output_equals_sequential_output(broken_corpus: Path) -> None:
    sequential, one = run(broken_corpus, workers=1)
    parallel, two = run(broken_corpus, workers=2)
    assert sequential == [
        ("synth-5-0000003.json", "synth-5-0000003", "span-text-mismatch"),
        ("synth-5-0000007.json", "synth-5-0000007", "missing-text"),
        ("synth-5-0000010.txt", "synth-5-0000010", "missing-annotations"),
    ]
    assert parallel == sequential
    for summary in (one, two):
        assert (summary.docs, summary.invalid_docs, summary.errors) == (12, 3, 3)
        assert summary.annotations["entities"] == 9 * 30
        assert summary.annotations["quotes"] == 9 * 5


def test_summaries_of_shards_add_up(broken_corpus: Path) -> None:
    files = sorted((broken_corpus / "annotations").iterdir())
    merged = Summary()
    for half in (files[:6], files[6:]):
        part = Summary()
        list(validate(half, part, workers=1))
        merged.merge(part)
    # 11 annotation files; 3 is inconsistent and 7 has no text, so 9 documents count.
    assert (merged.docs, merged.invalid_docs, merged.errors) == (11, 2, 2)
    assert merged.annotations["entities"] == 9 * 30
    assert merged.annotations["dates"] == 9 * 8
