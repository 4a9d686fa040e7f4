"""Import sources that are broken or hostile, in every format through the shared import
machinery: a document id given twice, links out of the source folder, FIFOs and folders where
files are expected, markup nested past any recursion limit, bytes that are not UTF-8. Each ends
in a coded problem naming the file, and nothing is written. Sources are small files written
here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import small_doc_dict
from newsanno.cli import main
from newsanno.corpus import read_documents, write_document
from newsanno.errors import Problem
from newsanno.formats import Report, importer
from newsanno.formats.pipeline import ImportRun, Incoming, run_import
from newsanno.formats.registry import FormatSpec
from newsanno.model import Document

TML = """<?xml version="1.0" encoding="UTF-8"?>
<TimeML><DOCID>{id}</DOCID><DCT><TIMEX3 tid="t0" type="DATE" value="2022-04-06"
functionInDocument="CREATION_TIME">2022-04-06</TIMEX3></DCT>
<TEXT>{text} on <TIMEX3 tid="t1" type="DATE" value="2022-04-05">Tuesday</TIMEX3>.</TEXT>
</TimeML>
"""
GUM = (
    "# newdoc id = GUM_news_{id}\n# meta::title = {text}\n# meta::dateCreated = 2020-01-02\n"
    "# newpar_block = head (1 s)\n# sent_id = GUM_news_{id}-1\n# text = {text}\n"
    "1\t{text}\t_\tNOUN\tNN\t_\t0\troot\t_\t_\n\n"
)
MEANTIME = (
    '<Document doc_name="{id}" doc_id="{id}"><token t_id="1" sentence="0" number="0">{text}'
    "</token><Markables/></Document>\n"
)
# format -> (file suffix, source text of a document with this id and this one-word text)
SOURCES = {"timeml": (".tml", TML), "gum": (".conllu", GUM), "meantime": (".xml", MEANTIME)}


def source(folder: Path, fmt: str, name: str, doc_id: str, text: str = "Rain") -> Path:
    suffix, template = SOURCES[fmt]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}{suffix}"
    path.write_text(template.format(id=doc_id, text=text), encoding="utf-8")
    return path


def errors(report: Report) -> list[Problem]:
    return [p for p in report.problems if p.severity == "error"]


def error_codes(report: Report) -> list[str]:
    return [p.code for p in errors(report)]


# --- one document id, two sources ---------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(SOURCES))
def test_two_source_files_with_one_document_id_are_refused(tmp_path: Path, fmt: str) -> None:
    src = tmp_path / "src"
    first = source(src, fmt, "a", "same", "Rain")
    second = source(src, fmt, "b", "same", "Snow")
    out = tmp_path / "corpus"
    report = importer(fmt)(src, out)
    assert error_codes(report) == ["import-duplicate-document", "import-incomplete"]
    dup = errors(report)[0]
    assert dup.file == str(second) and dup.other == str(first)
    assert dup.doc_id.endswith("same")
    assert report.documents == 0
    assert not out.exists()


def test_a_label_studio_task_given_twice_is_refused(small_corpus: Path, tmp_path: Path) -> None:
    assert (
        main(
            ["export", "label-studio", "--corpus", str(small_corpus), "--out", str(tmp_path / "ls")]
        )
        == 0
    )
    (tasks_file,) = (tmp_path / "ls").glob("*.json")
    tasks = json.loads(tasks_file.read_text(encoding="utf-8"))
    if not isinstance(tasks, list):
        tasks = [tasks]
    second = json.loads(json.dumps(tasks[0]))
    second["data"]["text"] += " More text."
    dup = tmp_path / "dup.json"
    dup.write_text(json.dumps([tasks[0], second]), encoding="utf-8")
    out = tmp_path / "new"
    report = importer("label-studio")(dup, out)
    assert error_codes(report) == ["import-duplicate-document", "import-incomplete"]
    problem = errors(report)[0]
    assert (problem.file, problem.doc_id, problem.other) == (str(dup), "small-doc", str(dup))
    assert not out.exists()


# --- links, FIFOs and folders in a source folder ------------------------------------------


def test_a_link_out_of_the_source_folder_is_not_read(tmp_path: Path) -> None:
    secret = source(tmp_path / "elsewhere", "timeml", "secret", "secret", "Secret")
    src = tmp_path / "t"
    src.mkdir()
    (src / "a.tml").symlink_to(secret)
    out = tmp_path / "corpus"
    report = importer("timeml")(src, out)
    assert error_codes(report) == ["outside-root", "import-incomplete"]
    assert errors(report)[0].file == str(src / "a.tml")
    assert not out.exists()


def test_a_linked_folder_out_of_the_source_folder_is_not_imported(tmp_path: Path) -> None:
    source(tmp_path / "elsewhere", "meantime", "secret", "secret", "Secret")
    src = tmp_path / "m"
    src.mkdir()
    (src / "corpus_x").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    source(src / "corpus_y", "meantime", "a", "a")
    out = tmp_path / "corpus"
    report = importer("meantime")(src, out)
    assert "secret" not in " ".join(p.render() for p in report.problems)
    assert [d.id for d in read_documents(out)] == ["meantime-y-a"]


def test_a_link_inside_the_source_folder_is_read(tmp_path: Path) -> None:
    src = tmp_path / "t"
    kept = source(src, "timeml", "kept", "kept").rename(src / "kept.xml")
    (src / "a.tml").symlink_to(kept)
    report = importer("timeml")(src, tmp_path / "corpus")
    assert error_codes(report) == []
    assert report.documents == 1


def test_a_source_file_named_by_the_user_may_be_a_link(tmp_path: Path) -> None:
    real = source(tmp_path / "elsewhere", "timeml", "real", "real")
    link = tmp_path / "t" / "a.tml"
    link.parent.mkdir()
    link.symlink_to(real)
    report = importer("timeml")(link, tmp_path / "corpus")
    assert error_codes(report) == []
    assert [d.id for d in read_documents(tmp_path / "corpus")] == ["real"]


def test_a_brat_text_linked_out_of_the_source_folder_is_not_read(
    small_corpus: Path, tmp_path: Path
) -> None:
    assert (
        main(["export", "brat", "--corpus", str(small_corpus), "--out", str(tmp_path / "b")]) == 0
    )
    text = tmp_path / "b" / "small-doc.txt"
    secret = tmp_path / "secret.txt"
    secret.write_bytes(text.read_bytes())  # the corpus text: only the link is wrong
    text.unlink()
    text.symlink_to(secret)
    report = importer("brat")(tmp_path / "b", small_corpus)
    assert error_codes(report) == ["outside-root", "import-incomplete"]
    assert errors(report)[0].file == str(text)


def test_a_wiki_map_linked_out_of_the_source_is_not_read(tmp_path: Path) -> None:
    src = tmp_path / "gum"
    source(src, "gum", "a", "a")
    secret = tmp_path / "secret.tab"
    secret.write_text("Rain\tRain\tQ7925\t2020\n", encoding="utf-8")
    (src / "wiki_map.tab").symlink_to(secret)
    out = tmp_path / "corpus"
    report = importer("gum")(src, out)
    assert error_codes(report) == ["outside-root"]
    assert errors(report)[0].file == str(src / "wiki_map.tab")
    assert not out.exists()


def _run_cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``newsanno ARGS`` in its own process, stopped after a minute: a read that blocks (a
    FIFO) fails the test instead of hanging it."""
    code = "import sys\nfrom newsanno.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


def test_a_fifo_in_the_source_folder_is_refused_without_blocking(tmp_path: Path) -> None:
    src = tmp_path / "t"
    source(src, "timeml", "a", "a")
    os.mkfifo(src / "b.tml")
    done = _run_cli(["import", "timeml", str(src), "--out", str(tmp_path / "corpus")], tmp_path)
    assert done.returncode == 1
    assert f"{src / 'b.tml'}: unreadable-file: " in done.stdout
    assert "not a regular file" in done.stdout
    assert not (tmp_path / "corpus").exists()


def test_a_fifo_given_to_add_is_refused_without_blocking(
    small_corpus: Path, tmp_path: Path
) -> None:
    os.mkfifo(tmp_path / "story.txt")
    done = _run_cli(["add", str(tmp_path / "story.txt"), "--corpus", str(small_corpus)], tmp_path)
    assert done.returncode == 1
    assert f"{tmp_path / 'story.txt'}: unreadable-file: " in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("fmt", sorted(SOURCES))
def test_a_folder_named_like_a_source_file_is_a_coded_problem(tmp_path: Path, fmt: str) -> None:
    src = tmp_path / "src"
    source(src, fmt, "a", "a")
    folder = src / f"b{SOURCES[fmt][0]}"
    folder.mkdir()
    out = tmp_path / "corpus"
    report = importer(fmt)(src, out)
    assert error_codes(report) == ["unreadable-file", "import-incomplete"]
    assert errors(report)[0].file == str(folder)
    assert not out.exists()


def test_a_format_that_reads_files_itself_gets_a_coded_problem_for_a_folder(
    tmp_path: Path,
) -> None:
    def read(path: Path, run: ImportRun) -> list[Incoming]:
        path.read_bytes()  # as a plug-in format may, without ImportRun.read
        return []

    spec = FormatSpec(name="plain", description="a plug-in format", read=read, glob="*.plain")
    (tmp_path / "src" / "a.plain").mkdir(parents=True)
    report = run_import(spec, tmp_path / "src", tmp_path / "corpus")
    assert error_codes(report) == ["unreadable-file", "import-incomplete"]
    assert errors(report)[0].file == str(tmp_path / "src" / "a.plain")


# --- contents the readers must survive ----------------------------------------------------


def test_markup_nested_past_the_recursion_limit_is_read(tmp_path: Path) -> None:
    depth = 100_000
    nested = "<b>" * depth + "deep" + "</b>" * depth
    src = tmp_path / "t"
    source(src, "timeml", "a", "deep", nested)
    report = importer("timeml")(src, tmp_path / "corpus")
    assert error_codes(report) == []
    (doc,) = read_documents(tmp_path / "corpus")
    assert doc.text == "deep on Tuesday."
    assert [(d.text, d.value) for d in doc.dates] == [("Tuesday", "2022-04-05")]


def test_a_wiki_map_that_is_not_utf8_is_a_coded_problem(tmp_path: Path) -> None:
    src = tmp_path / "meantime"
    source(src / "corpus_x", "meantime", "a", "a")
    (src / "wiki_map.tab").write_bytes(b"Z\xfcrich\tZ\xfcrich\tQ72\t2020\n")
    out = tmp_path / "corpus"
    report = importer("meantime")(src / "corpus_x", out)
    assert error_codes(report) == ["not-utf8"]
    assert errors(report)[0].file == str(src / "wiki_map.tab")
    assert not out.exists()


def test_a_gum_file_with_a_byte_order_mark_is_refused_like_other_text_sources(
    tmp_path: Path,
) -> None:
    path = source(tmp_path / "gum", "gum", "renamed", "kept")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    out = tmp_path / "corpus"
    report = importer("gum")(path, out)
    assert error_codes(report) == ["bom", "import-incomplete"]
    assert errors(report)[0].file == str(path)
    assert not out.exists()


def test_a_gum_word_with_an_empty_form_is_refused(tmp_path: Path) -> None:
    """Regression: a word with an empty FORM has no length, so mentions over many such words
    were read word by word without spending the file's span budget: 1,500 mentions over 1,500
    empty words (60 KB) took about 23 s, 4,000 (165 KB) 193 s."""
    n = 1500
    opened = "".join(f"({g}-person" for g in range(1, n + 1))
    closed = "".join(f"{g})" for g in range(n, 0, -1))
    words = [f"1\tBob\t_\tPROPN\tNNP\t_\t0\troot\t_\tEntity={opened}"]
    words += [f"{i}\t\t_\tX\tX\t_\t1\tdep\t_\t_" for i in range(2, n + 1)]
    words.append(f"{n + 1}\t\t_\tX\tX\t_\t1\tdep\t_\tEntity={closed}")
    path = source(tmp_path / "gum", "gum", "empty", "empty", "Bob")
    path.write_text(path.read_text().split("1\t")[0] + "\n".join(words) + "\n\n")
    out = tmp_path / "corpus"
    started = time.process_time()
    report = importer("gum")(path, out)
    assert time.process_time() - started < 5
    assert error_codes(report) == ["import-malformed", "import-incomplete"]
    assert errors(report)[0].file == str(path)
    assert "word 2 of sentence 1 has an empty FORM" in errors(report)[0].message
    assert not out.exists()


# --- every import leaves a corpus ---------------------------------------------------------


def test_a_label_studio_import_into_a_new_folder_makes_a_valid_corpus(
    small_corpus: Path, tmp_path: Path
) -> None:
    assert (
        main(
            ["export", "label-studio", "--corpus", str(small_corpus), "--out", str(tmp_path / "ls")]
        )
        == 0
    )
    (tasks_file,) = (tmp_path / "ls").glob("*.json")
    out = tmp_path / "new"
    report = importer("label-studio")(tasks_file, out)
    assert error_codes(report) == [] and report.documents == 1
    assert main(["validate", str(out)]) == 0


def test_an_import_into_an_existing_corpus_keeps_its_manifest(
    small_corpus: Path, tmp_path: Path
) -> None:
    manifest = (small_corpus / "manifest.json").read_bytes()
    other = Document.model_validate({**small_doc_dict(), "id": "other-doc"})
    write_document(tmp_path / "scratch", other)
    assert (
        main(
            [
                "export",
                "label-studio",
                "--corpus",
                str(tmp_path / "scratch"),
                "--out",
                str(tmp_path / "ls"),
            ]
        )
        == 0
    )
    (tasks_file,) = (tmp_path / "ls").glob("*.json")
    report = importer("label-studio")(tasks_file, small_corpus)
    assert error_codes(report) == []
    assert (small_corpus / "manifest.json").read_bytes() == manifest
