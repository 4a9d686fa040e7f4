"""Output locations: every command that writes refuses, before writing anything, an output that
is, lies inside or holds an input it reads, and an output the system will not let it create;
each as one ``bad-output`` problem, never a traceback and never a changed input."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import CORPUS
from newsanno.cli import main
from newsanno.corpus import read_manifest
from newsanno.errors import CATALOGUE
from newsanno.formats.registry import exporters

DOCS = ("gum-ie9", "gum-korea")


def snapshot(root: Path) -> dict[str, str]:
    """Every entry under ``root``: its content digest, or 'dir'."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        out[rel] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@contextmanager
def unchanged(root: Path) -> Iterator[None]:
    """The block leaves every entry under ``root`` as it was."""
    before = snapshot(root)
    yield
    assert snapshot(root) == before


def codes(err: str) -> list[str]:
    """The code of each line (``file: code: message`` or ``code: message``)."""
    found = []
    for line in err.splitlines():
        parts = line.split(": ")
        found.append(next((p for p in parts[:2] if p in CATALOGUE), line))
    return found


# the name a build of the repository's corpus gives its release
RELEASE = f"newsanno-{read_manifest(CORPUS).version}"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two documents of the repository's corpus, with its manifest."""
    root = tmp_path / "corpus"
    for folder, suffix in (("articles", ".txt"), ("annotations", ".json")):
        (root / folder).mkdir(parents=True)
        for doc in DOCS:
            shutil.copyfile(CORPUS / folder / f"{doc}{suffix}", root / folder / f"{doc}{suffix}")
    shutil.copyfile(CORPUS / "manifest.json", root / "manifest.json")
    return root


@pytest.fixture
def predictions(corpus: Path, tmp_path: Path) -> Path:
    out = tmp_path / "p.jsonl"
    args = ["predict", "--extractor", "dates", "--corpus", str(corpus), "--out", str(out)]
    assert main(args) == 0
    return out


@pytest.fixture
def unwritable(tmp_path: Path) -> Iterator[Path]:
    """A folder in which nothing can be created: read-only for an ordinary user; for root, who
    ignores permissions, sysfs, which refuses new entries."""
    if os.geteuid() != 0:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    try:
        (Path("/sys") / "newsanno-probe").mkdir()
    except PermissionError:
        yield Path("/sys")
        return
    except OSError as e:
        pytest.skip(f"no folder to refuse writes on this machine ({e.strerror})")
    (Path("/sys") / "newsanno-probe").rmdir()
    pytest.skip("no folder to refuse writes on this machine")


def refused(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run the command, which must fail with exactly one ``bad-output`` line; that line."""
    assert main(list(args)) == 1
    err = capsys.readouterr().err
    assert codes(err) == ["bad-output"], err
    return err


# --- outputs inside the input ------------------------------------------------------------------


def test_evaluate_errors_over_an_article_is_refused(
    corpus: Path, predictions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with unchanged(corpus):
        target = corpus / "articles" / "gum-ie9.txt"
        args = ["--gold", str(corpus), "--pred", str(predictions), "--errors", str(target)]
        err = refused(capsys, "evaluate", *args)
        assert "inside the input" in err and str(target) in err


def test_evaluate_errors_over_the_predictions_is_refused(
    corpus: Path, predictions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = predictions.read_bytes()
    args = ["--gold", str(corpus), "--pred", str(predictions), "--errors", str(predictions)]
    assert "it is the input" in refused(capsys, "evaluate", *args)
    assert predictions.read_bytes() == before


def test_predict_over_gold_annotations_is_refused(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with unchanged(corpus):
        target = corpus / "annotations" / "gum-ie9.json"
        args = ["--extractor", "dates", "--corpus", str(corpus), "--out", str(target)]
        refused(capsys, "predict", *args)


def test_predict_through_a_link_into_the_corpus_is_refused(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with unchanged(corpus):
        (tmp_path / "link").symlink_to(corpus / "annotations")
        target = tmp_path / "link" / "p.jsonl"
        args = ["--extractor", "dates", "--corpus", str(corpus), "--out", str(target)]
        refused(capsys, "predict", *args)


def test_show_over_another_article_is_refused(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with unchanged(corpus):
        target = corpus / "articles" / "gum-korea.txt"
        refused(capsys, "show", "gum-ie9", "--corpus", str(corpus), "--out", str(target))


def test_show_of_an_annotation_file_next_to_it_is_refused(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with unchanged(corpus):
        doc = corpus / "annotations" / "gum-ie9.json"
        refused(capsys, "show", str(doc), "--out", str(corpus / "annotations" / "gum-ie9.html"))


def test_show_all_into_the_corpus_is_refused(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    show_all = ("show", "--all", "--corpus", str(corpus), "--out")
    with unchanged(corpus):
        refused(capsys, *show_all, str(corpus / "annotations"))
        refused(capsys, *show_all, str(corpus))


def test_show_all_around_its_evaluation_file_is_refused(
    corpus: Path, predictions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    args = ["evaluate", "--gold", str(corpus), "--pred", str(predictions), "--format", "json"]
    assert main(args) == 0
    (site / "ev.json").write_text(capsys.readouterr().out, encoding="utf-8")
    show = ["show", "--all", "--corpus", str(corpus), "--out", str(site)]
    refused(capsys, *show, "--eval", str(site / "ev.json"))
    assert [p.name for p in site.iterdir()] == ["ev.json"]


@pytest.mark.parametrize("fmt", exporters())
def test_export_into_the_corpus_is_refused(
    fmt: str, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with unchanged(corpus):
        for out in (corpus / "annotations", corpus, corpus.parent):
            err = refused(capsys, "export", fmt, "--corpus", str(corpus), "--out", str(out))
            assert str(out) in err
    assert sorted(p.name for p in corpus.parent.iterdir()) == ["corpus"]


def test_build_into_the_corpus_is_refused(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with unchanged(corpus):
        refused(capsys, "build", str(corpus), "--out", str(corpus), "--quiet")
        refused(capsys, "build", str(corpus), "--out", str(corpus / "articles"), "--quiet")


def test_build_next_to_the_corpus_in_its_parent_folder_is_fine(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The release is a folder of its own, so a parent folder that holds the corpus is fine."""
    with unchanged(corpus):
        assert main(["build", str(corpus), "--out", str(corpus.parent), "--quiet"]) == 0
        assert (corpus.parent / RELEASE / "SHA256SUMS").is_file()


def test_rehydrate_into_the_public_release_is_refused(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pub = tmp_path / "pub"
    assert main(["build", str(corpus), "--public", "--out", str(pub), "--quiet"]) == 0
    release = pub / f"{RELEASE}-public"
    before, texts = snapshot(release), snapshot(corpus)
    articles = str(corpus / "articles")
    for out in (release, corpus / "articles"):
        args = ["rehydrate", str(release), "--texts", articles, "--out", str(out), "--quiet"]
        refused(capsys, *args)
    assert snapshot(release) == before and snapshot(corpus) == texts
    assert sorted(p.name for p in pub.iterdir()) == [f"{RELEASE}-public"]


def test_import_into_its_own_source_is_refused(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "ls"
    assert main(["export", "label-studio", "--corpus", str(corpus), "--out", str(exported)]) == 0
    capsys.readouterr()
    before = snapshot(exported)
    refused(capsys, "import", "label-studio", str(exported), "--out", str(exported / "corpus"))
    assert snapshot(exported) == before


def test_merge_of_a_corpus_into_itself_is_refused(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with unchanged(corpus):
        refused(capsys, "merge", str(corpus), "--into", str(corpus))


# --- locations the system refuses ----------------------------------------------------------


def test_build_where_no_folder_can_be_made_is_a_coded_problem(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(capsys, "build", str(corpus), "--out", "/proc/nope", "--quiet")
    assert "/proc/nope" in err


def test_build_into_an_unwritable_folder_is_a_coded_problem(
    corpus: Path, unwritable: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    refused(capsys, "build", str(corpus), "--out", str(unwritable), "--quiet")
    refused(capsys, "build", str(corpus), "--out", str(unwritable / "dist"), "--quiet")


@pytest.mark.parametrize("fmt", exporters())
def test_export_to_an_existing_file_is_a_coded_problem(
    fmt: str, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "taken.txt"
    out.write_text("mine\n", encoding="utf-8")
    refused(capsys, "export", fmt, "--corpus", str(corpus), "--out", str(out))
    assert out.read_text(encoding="utf-8") == "mine\n"


def test_evaluate_errors_to_a_folder_or_nowhere_is_a_coded_problem(
    corpus: Path, predictions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evaluate = ["evaluate", "--gold", str(corpus), "--pred", str(predictions), "--errors"]
    (tmp_path / "some_dir").mkdir()
    refused(capsys, *evaluate, str(tmp_path / "some_dir") + "/")
    refused(capsys, *evaluate, "/proc/x/y.tsv")
    fifo = tmp_path / "fifo"  # a special file: replacing it would replace what it stands for
    os.mkfifo(fifo)
    refused(capsys, *evaluate, str(fifo))
    assert fifo.is_fifo()


def test_evaluate_with_a_folder_for_predictions_is_a_coded_input_problem(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "some_dir").mkdir()
    assert main(["evaluate", "--gold", str(corpus), "--pred", str(tmp_path / "some_dir")]) == 1
    err = capsys.readouterr().err
    assert codes(err) == ["unreadable-file"] and "some_dir" in err


def test_predict_to_a_folder_is_a_coded_problem(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "existing_dir").mkdir()
    out = str(tmp_path / "existing_dir")
    refused(capsys, "predict", "--extractor", "dates", "--corpus", str(corpus), "--out", out)
    assert list((tmp_path / "existing_dir").iterdir()) == []


@pytest.mark.parametrize("command", ["predict", "export"])
def test_an_output_through_a_link_loop_is_a_coded_problem(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop.name)
    out = str(loop / "out")
    if command == "predict":
        refused(capsys, "predict", "--extractor", "dates", "--corpus", str(corpus), "--out", out)
    else:
        refused(capsys, "export", "conll", "--corpus", str(corpus), "--out", out)


def test_show_to_a_file_or_nowhere_is_a_coded_problem(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "a_file"
    a_file.write_text("mine\n", encoding="utf-8")
    refused(capsys, "show", "--all", "--corpus", str(corpus), "--out", str(a_file))
    assert a_file.read_text(encoding="utf-8") == "mine\n"
    refused(capsys, "show", "gum-ie9", "--corpus", str(corpus), "--out", "/proc/x/o.html")


def test_an_os_error_that_escapes_a_command_is_one_coded_line(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = tmp_path / "missing" / "CARD.md"
    assert main(["stats", str(corpus), "--card", str(card)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"{card}: os-error: the operating system refused: No such file or directory"
    ]


@pytest.mark.parametrize(
    "command",
    [["synth", "--docs", "3", "--out"], ["schema", "--out"], ["init"]],
    ids=["synth", "schema", "init"],
)
def test_commands_that_make_a_folder_refuse_a_file_or_nowhere(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "a_file"
    a_file.write_text("mine\n", encoding="utf-8")
    refused(capsys, *command, str(a_file))
    assert a_file.read_text(encoding="utf-8") == "mine\n"
    refused(capsys, *command, "/proc/nope")
