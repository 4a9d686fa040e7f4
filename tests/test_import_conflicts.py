"""Re-importing an older export must not silently replace annotations made since: the default
refuses with a coded problem, --replace imports and reports each document replaced; corrected
work can be imported as gold with its annotator."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsanno.cli import main
from newsanno.corpus import load_document
from newsanno.corpus.layout import annotation_path


def _files(corpus: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(corpus.rglob("*")) if p.is_file()}


def _add_in_brat(corpus: Path, tmp_path: Path) -> None:
    """Annotate "it" as ORG in brat and import it: the corpus moves on after an export."""
    text = load_document(annotation_path(corpus, "small-doc")).document.text  # type: ignore[union-attr]
    out = tmp_path / "brat"
    assert main(["export", "brat", "--corpus", str(corpus), "--out", str(out)]) == 0
    ann = out / "small-doc.ann"
    start = text.index("it.")
    ann.write_text(ann.read_text() + f"T99\tORG {start} {start + 2}\tit\n")
    assert main(["import", "brat", str(out), "--out", str(corpus)]) == 0


def test_older_label_studio_export_does_not_replace_newer_brat_work(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ls = tmp_path / "ls"
    assert main(["export", "label-studio", "--corpus", str(small_corpus), "--out", str(ls)]) == 0
    _add_in_brat(small_corpus, tmp_path)
    after_brat = _files(small_corpus)
    capsys.readouterr()
    tasks = str(ls / "tasks.json")
    assert main(["import", "label-studio", tasks, "--out", str(small_corpus)]) == 1
    out = capsys.readouterr().out
    assert ":small-doc:: import-conflict: the corpus annotations changed after" in out
    assert "entities" in out
    assert _files(small_corpus) == after_brat
    # --replace imports and says which document it replaced
    assert main(["import", "label-studio", tasks, "--out", str(small_corpus), "--replace"]) == 0
    out = capsys.readouterr().out
    assert ":small-doc:: import-replaced:" in out
    doc = load_document(annotation_path(small_corpus, "small-doc")).document
    assert doc is not None and [m.text for m in doc.entities] == ["Moscow", "Dmitry Peskov"]


def test_round_trip_through_one_tool_needs_no_replace(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_in_brat(small_corpus, tmp_path)
    assert "import-" not in capsys.readouterr().out


def test_import_without_a_recorded_export_over_other_annotations_is_refused(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "brat"
    assert main(["export", "brat", "--corpus", str(small_corpus), "--out", str(out)]) == 0
    (out / "newsanno-export.json").unlink()  # files made elsewhere, from no recorded export
    ann = out / "small-doc.ann"
    ann.write_text("".join(x + "\n" for x in ann.read_text().splitlines() if "Moscow" not in x))
    before = _files(small_corpus)
    capsys.readouterr()
    assert main(["import", "brat", str(out), "--out", str(small_corpus)]) == 1
    assert "import-conflict: the corpus holds other annotations" in capsys.readouterr().out
    assert _files(small_corpus) == before


def test_corrected_pre_annotations_import_as_gold_with_their_annotator(
    small_corpus: Path, tmp_path: Path
) -> None:
    from newsanno.corpus import write_document

    doc = load_document(annotation_path(small_corpus, "small-doc")).document
    assert doc is not None
    silver = doc.annotation.model_copy(update={"status": "silver", "tool": "gazetteer 1.0"})
    write_document(small_corpus, doc.model_copy(update={"annotation": silver}))
    out = tmp_path / "brat"
    assert main(["export", "brat", "--corpus", str(small_corpus), "--out", str(out)]) == 0
    args = ["import", "brat", str(out), "--out", str(small_corpus)]
    assert main([*args, "--status", "gold", "--annotator", "ana"]) == 0
    data = json.loads(annotation_path(small_corpus, "small-doc").read_text())
    entities = next(s for s in data["annotation"]["layers"] if s["layer"] == "entities")
    assert entities["status"] == "gold"
    assert entities["annotators"] == ["ana"]
    assert entities["method"] == "corrected"
    assert main(["validate", str(small_corpus)]) == 0
