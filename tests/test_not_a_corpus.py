"""A release given where a corpus goes, or a folder with none of a corpus's files, is refused
with one ``not-a-corpus`` problem before anything is read or written: read as a corpus it held
no documents (commands printed empty tables and exited 0), and `splits` wrote into it, after
which the release no longer matched its SHA256SUMS."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import small_doc_dict
from newsanno.cli import main
from newsanno.corpus import write_document
from newsanno.corpus.reader import corpus_ids
from newsanno.corpus.writer import init_corpus
from newsanno.errors import NewsannoError
from newsanno.model import Document
from newsanno.release import build
from newsanno.release.metadata import verify_release

# each command that takes a corpus, given {r} as the corpus; {out} is an empty folder
COMMANDS = {
    "splits": "splits {r}",
    "validate": "validate {r}",
    "stats": "stats {r} --card {out}/card.md",
    "predict": "predict --extractor dates --corpus {r} --out {out}/p.jsonl",
    "build": "build {r} --out {out}/dist --quiet",
    "export": "export conll --corpus {r} --out {out}/x.conll",
    "show": "show --all --corpus {r} --out {out}/site",
    "preannotate": "preannotate --corpus {r} --extractor quotes",
    "leaderboard": "leaderboard --gold {r} --print --bootstrap 0",
}


def argv(command: str, corpus: Path, out: Path) -> list[str]:
    return COMMANDS[command].format(r=corpus, out=out).split()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("small") / "corpus"
    init_corpus(corpus, "small")
    write_document(corpus, Document.model_validate(small_doc_dict()))
    return corpus


@pytest.fixture(scope="module")
def built(corpus: Path) -> Path:
    return build(corpus, corpus.parent / "dist", quiet=True).path


@pytest.fixture
def release(built: Path, tmp_path: Path) -> Path:
    """A copy of the release for one test: a command that writes into it spoils only that."""
    return Path(shutil.copytree(built, tmp_path / built.name))


def refused(args: list[str], folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The command fails with one not-a-corpus problem naming ``folder``, and nothing else."""
    assert main(args) == 1
    said = capsys.readouterr()
    lines = (said.out + said.err).splitlines()
    assert [line.split(": ")[:2] for line in lines] == [[str(folder), "not-a-corpus"]], lines


@pytest.mark.parametrize("command", COMMANDS)
def test_a_release_given_as_the_corpus_is_refused_and_left_intact(
    command: str, release: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    refused(argv(command, release, out), release, capsys)
    verify_release(release)  # every file still the one SHA256SUMS lists, and nothing added
    assert list(out.iterdir()) == []


def test_splits_on_a_release_leaves_it_one_evaluate_reads(
    release: Path, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: `splits RELEASE` wrote RELEASE/splits.json and exited 0; `evaluate --gold
    RELEASE` then refused the release as not-a-release."""
    refused(["splits", str(release)], release, capsys)
    assert not (release / "splits.json").exists()
    assert main(argv("predict", corpus, tmp_path)) == 0
    pred = str(tmp_path / "p.jsonl")
    assert main(["evaluate", "--gold", str(release), "--pred", pred, "--split", "all"]) == 0


def test_adding_or_importing_into_a_release_is_refused_before_anything_is_written(
    release: Path, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Talks in Berlin\n\nLeaders met in Berlin on Monday.\n", encoding="utf-8")
    refused(["add", str(article), "--corpus", str(release)], release, capsys)
    assert main(["export", "timeml", "--corpus", str(corpus), "--out", str(tmp_path / "tml")]) == 0
    capsys.readouterr()
    refused(["import", "timeml", str(tmp_path / "tml"), "--out", str(release)], release, capsys)
    verify_release(release)


@pytest.mark.parametrize("command", ["predict", "export", "show"])
def test_a_folder_with_nothing_of_a_corpus_is_refused(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: an empty folder read as a corpus without documents (`wrote 0 predictions`)."""
    empty, out = tmp_path / "empty", tmp_path / "out"
    empty.mkdir()
    out.mkdir()
    refused(argv(command, empty, out), empty, capsys)
    assert list(out.iterdir()) == []


def test_listing_a_release_as_a_corpus_raises_the_coded_problem(release: Path) -> None:
    with pytest.raises(NewsannoError) as e:
        corpus_ids(release)
    assert [(p.code, p.file, p.path) for p in e.value.problems] == [
        ("not-a-corpus", str(release), str(release))
    ]
