"""Fuzzing every reader and importer: whatever the bytes, the outcome is a value or a clean
coded error (``NewsannoError`` whose problems carry catalogue codes), never a traceback.

Importers are taken from the registry, so a format registered later is fuzzed without a change
here. Inputs mix raw bytes with JSON and XML-like text, and mutations of a valid annotation file,
so the fuzzer gets past the first parse as well as failing it."""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import small_doc_dict
from newsanno.corpus import load_document, read_manifest
from newsanno.corpus.writer import annotation_json
from newsanno.errors import CATALOGUE, NewsannoError, Problem
from newsanno.formats import importer
from newsanno.formats.registry import importers
from newsanno.model import Document

T = TypeVar("T")
FUZZ = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def dumps(value: Any) -> bytes:
    """JSON text as a user could write it: huge integers, lone surrogates (invalid UTF-8)."""
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
xml_like = st.lists(
    st.sampled_from(["<", ">", "</", "/>", "=", '"', "&amp;", "&#x0;", "<?xml ", "<!DOCTYPE"])
    | st.text(max_size=8),
    max_size=30,
).map("".join)
blobs = (
    st.binary(max_size=600)
    | json_values.map(dumps)
    | xml_like.map(lambda s: s.encode("utf-8", "surrogatepass"))
    | st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass"))
)


def assert_codes(problems: list[Problem]) -> None:
    assert problems
    unknown = {p.code for p in problems} - set(CATALOGUE)
    assert not unknown, f"problems with codes outside the catalogue: {unknown}"


def clean(call: Callable[[], T]) -> T | None:
    """The value of ``call()``, or None after a coded error; anything else fails the test."""
    try:
        return call()
    except NewsannoError as e:
        assert_codes(e.problems)
        return None


def _valid_annotation() -> tuple[dict[str, Any], bytes]:
    doc = Document.model_validate(small_doc_dict())
    return orjson.loads(annotation_json(doc)), doc.text.encode("utf-8")


VALID, VALID_TEXT = _valid_annotation()


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    """The valid annotation file with one value somewhere replaced by arbitrary JSON."""
    data = orjson.loads(orjson.dumps(VALID))
    node: Any = data
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            return data
        key = draw(st.sampled_from(keys))
        child = node[key]
        if isinstance(child, dict | list) and child and draw(st.booleans()):
            node = child
            continue
        node[key] = draw(json_values)
        return data


def _load(ann: bytes, text: bytes | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp)
        (corpus / "annotations").mkdir()
        (corpus / "articles").mkdir()
        ann_file = corpus / "annotations" / "small-doc.json"
        ann_file.write_bytes(ann)
        if text is not None:
            (corpus / "articles" / "small-doc.txt").write_bytes(text)
        loaded = load_document(ann_file)
    if loaded.ok:
        assert loaded.document is not None
    else:
        assert loaded.document is None
        assert_codes(loaded.problems)


@FUZZ
@given(blobs, st.none() | st.binary(max_size=300))
def test_annotation_reader_on_arbitrary_bytes(ann: bytes, text: bytes | None) -> None:
    _load(ann, text)


@FUZZ
@given(mutated(), st.sampled_from([VALID_TEXT, b"", VALID_TEXT[:20], VALID_TEXT + b"\r\n"]))
def test_annotation_reader_on_mutated_valid_files(ann: dict[str, Any], text: bytes) -> None:
    _load(dumps(ann), text)


@FUZZ
@given(st.binary(max_size=600) | st.text(max_size=300).map(str.encode))
def test_text_reader_on_arbitrary_bytes(text: bytes) -> None:
    _load(orjson.dumps(VALID), text)


@FUZZ
@given(blobs | json_values.map(lambda v: dumps({"name": "x", "version": v})))
def test_manifest_reader(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "manifest.json").write_bytes(data)
        clean(lambda: read_manifest(Path(tmp)))


SUFFIXES = ["", ".json", ".jsonl", ".xml", ".txt", ".tsv", ".conll", ".xmi", ".tml", ".html"]


def within_budget(example: Callable[[], object], seconds: float = 3.0) -> settings:
    """Fuzz settings whose example count fits ``seconds``, timed on one example (some importers
    load a whole NLP library per call), so the suite stays fast as formats are added."""
    started = time.perf_counter()
    example()
    each = max(time.perf_counter() - started, 1e-3)
    return settings(FUZZ, max_examples=max(10, min(120, int(seconds / each))))


def _import(run: Callable[[Path, Path], object], data: bytes, suffix: str, folder: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        (src / f"doc{suffix}").write_bytes(data)
        report = clean(lambda: run(src if folder else src / f"doc{suffix}", Path(tmp) / "c"))
        for p in getattr(report, "problems", []):
            assert p.code in CATALOGUE


@pytest.mark.parametrize("name", importers())
def test_importer_on_arbitrary_bytes(name: str) -> None:
    run = importer(name)

    @within_budget(lambda: _import(run, b"", ".json", False))
    @given(blobs, st.sampled_from(SUFFIXES), st.booleans())
    def fuzz(data: bytes, suffix: str, as_folder: bool) -> None:
        _import(run, data, suffix, as_folder)

    fuzz()


# --- releases and predictions ------------------------------------------------------------------


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from newsanno.release import build
    from newsanno.synth import write_synthetic_corpus

    root = tmp_path_factory.mktemp("release")
    corpus = write_synthetic_corpus(root / "corpus", 3, seed=4, workers=1)
    return build(corpus, root / "dist", allow_synthetic=True, workers=1, quiet=True).path


def _copy_with(release: Path, tmp: Path, rel: str, data: bytes) -> Path:
    import shutil

    copy = tmp / "release"
    shutil.copytree(release, copy)
    target = copy / rel
    target.chmod(0o644)
    target.write_bytes(data)
    return copy


@st.composite
def damaged(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` with a few bytes overwritten, cut short, or replaced entirely."""
    how = draw(st.sampled_from(["flip", "truncate", "replace"]))
    if how == "replace":
        return draw(blobs)
    if how == "truncate":
        return original[: draw(st.integers(0, len(original)))]
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


def test_release_reader_on_damaged_parquet(release: Path) -> None:
    from newsanno.evaluate.sources import open_gold

    shard = sorted((release / "documents").glob("*.parquet"))[0]
    rel = shard.relative_to(release).as_posix()

    @settings(FUZZ, max_examples=40)
    @given(damaged(shard.read_bytes()))
    def fuzz(data: bytes) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            copy = _copy_with(release, Path(tmp), rel, data)

            def read_all() -> None:
                gold = open_gold(copy)
                for doc_id in gold.ids():
                    gold.get(doc_id)

            clean(read_all)

    fuzz()


def test_predictions_reader_on_arbitrary_lines(release: Path) -> None:
    from newsanno.evaluate.evaluator import evaluate

    line = st.one_of(blobs, mutated().map(dumps))

    @settings(FUZZ, max_examples=40)
    @given(st.lists(line, min_size=1, max_size=3))
    def fuzz(lines: list[bytes]) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "pred.jsonl"
            path.write_bytes(b"\n".join(lines))
            clean(lambda: evaluate(release, path, bootstrap=0))

    fuzz()
