"""The synthetic corpus: valid, deterministic, realistic in size, full of the characters that
break naive code, and marked synthetic."""

from __future__ import annotations

import json
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest

from newsanno.cli import main
from newsanno.corpus import iter_corpus, read_manifest
from newsanno.errors import NewsannoError
from newsanno.model import Document
from newsanno.synth import synth_document, write_synthetic_corpus


@pytest.fixture(scope="module")
def synth_docs() -> list[Document]:
    return [Document.model_validate(synth_document(7, i)) for i in range(60)]


def test_same_seed_same_document_other_seed_other_document() -> None:
    assert synth_document(1, 5) == synth_document(1, 5)
    assert synth_document(1, 5)["text"] != synth_document(2, 5)["text"]
    assert synth_document(1, 5)["text"] != synth_document(1, 6)["text"]


def test_sizes_match_the_benchmark_reference(synth_docs: list[Document]) -> None:
    for doc in synth_docs:
        assert 3500 <= len(doc.text) <= 4300
        assert (len(doc.entities), len(doc.quotes), len(doc.claims), len(doc.dates)) == (
            30,
            5,
            5,
            8,
        )
        assert {z.kind for z in doc.zones} >= {"headline", "standfirst", "caption", "body"}


def test_texts_hold_every_kind_of_awkward_character(synth_docs: list[Document]) -> None:
    text = "".join(doc.text for doc in synth_docs)
    assert "\u00a0" in text
    assert {"\u201c", "\u201d", "\u2018", "\u2019"} <= set(text)
    assert any(ord(c) > 0xFFFF for c in text)  # emoji outside the BMP: two UTF-16 units
    assert any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)
    assert any(unicodedata.combining(c) for c in text)
    spans = [m.text for doc in synth_docs for m in doc.entities]
    assert any(unicodedata.bidirectional(s[0]) == "AL" for s in spans)
    assert any("\u0301" in s for s in spans)


def test_dates_resolve_against_the_publication_date(synth_docs: list[Document]) -> None:
    weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    checked = 0
    for doc in synth_docs:
        published = date.fromisoformat(doc.meta.published)
        values = {t.id: t.value for t in doc.dates}
        for t in doc.dates:
            if t.text in weekdays:
                day = date.fromisoformat(t.value)
                assert weekdays[day.weekday()] == t.text
                assert timedelta(0) <= published - day < timedelta(days=7)
                checked += 1
            if t.text == "two days later":
                before = date.fromisoformat(values[t.anchor])
                assert date.fromisoformat(t.value) == before + timedelta(days=2)
                checked += 1
    assert checked > 60


def test_marked_synthetic(synth_docs: list[Document]) -> None:
    for doc in synth_docs:
        assert doc.meta.synthetic is True
        assert doc.meta.source is not None and doc.meta.source.format == "synthetic"


def test_corpus_validates_and_is_the_same_for_any_number_of_workers(tmp_path: Path) -> None:
    one = write_synthetic_corpus(tmp_path / "one", 30, seed=3, workers=1)
    two = write_synthetic_corpus(tmp_path / "two", 30, seed=3, workers=2, chunk=7)
    assert read_manifest(one).name == "synthetic"
    assert main(["validate", str(one)]) == 0
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert len(files) == 61
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    for rel in files:
        assert (one / rel).read_bytes() == (two / rel).read_bytes()
    assert [x.doc_id for x in iter_corpus(one)][:2] == ["synth-3-0000000", "synth-3-0000001"]


def test_refuses_to_write_into_a_real_corpus(tmp_path: Path) -> None:
    real = tmp_path / "corpus"
    real.mkdir()
    (real / "manifest.json").write_text(json.dumps({"name": "newsanno"}), encoding="utf-8")
    with pytest.raises(NewsannoError) as err:
        write_synthetic_corpus(real, 3)
    assert [p.code for p in err.value.problems] == ["synthetic-target"]
    assert not (real / "articles").exists()


@pytest.mark.parametrize(
    ("manifest", "said"),
    [(None, "files and no manifest"), ("{", "a manifest of no corpus name")],
    ids=["no manifest", "broken manifest"],
)
def test_refuses_a_folder_of_files_that_is_no_synthetic_corpus(
    tmp_path: Path, manifest: str | None, said: str
) -> None:
    """A real corpus whose manifest went missing is still a real corpus."""
    real = tmp_path / "corpus"
    (real / "articles").mkdir(parents=True)
    (real / "articles" / "story.txt").write_text("A story.", encoding="utf-8")
    if manifest is not None:
        (real / "manifest.json").write_text(manifest, encoding="utf-8")
    with pytest.raises(NewsannoError) as err:
        write_synthetic_corpus(real, 3)
    (p,) = err.value.problems
    assert p.code == "synthetic-target" and said in p.render()
    assert [x.name for x in (real / "articles").iterdir()] == ["story.txt"]


def test_a_smaller_corpus_written_over_a_larger_one_is_the_smaller_one(tmp_path: Path) -> None:
    out, fresh = tmp_path / "again", tmp_path / "fresh"
    write_synthetic_corpus(out, 5, seed=2, workers=1)
    write_synthetic_corpus(out, 2, seed=3, workers=1)
    write_synthetic_corpus(fresh, 2, seed=3, workers=1)
    for folder in ("articles", "annotations"):
        files = sorted(p.name for p in (out / folder).iterdir())
        assert files == sorted(p.name for p in (fresh / folder).iterdir()) and len(files) == 2
        for name in files:
            assert (out / folder / name).read_bytes() == (fresh / folder / name).read_bytes()


def test_cli_writes_a_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "s"
    assert main(["synth", "--out", str(out), "--docs", "4", "--seed", "9", "--workers", "1"]) == 0
    assert "wrote 4 synthetic documents" in capsys.readouterr().out
    assert len(list((out / "annotations").glob("*.json"))) == 4
