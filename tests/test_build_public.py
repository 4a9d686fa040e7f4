"""Public releases withhold every text they may not share, and rehydration from the user's own
copies gives back the full release byte for byte, refusing any text that is not the one
annotated."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from conftest import small_doc_dict
from newsanno.cli import main
from newsanno.corpus import read_documents
from newsanno.errors import NewsannoError
from newsanno.release import build, build_release, document_from_row
from newsanno.release.rehydrate import rehydrate
from test_build import doc_dict, load, make_corpus

os.environ["HF_HUB_OFFLINE"] = "1"
CLOSED = "small-doc"  # annotations-only
OPEN = "other-doc"  # full


def strings(value: Any) -> list[str]:
    """Every string inside a (nested) Parquet cell."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def rows_of(release: Path, doc_id: str) -> list[dict[str, Any]]:
    out = []
    for path in sorted(release.rglob("*.parquet")):
        for row in pq.read_table(path).to_pylist():
            if doc_id in (row.get("document_id"), row["id"]):
                out.append(row)
    return out


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    root = tmp_path_factory.mktemp("public")
    closed = doc_dict(CLOSED, redistribution="annotations-only", title="Kremlin statement")
    corpus = make_corpus(root, closed, doc_dict(OPEN))
    full = build_release(corpus, root / "dist", quiet=True)
    public = build_release(corpus, root / "dist", quiet=True, public=True)
    return corpus, full, public


def test_public_release_holds_no_withheld_text(builds: tuple[Path, Path, Path]) -> None:
    _, _, public = builds
    text = small_doc_dict()["text"]
    rows = rows_of(public, CLOSED)
    assert len(rows) == 1 + 3 + 1 + 2 + 1  # document, 3 sentences, quote, 2 claims, date
    labels = {"denies", "supports"}  # relation types that happen to be words of the text
    leaks = [s for r in rows for s in strings(r) if len(s) >= 4 and s in text and s not in labels]
    assert leaks == []
    card = (public / "README.md").read_text(encoding="utf-8")
    assert [line for line in text.split("\n") if line and line in card] == []
    (doc,) = [r for r in rows if r["id"] == CLOSED]
    assert doc["text"] is None and doc["text_withheld"] is True
    assert (doc["text_length"], doc["entities"][1]["start"]) == (len(text), text.index("Dmitry"))


def test_public_release_keeps_the_shareable_text(builds: tuple[Path, Path, Path]) -> None:
    _, _, public = builds
    (doc,) = [r for r in rows_of(public, OPEN) if r["id"] == OPEN]
    assert doc["text"] == small_doc_dict()["text"] and doc["text_withheld"] is False


def test_public_release_loads_and_states_its_rights(builds: tuple[Path, Path, Path]) -> None:
    _, full, public = builds
    ds = load(public, "quotes", split="train")
    assert {r["id"]: r["context"] is None for r in ds} == {
        f"{CLOSED}:q1": True,
        f"{OPEN}:q1": False,
    }
    card = (public / "README.md").read_text(encoding="utf-8")
    assert "| not stated | CC-BY-4.0 | - | - | annotations-only | 1 |" in card
    assert "newsanno rehydrate newsanno-1.0.0-public --texts TEXTS" in card
    assert "for local use only" in (full / "README.md").read_text(encoding="utf-8")


def test_rehydrated_release_equals_the_full_build(
    builds: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    corpus, full, public = builds
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / f"{CLOSED}.txt").write_bytes((corpus / "articles" / f"{CLOSED}.txt").read_bytes())
    out = rehydrate(public, texts, tmp_path / "out").path
    assert out.name == full.name
    files = sorted(p.relative_to(full) for p in full.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert all((full / f).read_bytes() == (out / f).read_bytes() for f in files)
    docs = [document_from_row(r) for split in load(out).values() for r in split]
    assert sorted(docs, key=lambda d: d.id) == sorted(read_documents(corpus), key=lambda d: d.id)


def test_a_tampered_text_is_refused(builds: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _, _, public = builds
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / f"{CLOSED}.txt").write_text(small_doc_dict()["text"] + " ", encoding="utf-8")
    for out in (tmp_path / "out", tmp_path / "a" / "b" / "out"):
        with pytest.raises(NewsannoError) as e:
            rehydrate(public, texts, out)
        assert [(p.code, p.doc_id) for p in e.value.problems] == [
            ("rehydrate-text-mismatch", CLOSED)
        ]
        assert sorted(tmp_path.iterdir()) == [texts]  # no folder made, no work folder left


def test_a_killed_rehydrate_leaves_its_texts_for_the_next_one_to_remove(
    builds: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """Killed (SIGKILL) while it builds, a rehydrate left the withheld texts it had put
    together in a temporary folder for good; the next one into the same place removes them."""
    corpus, _, public = builds
    texts, tmp, out = tmp_path / "texts", tmp_path / "tmp", tmp_path / "out"
    texts.mkdir()
    tmp.mkdir()
    (texts / f"{CLOSED}.txt").write_bytes((corpus / "articles" / f"{CLOSED}.txt").read_bytes())
    for where in (tmp_path, out):  # before "out" exists, and after
        script = (
            "import os, signal, sys\nfrom pathlib import Path\n"
            "from newsanno.release import rehydrate as r\n"
            "r.build = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)\n"
            "r.rehydrate(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))\n"
        )
        run = subprocess.run(
            [sys.executable, "-c", script, str(public), str(texts), str(out)],
            env={**os.environ, "TMPDIR": str(tmp)},
            capture_output=True,
        )
        assert run.returncode == -signal.SIGKILL, run.stderr
        (left,) = [p for p in where.iterdir() if p.name.startswith(".") and p.is_dir()]
        assert (left / "corpus" / "articles" / f"{CLOSED}.txt").is_file()
        rehydrate(public, texts, out)
        assert [p.name for p in where.iterdir() if p.name.startswith(".")] == []
    assert list(tmp.iterdir()) == []


def test_a_missing_text_is_refused_by_the_cli(
    builds: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, public = builds
    (tmp_path / "texts").mkdir()
    assert main(["rehydrate", str(public), "--texts", str(tmp_path / "texts")]) == 1
    assert f":{CLOSED}:: rehydrate-missing-text:" in capsys.readouterr().err


def test_a_folder_that_is_no_corpus_or_release_is_a_coded_problem(tmp_path: Path) -> None:
    with pytest.raises(NewsannoError) as e:
        build(tmp_path, tmp_path / "dist")
    assert [p.code for p in e.value.problems] == ["manifest"]
    with pytest.raises(NewsannoError) as e:
        rehydrate(tmp_path, tmp_path)
    assert [p.code for p in e.value.problems] == ["not-a-release"]


HTML = """<html><head><title>Kremlin statement</title></head><body><article>
<h1>Kremlin statement</h1>
<p>Moscow denies it. The Kremlin said on Wednesday that the statement was final and that nothing
more would be said about the matter by officials.</p>
<p>On Wednesday Dmitry Peskov said "talks are dragging". He told reporters in Moscow that the
negotiations between the delegations would continue next week.</p>
</article></body></html>
"""


def test_rehydrates_from_html_through_the_extraction_of_newsanno_add(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura", reason="HTML extraction needs the 'ingest' extra")
    from newsanno.ingest import normalize
    from newsanno.ingest.add import read_article

    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / f"{CLOSED}.html").write_text(HTML, encoding="utf-8")
    text = normalize(read_article(texts / f"{CLOSED}.html")[0])[0]
    assert text.startswith("Kremlin statement\nMoscow denies it.")
    d = small_doc_dict(text)
    d["meta"]["redistribution"] = "annotations-only"
    d["zones"] = []
    corpus = make_corpus(tmp_path, d)
    full = build_release(corpus, tmp_path / "dist", quiet=True)
    public = build_release(corpus, tmp_path / "dist", quiet=True, public=True)
    out = rehydrate(public, texts, tmp_path / "out").path
    assert (out / "SHA256SUMS").read_bytes() == (full / "SHA256SUMS").read_bytes()


def test_a_damaged_release_is_refused_before_rehydration(
    builds: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    import shutil

    _, _, public = builds
    copy = tmp_path / public.name
    shutil.copytree(public, copy)
    shard = copy / "documents" / "train-00000.parquet"
    shard.write_bytes(shard.read_bytes()[:-10])
    with pytest.raises(NewsannoError) as e:
        rehydrate(copy, tmp_path)
    assert [p.code for p in e.value.problems] == ["not-a-release"]
    assert "documents/train-00000.parquet" in e.value.problems[0].message


def test_texts_are_matched_by_content_whatever_their_names(
    builds: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """Users keep copies named as they saved them, among other files."""
    corpus, full, public = builds
    texts = tmp_path / "my downloads"
    (texts / "april").mkdir(parents=True)
    text = (corpus / "articles" / f"{CLOSED}.txt").read_bytes()
    (texts / "april" / "Kremlin statement (copy).txt").write_bytes(text.replace(b"\n", b"\r\n"))
    (texts / "notes.txt").write_text("nothing to do with it\n")
    (texts / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not text")
    out = rehydrate(public, texts, tmp_path / "out").path
    files = sorted(p.relative_to(full) for p in full.rglob("*") if p.is_file())
    assert all((full / f).read_bytes() == (out / f).read_bytes() for f in files)


def test_missing_text_names_the_document_and_its_checksum(
    builds: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, public = builds
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "something else.txt").write_text("another article\n")
    assert main(["rehydrate", str(public), "--texts", str(texts)]) == 1
    err = capsys.readouterr().err
    (row,) = [r for r in rows_of(public, CLOSED) if "text_sha256" in r]
    assert f":{CLOSED}:: rehydrate-missing-text:" in err
    assert f"no file in {texts} has it (sha256 {row['text_sha256']})" in err


def test_rehydrated_documents_keep_their_recorded_splits(tmp_path: Path) -> None:
    """A split recorded in splits.json is not in the public manifest: the rehydrated release
    still puts every document where the full build did, not where the hash of its id would."""
    from newsanno.corpus import read_manifest
    from newsanno.corpus.splits import assign_split

    closed = doc_dict(CLOSED, redistribution="annotations-only", title="Kremlin statement")
    corpus = make_corpus(tmp_path, closed, doc_dict(OPEN))
    policy = read_manifest(corpus).splits
    recorded = {
        d: next(s for s in ("test", "validation") if s != assign_split(d, policy))
        for d in (CLOSED, OPEN)
    }
    body = '{"assigned": {' + ", ".join(f'"{d}": "{s}"' for d, s in recorded.items()) + "}}"
    (corpus / "splits.json").write_text(body, encoding="utf-8")
    full = build_release(corpus, tmp_path / "dist", quiet=True)
    public = build_release(corpus, tmp_path / "dist", quiet=True, public=True)
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / f"{CLOSED}.txt").write_bytes((corpus / "articles" / f"{CLOSED}.txt").read_bytes())
    out = rehydrate(public, texts, tmp_path / "out").path
    assert {r["id"]: s for s, rows in load(out).items() for r in rows} == recorded
    files = sorted(p.relative_to(full) for p in full.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert all((full / f).read_bytes() == (out / f).read_bytes() for f in files)
