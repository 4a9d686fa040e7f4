"""A key given twice in one JSON object is a problem: every JSON reader keeps only the last
value, so the first (an annotator's label, a split ratio) would be lost without a word."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsanno.cli import main
from newsanno.corpus import load_document, read_documents
from newsanno.corpus.json_keys import repeated_keys
from newsanno.corpus.layout import annotation_path
from newsanno.errors import NewsannoError
from newsanno.evaluate import write_predictions
from newsanno.formats import exporter, importer
from newsanno.release import build_release
from newsanno.validate.runner import Chunk, check_chunk

DOC = "small-doc"


def repeat(path: Path, old: str, new: str) -> None:
    """Give the key that ``old`` starts with a second time, as ``new``, ahead of it."""
    data = path.read_text(encoding="utf-8")
    assert data.count(old) >= 1
    path.write_text(data.replace(old, new + old, 1), encoding="utf-8")


def validate(capsys: pytest.CaptureFixture[str], corpus: Path) -> tuple[int, list[dict]]:
    code = main(["validate", "--format", "json", str(corpus)])
    return code, [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_validate_names_file_document_annotation_and_path(small_corpus: Path, capsys) -> None:
    ann = annotation_path(small_corpus, DOC)
    repeat(ann, '"label":"GPE"', '"label":"ORG",')
    code, found = validate(capsys, small_corpus)
    assert code == 1
    assert [(p["code"], p["file"], p["doc_id"], p["annotation_id"]) for p in found] == [
        ("duplicate-key", str(ann), DOC, "m1")
    ]
    assert found[0]["location"] == "entities[0].label"
    assert found[0]["key"] == "label"


def test_batch_and_model_paths_agree(small_corpus: Path) -> None:
    ann = annotation_path(small_corpus, DOC)
    repeat(ann, '"title":', '"title":"Moscow",')
    repeat(ann, '"id": "small-doc"', '"id": "small-doc",')
    results, _ = check_chunk(Chunk(small_corpus, (DOC,)))
    loaded = load_document(ann)
    assert loaded.document is None
    assert results[0].problems == loaded.problems
    assert [(p.location, p.annotation_id) for p in loaded.problems] == [
        ("id", ""),
        ("meta.title", ""),
    ]


def test_free_form_settings_are_checked(small_corpus: Path) -> None:
    """Settings are stored as their JSON text on the fast path: checked before that."""
    ann = annotation_path(small_corpus, DOC)
    data = json.loads(ann.read_text(encoding="utf-8"))
    data["meta"]["source"] = {"format": "brat", "settings": {"a": 1}}
    ann.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    assert check_chunk(Chunk(small_corpus, (DOC,)))[0][0].problems == []
    repeat(ann, '"a":1', '"a":2,')
    (found,) = check_chunk(Chunk(small_corpus, (DOC,)))[0][0].problems
    assert (found.code, found.location) == ("duplicate-key", "meta.source.settings.a")


def test_build_refuses_the_document(small_corpus: Path, tmp_path: Path) -> None:
    repeat(annotation_path(small_corpus, DOC), '"label":"PERSON"', '"label":"ORG",')
    with pytest.raises(NewsannoError) as e:
        build_release(small_corpus, out=tmp_path / "dist")
    assert [(p.code, p.annotation_id, p.location) for p in e.value.problems] == [
        ("duplicate-key", "m2", "entities[1].label")
    ]


def test_manifest_and_recorded_splits(small_corpus: Path, capsys) -> None:
    manifest = small_corpus / "manifest.json"
    repeat(manifest, '"train":', '"train": 0.5, ')
    (small_corpus / "splits.json").write_text('{"assigned": {"a": "train", "a": "test"}}')
    code, found = validate(capsys, small_corpus)
    assert code == 1
    assert [p["code"] for p in found] == ["manifest"]
    assert found[0]["reason"].startswith("splits.ratios.train: the key 'train' is given")
    manifest.write_text(manifest.read_text().replace('"train": 0.5, ', "", 1))
    code, found = validate(capsys, small_corpus)
    assert [(p["file"], p["reason"][:26]) for p in found] == [
        (str(small_corpus / "splits.json"), "assigned.a: the key 'a' is")
    ]


def test_a_prediction_line_with_a_repeated_key_is_refused(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pred = tmp_path / "pred.jsonl"
    write_predictions(read_documents(small_corpus), pred)
    line = pred.read_text(encoding="utf-8")
    assert line.count('"label":"GPE"') == 1
    pred.write_text(line.replace('"label":"GPE"', '"label":"ORG","label":"GPE"'), "utf-8")
    assert main(["evaluate", "--gold", str(small_corpus), "--pred", str(pred)]) == 1
    err = capsys.readouterr().err
    assert f"{pred}:1:{DOC}:m1: duplicate-key: entities[0].label: the key 'label'" in err


def test_a_label_studio_export_with_a_repeated_key_is_refused(
    small_corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "ls"
    exporter("label-studio")(small_corpus, out)
    tasks = orjson.loads((out / "tasks.json").read_bytes())
    region = tasks[0]["annotations"][0]["result"][0]
    label = '"labels":' + orjson.dumps(region["value"]["labels"]).decode()
    data = orjson.dumps(tasks).decode()
    export = tmp_path / "export.json"
    export.write_text(data.replace(label, '"labels":["ORG"],' + label, 1), encoding="utf-8")
    ann = annotation_path(small_corpus, DOC)
    before = ann.read_bytes()
    report = importer("label-studio")(export, small_corpus)
    assert [(p.code, p.doc_id, p.annotation_id) for p in report.problems] == [
        ("duplicate-key", DOC, region["id"]),
        ("import-incomplete", "", ""),
    ]
    assert report.problems[0].location == "[0].annotations[0].result[0].value.labels"
    assert ann.read_bytes() == before


# --- the fast check is exact: repeated keys are found, and nothing else ----------------------

keys = st.sampled_from(["a", "b", ":", 'x":', "\\", 'q"', "é"])
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(':"\\ab é{}[],', max_size=6))
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.lists(st.tuples(keys, inner), max_size=4),
    max_leaves=12,
)


def write(node: Any, draw_style: st.DataObject) -> str:
    """``node`` as JSON text, an object being a list of (key, value) pairs that may repeat
    keys; spacing and the escaping of colons and non-ASCII text drawn at random."""
    if isinstance(node, list) and node and isinstance(node[0], tuple):
        colon = draw_style.draw(st.sampled_from([":", " : ", ":\n  "]))
        members = (f"{write(k, draw_style)}{colon}{write(v, draw_style)}" for k, v in node)
        return "{" + ", ".join(members) + "}"
    if isinstance(node, list):
        return "[" + ",".join(write(x, draw_style) for x in node) + "]"
    text = json.dumps(node, ensure_ascii=draw_style.draw(st.booleans()))
    if isinstance(node, str) and draw_style.draw(st.booleans()):
        text = text.replace(":", "\\u003a")
    return text


def expected(node: Any, loc: str = "") -> list[str]:
    if isinstance(node, list) and node and isinstance(node[0], tuple):
        out, seen = [], set()
        for k, v in node:
            if k in seen:
                out.append(f"{loc}.{k}" if loc else k)
            seen.add(k)
            out += expected(v, f"{loc}.{k}" if loc else k)
        return out
    if isinstance(node, list):
        return [x for i, item in enumerate(node) for x in expected(item, f"{loc}[{i}]")]
    return []


@settings(max_examples=300, deadline=None)
@given(values, st.data())
def test_repeated_keys_found_exactly(node: Any, data: st.DataObject) -> None:
    text = write(node, data).encode()
    found = repeated_keys(text, orjson.loads(text))
    assert [r.location for r in found] == expected(node)


@pytest.mark.parametrize("depth", [10, 1020])
def test_a_repeated_key_is_found_beside_the_deepest_nesting_orjson_reads(depth: int) -> None:
    """Nesting close to orjson's limit once hid every repeated key of the file."""
    text = (
        '{"deep": ' + "[" * depth + "]" * depth + ', "label": "ORG", "label": "PERSON"}'
    ).encode()
    found = repeated_keys(text, orjson.loads(text))
    assert [r.location for r in found] == ["label"]
