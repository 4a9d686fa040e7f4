"""Every kind of bad input ends in exit 1 and a coded problem naming file, document and
annotation, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SMALL_TEXT
from newsanno.cli import main

DOC = "small-doc"


def ann_file(corpus: Path) -> Path:
    return corpus / "annotations" / f"{DOC}.json"


def txt_file(corpus: Path) -> Path:
    return corpus / "articles" / f"{DOC}.txt"


def edit(corpus: Path, change) -> None:
    data = json.loads(ann_file(corpus).read_text(encoding="utf-8"))
    change(data)
    ann_file(corpus).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict]]:
    """Exit code and the problems, read from the machine-readable output."""
    code = main(["validate", "--format", "json", *args])
    return code, [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def problems(records: list[dict]) -> list[tuple[str, str, str]]:
    """(doc id, annotation id, code) of every problem."""
    return [(r["doc_id"], r["annotation_id"], r["code"]) for r in records]


def test_clean_corpus_exits_zero(small_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(small_corpus)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [out[-1]]
    assert out[-1].startswith("validated 1 documents (0 invalid), 1 zones, 2 entities, 1 quotes")


def test_text_output_names_file_document_and_annotation(small_corpus: Path, capsys) -> None:
    edit(small_corpus, _set(["entities", 0, "text"], "Moskow"))
    assert main(["validate", str(small_corpus)]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(f"{ann_file(small_corpus)}:{DOC}:m1: span-text-mismatch: ")


def _set(path: list, value) -> callable:
    def change(data: dict) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


CASES = [
    ("unknown field", _set(["entities", 0, "colour"], "red"), "m1", "unknown-field"),
    ("offset out of range", _set(["entities", 1, "end"], 10_000), "m2", "span-out-of-bounds"),
    ("end <= start", _set(["entities", 0, "end"], 0), "m1", "empty-span"),
    ("text mismatch", _set(["entities", 0, "text"], "Moskow"), "m1", "span-text-mismatch"),
    ("duplicate id", _set(["entities", 1, "id"], "m1"), "m1", "duplicate-id"),
    ("dangling speaker", _set(["quotes", 0, "speaker"], "nobody"), "q1", "dangling-reference"),
    ("dangling claimant", _set(["claims", 0, "claimant"], "nobody"), "c1", "dangling-reference"),
    ("dangling anchor", _set(["dates", 0, "anchor"], "t9"), "t1", "dangling-reference"),
    (
        "dangling relation",
        _set(["claims", 1, "relations", 0, "target"], "c9"),
        "c2",
        "dangling-reference",
    ),
    ("invalid date value", _set(["dates", 0, "value"], "2022-02-30"), "t1", "bad-date-value"),
    ("date value of wrong type", _set(["dates", 0, "type"], "DURATION"), "t1", "bad-date-value"),
    ("unknown label", _set(["entities", 0, "label"], "COUNTRY"), "m1", "unknown-label"),
    ("missing field", lambda d: d["quotes"][0].pop("speaker_explicit"), "q1", "missing-field"),
    (
        "duplicate annotation",
        lambda d: d["entities"].append({**d["entities"][0], "id": "m9"}),
        "m9",
        "duplicate-annotation",
    ),
]


@pytest.mark.parametrize(("what", "change", "ann_id", "code"), CASES, ids=[c[0] for c in CASES])
def test_bad_annotation(small_corpus: Path, capsys, what, change, ann_id, code) -> None:
    edit(small_corpus, change)
    status, out = run(capsys, str(small_corpus))
    assert status == 1
    assert (DOC, ann_id, code) in problems(out), out


def test_text_mismatch_shows_both_texts(small_corpus: Path, capsys) -> None:
    edit(small_corpus, _set(["entities", 0, "text"], "Moskow"))
    _, out = run(capsys, str(small_corpus))
    fields = {k: out[0][k] for k in ("layer", "start", "end", "expected", "actual")}
    assert fields == {
        "layer": "entities",
        "start": 0,
        "end": 6,
        "expected": "Moscow",
        "actual": "Moskow",
    }


def test_json_carries_the_positions(small_corpus: Path, capsys) -> None:
    edit(small_corpus, _set(["entities", 1, "end"], 10_000))
    _, out = run(capsys, str(small_corpus))
    (record,) = [r for r in out if r["code"] == "span-out-of-bounds"]
    start = SMALL_TEXT.index("Dmitry Peskov")
    assert record == {
        "code": "span-out-of-bounds",
        "severity": "error",
        "file": str(ann_file(small_corpus)),
        "doc_id": DOC,
        "annotation_id": "m2",
        "layer": "entities",
        "start": start,
        "end": 10_000,
        "length": len(SMALL_TEXT),
        "message": f"entities [{start}, 10000) is outside the text (length {len(SMALL_TEXT)})",
    }


def test_json_and_text_say_the_same(small_corpus: Path, capsys) -> None:
    """Each JSON record renders as the line the plain output prints."""
    edit(small_corpus, _set(["entities", 0, "text"], "Moskow"))
    edit(small_corpus, _set(["quotes", 0, "speaker"], "nobody"))
    _, records = run(capsys, str(small_corpus))
    main(["validate", str(small_corpus)])
    lines = capsys.readouterr().out.splitlines()[:-1]
    assert len(records) == len(lines) == 2
    for r, line in zip(records, lines, strict=True):
        where = f"{r['file']}:{r['doc_id']}:{r['annotation_id']}"
        assert line == f"{where}: {r['code']}: {r['message']}"


def test_malformed_json(small_corpus: Path, capsys) -> None:
    ann_file(small_corpus).write_text('{"id": "small-doc",', encoding="utf-8")
    status, out = run(capsys, str(small_corpus))
    assert status == 1
    assert problems(out) == [(DOC, "", "malformed-json")]
    assert out[0]["file"] == str(ann_file(small_corpus))


def test_non_utf8_annotation_file_says_where(small_corpus: Path, capsys) -> None:
    ann_file(small_corpus).write_bytes(b'{"id": "small-doc\xff"}')
    status, out = run(capsys, str(small_corpus))
    assert status == 1
    assert problems(out) == [(DOC, "", "not-utf8")]
    assert out[0]["offset"] == 17


def test_non_utf8_text(small_corpus: Path, capsys) -> None:
    txt_file(small_corpus).write_bytes(b"Moscow \xff denies")
    status, out = run(capsys, str(small_corpus))
    assert status == 1
    assert (DOC, "", "not-utf8") in problems(out)


@pytest.mark.parametrize("target", ["text", "annotations"])
def test_bom(small_corpus: Path, capsys, target: str) -> None:
    path = txt_file(small_corpus) if target == "text" else ann_file(small_corpus)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    status, out = run(capsys, str(small_corpus))
    assert status == 1
    assert (DOC, "", "bom") in problems(out)


def test_crlf_text_with_lf_offsets(small_corpus: Path, capsys) -> None:
    path = txt_file(small_corpus)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    status, out = run(capsys, str(small_corpus))
    assert status == 1
    assert (DOC, "", "text-crlf") in problems(out)


def test_changed_text(small_corpus: Path, capsys) -> None:
    txt_file(small_corpus).write_text("Something else entirely.", encoding="utf-8")
    status, out = run(capsys, str(small_corpus))
    assert status == 1
    assert (DOC, "", "text-changed") in problems(out)


@pytest.mark.parametrize("bad_id", ["../../x", "a/b", "", ".hidden", "x\x00"])
def test_path_escaping_document_id(small_corpus: Path, capsys, bad_id: str) -> None:
    edit(small_corpus, _set(["id"], bad_id))
    status, out = run(capsys, str(small_corpus))
    assert status == 1
    assert any(code == "bad-document-id" for _, _, code in problems(out)), out
    assert not (small_corpus.parent / "x").exists()


def test_id_must_match_file_name(small_corpus: Path, capsys) -> None:
    edit(small_corpus, _set(["id"], "other-doc"))
    status, out = run(capsys, str(small_corpus))
    assert status == 1
    assert ("other-doc", "", "id-filename-mismatch") in problems(out)


def test_annotation_without_text(small_corpus: Path, capsys) -> None:
    txt_file(small_corpus).unlink()
    status, out = run(capsys, str(small_corpus))
    assert status == 1
    assert (DOC, "", "missing-text") in problems(out)


def test_text_without_annotation(small_corpus: Path, capsys) -> None:
    ann_file(small_corpus).unlink()
    status, out = run(capsys, str(small_corpus))
    assert status == 1
    assert (DOC, "", "missing-annotations") in problems(out)


def test_single_files_and_missing_paths(small_corpus: Path, capsys) -> None:
    assert run(capsys, str(ann_file(small_corpus)))[0] == 0
    assert run(capsys, str(txt_file(small_corpus)))[0] == 0
    status, out = run(capsys, str(small_corpus / "nope.json"))
    assert status == 1
    assert problems(out)[0][2] == "file-not-found"


@pytest.mark.parametrize("target", ["text", "annotations"])
def test_a_directory_where_a_file_belongs(small_corpus: Path, capsys, target: str) -> None:
    path = txt_file(small_corpus) if target == "text" else ann_file(small_corpus)
    path.unlink()
    path.mkdir()
    status, out = run(capsys, str(small_corpus))
    assert status == 1
    assert (DOC, "", "unreadable-file") in problems(out)


def test_a_corpus_that_does_not_exist_is_reported(tmp_path: Path) -> None:
    from newsanno.corpus import iter_corpus

    [loaded] = list(iter_corpus(tmp_path / "nowhere"))
    assert [p.code for p in loaded.problems] == ["file-not-found"]


def test_written_corpus_files_are_readable_by_others(small_corpus: Path) -> None:
    assert ann_file(small_corpus).stat().st_mode & 0o777 == 0o644
    assert txt_file(small_corpus).stat().st_mode & 0o777 == 0o644
