"""newsanno add and preannotate on a corpus started from nothing: the headline is the title
(never the publisher), a gazetteer with nothing to learn from says so, and a new document
records the guidelines in force."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsanno.cli import main
from newsanno.corpus import read_documents

STORY = (
    "Negotiators met on Tuesday in Istanbul and said very little after four hours of talks "
    "about the ceasefire proposals. Officials from both sides declined to comment on what was "
    "discussed during the closed session at the palace, and the delegations left separately."
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    assert main(["init", str(root)]) == 0
    return root


def test_text_file_takes_its_first_line_as_title(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "talks.txt"
    src.write_text(f"Peace talks stall in Istanbul\n\n{STORY}\n")
    capsys.readouterr()
    assert main(["add", str(src), "--corpus", str(corpus)]) == 0
    assert "title from the first line: 'Peace talks stall in Istanbul'" in capsys.readouterr().out
    (doc,) = read_documents(corpus)
    assert doc.meta.title == "Peace talks stall in Istanbul"
    assert doc.id == "peace-talks-stall-in-istanbul"


def test_new_document_records_the_guidelines_version_in_force(corpus: Path, tmp_path: Path) -> None:
    guidelines = Path(__file__).parents[1] / "docs" / "annotation_guidelines.md"
    stated = re.search(r"^Version \*\*([\d.]+)\*\*", guidelines.read_text(), re.M)
    assert stated is not None
    src = tmp_path / "talks.txt"
    src.write_text(f"Peace talks stall in Istanbul\n\n{STORY}\n")
    assert main(["add", str(src), "--corpus", str(corpus)]) == 0
    (doc,) = read_documents(corpus)
    assert doc.annotation.guideline_version == stated[1]


@pytest.mark.parametrize("end", ["\r", "\r\n"])
def test_the_title_is_the_first_line_whatever_ends_the_lines(
    corpus: Path, tmp_path: Path, end: str
) -> None:
    """An old Mac file ends its lines with CR alone: the whole text became the title."""
    src = tmp_path / "talks.txt"
    src.write_bytes(f"Peace talks stall{end}{end}{STORY}{end}Second paragraph.{end}".encode())
    assert main(["add", str(src), "--corpus", str(corpus)]) == 0
    (doc,) = read_documents(corpus)
    assert (doc.id, doc.meta.title) == ("peace-talks-stall", "Peace talks stall")
    assert doc.text == f"Peace talks stall\n\n{STORY}\nSecond paragraph.\n"


def test_html_headline_is_not_taken_for_the_publisher(corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    page = (
        '<!DOCTYPE html><html lang="en"><head><title>Peace talks stall in Istanbul</title>'
        '<meta name="application-name" content="Peace talks stall in Istanbul"></head><body>'
        f"<article><h1>Peace talks stall in Istanbul</h1><p>{STORY}</p></article></body></html>"
    )
    src = tmp_path / "talks.html"
    src.write_text(page)
    assert main(["add", str(src), "--corpus", str(corpus)]) == 0
    (doc,) = read_documents(corpus)
    assert doc.meta.title == "Peace talks stall in Istanbul"
    assert doc.meta.publisher is None


def test_preannotate_on_a_new_corpus_says_the_gazetteer_learnt_nothing(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for k in range(6):
        src = tmp_path / f"a{k}.txt"
        src.write_text(f"Story number {k} of the day\n\n{STORY} Item {k}.\n" + "x " * k)
        assert main(["add", str(src), "--corpus", str(corpus), "--near-duplicates", "pin"]) == 0
    capsys.readouterr()
    assert main(["preannotate", "--corpus", str(corpus)]) == 0
    err = capsys.readouterr().err
    assert ": training-without-entities: " in err and "--train" in err
