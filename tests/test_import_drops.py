"""Every item an import leaves out is a coded problem counted in the summary, problems name the
tool's own ids, and an undecodable file is a coded problem, never a traceback."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from newsanno.cli import main
from newsanno.corpus import load_document
from newsanno.corpus.layout import annotation_path


def _files(corpus: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(corpus.rglob("*")) if p.is_file()}


def _brat(corpus: Path, tmp_path: Path) -> Path:
    out = tmp_path / "brat"
    assert main(["export", "brat", "--corpus", str(corpus), "--out", str(out)]) == 0
    return out


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


@pytest.mark.parametrize("fmt", ["brat", "conll"])
def test_non_utf8_file_is_a_coded_problem(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out = tmp_path / fmt
    assert main(["export", fmt, "--corpus", str(small_corpus), "--out", str(out)]) == 0
    suffix = ".ann" if fmt == "brat" else ".conll"
    path = out / f"small-doc{suffix}"
    path.write_bytes(path.read_bytes() + "caf\u00e9\n".encode("latin-1"))
    before = _files(small_corpus)
    capsys.readouterr()
    assert main(["import", fmt, str(out), "--out", str(small_corpus)]) == 1
    printed = capsys.readouterr().out
    assert f"{path}:small-doc:: not-utf8:" in printed
    assert _files(small_corpus) == before


def test_brat_relation_to_a_missing_annotation_is_reported_and_counted(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _brat(small_corpus, tmp_path)
    ann = out / "small-doc.ann"
    ann.write_text(ann.read_text() + "R99\tSupports Arg1:T6 Arg2:T42\nE1\tEvent:T2\n")
    capsys.readouterr()
    assert main(["import", "brat", str(out), "--out", str(small_corpus)]) == 0
    printed = capsys.readouterr().out
    assert ":small-doc:R99: import-dropped: relation R99 Supports is not imported: T42" in printed
    assert ":small-doc:E1: import-dropped: event line E1" in printed
    assert "dropped 2: import-dropped" in printed


def test_brat_speaker_added_over_an_exported_reason_wins(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _brat(small_corpus, tmp_path)
    ann = out / "small-doc.ann"
    # as exported for a quote without a speaker, then the annotator drew the Speaker relation
    ann.write_text(ann.read_text() + "A99\tSpeakerReason T4 unknown\n")
    capsys.readouterr()
    assert main(["import", "brat", str(out), "--out", str(small_corpus)]) == 0
    printed = capsys.readouterr().out
    assert ":small-doc:A99: import-dropped: attribute A99 SpeakerReason" in printed
    doc = load_document(annotation_path(small_corpus, "small-doc")).document
    assert doc is not None and doc.quotes[0].speaker == "peskov"


def test_brat_claimant_link_over_a_claimant_kind_wins_and_is_reported(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: a claim with ClaimantKind author and a Claimant relation took the relation
    without a word, the attribute silently lost."""
    out = _brat(small_corpus, tmp_path)
    ann = out / "small-doc.ann"
    ann.write_text(ann.read_text() + "A99\tClaimantKind T5 author\n")  # T5: claim c1
    capsys.readouterr()
    assert main(["import", "brat", str(out), "--out", str(small_corpus)]) == 0
    printed = capsys.readouterr().out
    assert ":small-doc:A99: import-dropped: attribute A99 ClaimantKind" in printed
    assert "relation R3 now gives the claimant" in printed
    doc = load_document(annotation_path(small_corpus, "small-doc")).document
    assert doc is not None and doc.claims[0].claimant == "peskov"


def test_brat_problems_name_brat_ids(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _brat(small_corpus, tmp_path)
    _edit(out / "small-doc.ann", '"value":"2022-04-06"', '"value":"soon"')
    capsys.readouterr()
    assert main(["import", "brat", str(out), "--out", str(small_corpus)]) == 1
    printed = capsys.readouterr().out
    assert ":small-doc:T7: bad-date-value:" in printed and "(t1 once imported)" in printed


def _task(corpus: Path, tmp_path: Path) -> tuple[Path, dict]:
    out = tmp_path / "ls"
    assert main(["export", "label-studio", "--corpus", str(corpus), "--out", str(out)]) == 0
    (task,) = orjson.loads((out / "tasks.json").read_bytes())
    return out / "tasks.json", task


def test_label_studio_region_with_an_unknown_tag_is_reported_and_counted(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, task = _task(small_corpus, tmp_path)
    result = task["annotations"][0]["result"]
    value = {"start": 0, "end": 6, "text": "Moscow", "labels": ["Place"]}
    result.append(
        {"id": "x9", "from_name": "place", "to_name": "text", "type": "labels", "value": value}
    )
    path.write_bytes(orjson.dumps([task]))
    capsys.readouterr()
    assert main(["import", "label-studio", str(path), "--out", str(small_corpus)]) == 0
    printed = capsys.readouterr().out
    assert ":small-doc:x9: import-dropped: region x9 is not imported: the labeling" in printed
    assert "dropped 1: import-dropped" in printed


@pytest.mark.parametrize("typed", ["Dmitry Peskov", "dmitry peskov"])
def test_label_studio_speaker_typed_as_a_name_finds_its_cluster(
    small_corpus: Path, tmp_path: Path, typed: str
) -> None:
    path, task = _task(small_corpus, tmp_path)
    for item in task["annotations"][0]["result"]:
        if item.get("from_name") == "speaker":
            item["value"]["text"] = [typed]
    path.write_bytes(orjson.dumps([task]))
    assert main(["import", "label-studio", str(path), "--out", str(small_corpus)]) == 0
    doc = load_document(annotation_path(small_corpus, "small-doc")).document
    assert doc is not None and doc.quotes[0].speaker == "peskov"


def test_label_studio_speaker_as_a_relation(small_corpus: Path, tmp_path: Path) -> None:
    path, task = _task(small_corpus, tmp_path)
    result = [i for i in task["annotations"][0]["result"] if i.get("from_name") != "speaker"]
    result.append(
        {
            "type": "relation",
            "from_id": "q1",
            "to_id": "m2",
            "direction": "right",
            "labels": ["speaker"],
        }
    )
    task["annotations"][0]["result"] = result
    path.write_bytes(orjson.dumps([task]))
    assert main(["import", "label-studio", str(path), "--out", str(small_corpus)]) == 0
    doc = load_document(annotation_path(small_corpus, "small-doc")).document
    assert doc is not None and doc.quotes[0].speaker == "peskov"


def test_label_studio_control_the_configuration_lacks_is_reported(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, task = _task(small_corpus, tmp_path)
    value = {"start": 0, "end": 6, "text": ["a note"]}
    task["annotations"][0]["result"].append(
        {"id": "m1", "from_name": "comment", "to_name": "text", "type": "textarea", "value": value}
    )
    path.write_bytes(orjson.dumps([task]))
    capsys.readouterr()
    assert main(["import", "label-studio", str(path), "--out", str(small_corpus)]) == 0
    printed = capsys.readouterr().out
    assert ":small-doc:m1: import-dropped: comment of region m1 is not imported" in printed
