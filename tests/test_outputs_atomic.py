"""Outputs are written whole or not at all: a failed run never truncates a good file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
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
    out = tmp_path / "out" if exists else tmp_path / "out" / "conll" / "new"
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
    args = ["export", "brat", "--corpus", str(CORPUS), "--out", str(out), "--replace"]
    assert main(args) == 1
    assert "gum-clock.ann: it is a folder" in capsys.readouterr().err
    assert (out / "annotation.conf").read_text() == "OLD"
    assert sorted(p.name for p in out.iterdir()) == ["annotation.conf", "gum-clock.ann"]


def _three_documents(folder: Path, small_doc) -> Path:  # type: ignore[no-untyped-def]
    from newsanno.corpus import write_document
    from newsanno.corpus.writer import init_corpus

    init_corpus(folder, "three")
    for doc_id in ("a", "b", "c"):
        write_document(folder, small_doc.model_copy(update={"id": doc_id}))
    return folder


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("exists", [False, True], ids=["new folder", "existing site"])
def test_a_site_stopped_partway_leaves_the_site_it_had(
    tmp_path: Path, small_doc, monkeypatch: pytest.MonkeyPatch, exists: bool
) -> None:
    """Regression: pages went straight into the folder, so a stopped ``show --all`` left a
    site of some pages and no index."""
    from newsanno.viewer import site

    corpus = _three_documents(tmp_path / "corpus", small_doc)
    out = tmp_path / "site"
    if exists:
        from newsanno.corpus import write_document

        site.write_site(corpus, out)
        meta = small_doc.meta.model_copy(update={"title": "Another title"})
        write_document(corpus, small_doc.model_copy(update={"id": "a", "meta": meta}))
    before = _files(out) if exists else None
    real, written = site.write_page, []

    def stopped_after_one(doc, path, nav=""):  # type: ignore[no-untyped-def]
        if written:
            raise KeyboardInterrupt  # Ctrl-C, or SIGTERM turned into an exception
        written.append(path)
        return real(doc, path, nav)

    monkeypatch.setattr(site, "write_page", stopped_after_one)
    with pytest.raises(KeyboardInterrupt):
        site.write_site(corpus, out)
    assert (_files(out) if exists else out.exists()) == (before if exists else False)
    assert sorted(p.name for p in tmp_path.iterdir()) == (
        ["corpus", "site"] if exists else ["corpus"]
    )


def test_a_site_shown_again_has_the_pages_of_the_corpus_as_it_is(tmp_path: Path, small_doc) -> None:
    from newsanno.corpus import write_document
    from newsanno.corpus.layout import annotation_path, text_path
    from newsanno.viewer.site import write_site

    corpus = _three_documents(tmp_path / "corpus", small_doc)
    out = tmp_path / "site"
    write_site(corpus, out)
    (out / "docs" / "notes.md").write_text("mine\n", encoding="utf-8")
    annotation_path(corpus, "c").unlink()
    text_path(corpus, "c").unlink()
    meta = small_doc.meta.model_copy(update={"title": "Another title"})
    write_document(corpus, small_doc.model_copy(update={"id": "a", "meta": meta}))
    assert write_site(corpus, out).pages == 2
    assert "Another title" in (out / "docs" / "a.html").read_text(encoding="utf-8")
    assert "c.html" not in (out / "index.html").read_text(encoding="utf-8")
    # files of other names stay, whoever wrote them: the folder may be the user's
    assert (out / "docs" / "notes.md").read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in out.iterdir()) == ["docs", "index.html", "report.html"]


def test_a_site_over_a_file_where_its_pages_go_replaces_nothing(
    tmp_path: Path, small_doc, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _three_documents(tmp_path / "corpus", small_doc)
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("OLD", encoding="utf-8")
    (out / "docs").write_text("a file", encoding="utf-8")
    assert main(["show", "--all", "--corpus", str(corpus), "--out", str(out)]) == 1
    assert "docs: it is a file or a link, and a folder is wanted" in capsys.readouterr().err
    assert _files(out) == {"index.html": b"OLD", "docs": b"a file"}


def test_an_export_again_keeps_what_an_annotator_changed_since(
    tmp_path: Path, small_doc, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: exporting again into the folder annotators work in replaced their edits."""
    from newsanno.corpus import write_document

    corpus = _three_documents(tmp_path / "corpus", small_doc)
    out = tmp_path / "brat"
    export = ["export", "brat", "--corpus", str(corpus), "--out", str(out)]
    assert main(export) == 0
    # the corpus changes: files nobody edited are refreshed without asking
    meta = small_doc.meta.model_copy(update={"title": "Another title"})
    write_document(corpus, small_doc.model_copy(update={"id": "a", "meta": meta, "dates": []}))
    before = (out / "a.ann").read_bytes()
    assert main(export) == 0
    assert (out / "a.ann").read_bytes() != before
    # an annotator's edit is kept, and nothing else changes
    (out / "b.ann").write_text("T1\tPERSON 0 6\tMoscow\n", encoding="utf-8")
    write_document(corpus, small_doc.model_copy(update={"id": "c", "dates": []}))
    edited = _files(out)
    capsys.readouterr()
    assert main(export) == 1
    assert (
        f"{out / 'b.ann'}: export-edited: changed since it was exported" in capsys.readouterr().err
    )
    assert _files(out) == edited
    assert main([*export, "--replace"]) == 0
    assert f"{out / 'b.ann'}: export-replaced" in capsys.readouterr().out
    assert (out / "b.ann").read_bytes() != edited["b.ann"]
    assert main(export) == 0  # what --replace wrote is the export's again


def test_an_export_into_a_folder_of_other_files_replaces_none_of_them(
    tmp_path: Path, small_doc, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _three_documents(tmp_path / "corpus", small_doc)
    out = tmp_path / "brat"
    out.mkdir()
    (out / "a.ann").write_text("by hand\n", encoding="utf-8")
    (out / "notes.txt").write_text("notes\n", encoding="utf-8")
    assert main(["export", "brat", "--corpus", str(corpus), "--out", str(out)]) == 1
    assert "a.ann: export-edited" in capsys.readouterr().err
    assert _files(out) == {"a.ann": b"by hand\n", "notes.txt": b"notes\n"}


@pytest.mark.parametrize("record", ["fifo", "endless link"])
def test_an_export_does_not_wait_on_a_record_that_is_no_file(
    tmp_path: Path, small_doc, record: str
) -> None:
    """Regression: a FIFO in the record's place blocked the export; a link to /dev/zero made it
    read without end. Neither is a record: the export goes on and writes its own."""
    import json
    import os

    corpus = _three_documents(tmp_path / "corpus", small_doc)
    out = tmp_path / "brat"
    out.mkdir()
    if record == "fifo":
        os.mkfifo(out / ".newsanno-export")
    else:
        (out / ".newsanno-export").symlink_to("/dev/zero")
    assert main(["export", "brat", "--corpus", str(corpus), "--out", str(out)]) == 0
    written = json.loads((out / ".newsanno-export").read_text(encoding="utf-8"))
    assert "a.ann" in written["files"] and not (out / ".newsanno-export").is_symlink()


def test_an_export_again_drops_the_files_of_documents_no_longer_in_the_corpus(
    tmp_path: Path, small_doc, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: a document removed from the corpus kept its files in the export folder, so
    the folder no longer mirrored the corpus. Unedited ones go; an edited one stays."""
    from newsanno.corpus.layout import annotation_path, text_path

    corpus = _three_documents(tmp_path / "corpus", small_doc)
    out = tmp_path / "brat"
    export = ["export", "brat", "--corpus", str(corpus), "--out", str(out)]
    assert main(export) == 0
    (out / "notes.txt").write_text("notes\n", encoding="utf-8")
    (out / "c.ann").write_text("T1\tPERSON 0 6\tMoscow\n", encoding="utf-8")
    for doc_id in ("b", "c"):
        text_path(corpus, doc_id).unlink()
        annotation_path(corpus, doc_id).unlink()
    capsys.readouterr()
    assert main(export) == 0
    assert f"{out / 'c.ann'}: export-kept" in capsys.readouterr().out
    names = set(_files(out))
    assert {"a.ann", "a.txt", "c.ann", "c.txt", "notes.txt"} <= names
    assert not {"b.ann", "b.txt"} & names


@pytest.mark.parametrize(
    "name",
    ["../victim.txt", "/ABS", "link/victim.txt", "link", "sub/victim.txt", "./a.ann", "x\0"],
)
def test_an_export_record_never_removes_a_file_outside_the_folder(
    tmp_path: Path, small_doc, name: str
) -> None:
    """The record lies in a folder others may write to: a name in it that climbs out of the
    folder, directly or through a link, or names a file of this export another way, removes
    nothing even when its digest is right."""
    import hashlib
    import json
    import os

    corpus = _three_documents(tmp_path / "corpus", small_doc)
    out = tmp_path / "brat"
    export = ["export", "brat", "--corpus", str(corpus), "--out", str(out)]
    assert main(export) == 0
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    (out / "link").symlink_to(victim if name == "link" else tmp_path)
    (out / "sub").mkdir()
    (out / "sub" / "victim.txt").write_text("keep me\n", encoding="utf-8")
    record = json.loads((out / ".newsanno-export").read_text(encoding="utf-8"))
    digest = hashlib.sha256(b"keep me\n").hexdigest()
    if name == "./a.ann":
        digest = hashlib.sha256((out / "a.ann").read_bytes()).hexdigest()
    record["files"][name.replace("/ABS", str(victim))] = digest
    (out / ".newsanno-export").write_text(json.dumps(record), encoding="utf-8")
    before = _files(out)
    assert main(export) == 0
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert _files(out) == before | {".newsanno-export": _files(out)[".newsanno-export"]}
    assert os.path.islink(out / "link")


def test_an_export_of_another_format_or_corpus_removes_no_earlier_export(
    tmp_path: Path, small_doc
) -> None:
    """Only files the last export of the same format and corpus wrote are removed: a conll
    export into a brat folder, or another corpus, is no document removed from the corpus."""
    corpus = _three_documents(tmp_path / "corpus", small_doc)
    other = tmp_path / "other"
    other.mkdir()
    out = tmp_path / "out"
    assert main(["export", "brat", "--corpus", str(corpus), "--out", str(out)]) == 0
    brat = set(_files(out))
    assert main(["export", "conll", "--corpus", str(corpus), "--out", str(out)]) == 0
    assert main(["export", "brat", "--corpus", str(other), "--out", str(out)]) in (0, 1)
    assert brat - {".newsanno-export"} <= set(_files(out))


def _killed_while_staging(out: Path) -> None:
    """A process that stages files for ``out``, killed (SIGKILL) before it could finish."""
    script = (
        "import os, signal, sys\nfrom pathlib import Path\n"
        "from newsanno.files import staged_folder\n"
        "with staged_folder(Path(sys.argv[1])) as stage:\n"
        "    (stage / 'a.txt').write_text('half')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    run = subprocess.run([sys.executable, "-c", script, str(out)], capture_output=True)
    assert run.returncode == -signal.SIGKILL, run.stderr


@pytest.mark.parametrize("exists", [False, True])
def test_what_a_killed_export_left_is_removed_by_the_next(tmp_path: Path, exists: bool) -> None:
    """Regression: a SIGKILL during ``export`` or ``show --all`` left its hidden staging folder
    (inside ``--out``, or beside a new one) for good."""
    out = tmp_path / "out"
    if exists:
        out.mkdir()
    _killed_while_staging(out)
    home = out if exists else tmp_path
    assert [p.name for p in home.iterdir() if p.name.startswith(".out.")]  # what it left
    assert main(["export", "conll", "--corpus", str(CORPUS), "--out", str(out)]) == 0
    assert not [p.name for p in tmp_path.rglob(".out.*")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_fifo_named_like_a_lock_stops_no_export(tmp_path: Path) -> None:
    """Regression: reading the mark of a FIFO named like a staging lock failed ("Illegal
    seek"), and every later export into the folder with it."""
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / ".out.fifo.lock")
    assert main(["export", "conll", "--corpus", str(CORPUS), "--out", str(out)]) == 0
    assert (out / ".out.fifo.lock").exists()


def test_what_a_killed_run_left_beside_a_new_folder_goes_once_the_folder_exists(
    tmp_path: Path,
) -> None:
    """Regression: a run killed while ``--out`` was still to be made staged beside it; once
    another run had made ``--out``, the next ones looked for leftovers only inside it."""
    out = tmp_path / "out"
    _killed_while_staging(out)
    out.mkdir()
    assert main(["export", "conll", "--corpus", str(CORPUS), "--out", str(out)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
