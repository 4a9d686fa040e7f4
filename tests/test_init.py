"""Starting a corpus from nothing (newsanno init), and the manifest checked by validate."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO
from newsanno.cli import main

ARTICLE = "Talks stall in Istanbul\n\nNegotiators met on Tuesday and said little.\n"


def test_add_to_a_folder_without_a_manifest_points_to_init(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE)
    assert main(["add", str(src), "--corpus", str(tmp_path / "newdir"), "--title", "T"]) == 1
    err = capsys.readouterr().err
    assert "manifest.json: manifest:" in err and "newsanno init" in err


def test_init_then_add_then_validate_and_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "My News"
    assert main(["init", str(corpus), "--license", "CC-BY-4.0"]) == 0
    manifest = json.loads((corpus / "manifest.json").read_text())
    assert (manifest["name"], manifest["version"], manifest["license"]) == (
        "my-news",
        "0.1.0",
        "CC-BY-4.0",
    )
    assert "articles/*.txt -text" in (corpus / ".gitattributes").read_text()
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE)
    assert main(["add", str(src), "--corpus", str(corpus), "--title", "Talks stall"]) == 0
    assert main(["validate", str(corpus)]) == 0
    # starting again would lose the manifest's edits
    before = (corpus / "manifest.json").read_bytes()
    assert main(["init", str(corpus)]) == 1
    assert "corpus-exists" in capsys.readouterr().err
    assert (corpus / "manifest.json").read_bytes() == before


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (None, "no manifest.json"),
        ({"name": "My Corpus"}, "name: 'My Corpus' is not lower-case letters"),
        ({"version": "1.0"}, "version: '1.0' is not a version X.Y.Z"),
    ],
)
def test_validate_reports_a_missing_or_invalid_manifest(
    small_corpus: Path, capsys: pytest.CaptureFixture[str], edit: dict | None, expected: str
) -> None:
    path = small_corpus / "manifest.json"
    if edit is None:
        path.unlink()
    else:
        path.write_text(json.dumps({**json.loads(path.read_text()), **edit}))
    assert main(["validate", str(small_corpus)]) == 1
    out = capsys.readouterr().out
    assert f"{path}: manifest: " in out and expected in out
    assert "1 errors" in out


def test_git_never_converts_article_line_endings(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    out = subprocess.run(
        ["git", "check-attr", "text", "corpus/articles/x.txt", "corpus/annotations/x.json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.splitlines() == [
        "corpus/articles/x.txt: text: unset",
        "corpus/annotations/x.json: text: unset",
    ]
