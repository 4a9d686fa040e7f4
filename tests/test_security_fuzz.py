"""Arbitrary split names, ids and versions thrown at build, rehydrate and evaluate: each either
works or ends in a coded problem, and nothing is written outside the output folder."""

from __future__ import annotations

import shutil
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import small_doc_dict
from newsanno.errors import NewsannoError
from newsanno.evaluate import evaluate
from newsanno.release import build, build_release
from newsanno.release.rehydrate import rehydrate
from test_security import DOC, MANIFEST, make_corpus, reseal, snapshot

HOSTILE = [
    "../x",
    "../../../../x",
    "/tmp/newsanno-escape",
    "a/b",
    "train\n",
    "train/",
    ".",
    "..",
    "",
    "x\0y",
    "~",
    "$HOME",
    "a" * 300,
    "tr ain",
    "train\\..\\x",
    "\u202etrain",
]
names = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=16), st.from_regex(r"[a-z]{1,8}"))
versions = st.one_of(
    st.sampled_from(["1.0.0\n", "../1.0.0", "1.0.0/../../x", "1.0.0 ", "01.0.0", "1.0"]),
    st.text(max_size=12),
    st.from_regex(r"\A[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}\Z"),
)
SETTINGS = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _outside(root: Path, out: Path) -> dict[str, str]:
    rel = str(out.relative_to(root))
    return {k: v for k, v in snapshot(root).items() if k != rel and not k.startswith(rel + "/")}


def _attempt(call: Any) -> None:
    """Run ``call``; a coded problem is an acceptable end, anything else raised is not."""
    with suppress(NewsannoError):
        call()


@SETTINGS
@example(ratios=["../../../../x"], override="train", version="1.0.0")
@example(ratios=["train"], override="/tmp/newsanno-escape", version="1.0.0")
@example(ratios=["train"], override="train", version="1.0.0\n")
@given(ratios=st.lists(names, min_size=1, max_size=3), override=names, version=versions)
def test_build_writes_only_into_its_output(ratios: list[str], override: str, version: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        splits = {"ratios": dict.fromkeys(ratios, 1.0), "overrides": {DOC: override}}
        corpus = make_corpus(root / "a" / "b" / "corpus", {**MANIFEST, "splits": splits})
        out = root / "a" / "b" / "dist"
        before = _outside(root, out)
        _attempt(lambda: build(corpus, out, version=version, workers=1, quiet=True))
        assert _outside(root, out) == before


@pytest.fixture(scope="module")
def public_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz-public")
    corpus = make_corpus(root / "corpus", redistribution="annotations-only")
    return build_release(corpus, root / "dist", public=True, quiet=True)


@settings(SETTINGS, max_examples=40)
@example(split="../../../../x", doc_id=DOC, version="1.0.0")
@example(split="train", doc_id="../x", version="1.0.0")
@example(split="train", doc_id=DOC, version="../1.0.0")
@given(
    split=st.one_of(st.just("train"), names),
    doc_id=st.one_of(st.just(DOC), names),
    version=st.one_of(st.just("1.0.0"), versions),
)
def test_rehydrate_writes_only_into_its_output(
    public_release: Path, split: str, doc_id: str, version: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        release = root / "a" / "b" / "dist" / public_release.name
        shutil.copytree(public_release, release)
        manifest = orjson.loads((release / "manifest.json").read_bytes())
        manifest["splits"] = {"ratios": {split: 1.0}}
        (release / "manifest.json").write_bytes(orjson.dumps(manifest))
        meta = orjson.loads((release / "croissant.json").read_bytes())
        (release / "croissant.json").write_bytes(orjson.dumps({**meta, "version": version}))
        [shard] = sorted((release / "documents").glob("*.parquet"))
        table = pq.read_table(shard)
        ids = [doc_id, *table.column("id").to_pylist()[1:]]
        pq.write_table(table.set_column(0, "id", pa.array(ids)), shard)
        reseal(release)
        texts = root / "a" / "b" / "texts"
        texts.mkdir()
        for name in (DOC, "other-doc"):
            (texts / f"{name}.txt").write_text(small_doc_dict()["text"], encoding="utf-8")
        out = root / "a" / "b" / "out"
        before = _outside(root, out)
        _attempt(lambda: rehydrate(release, texts, out, workers=1))
        assert _outside(root, out) == before


@pytest.fixture(scope="module")
def gold(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("fuzz-gold")
    corpus = make_corpus(root / "corpus")
    release = build_release(corpus, root / "dist", quiet=True)
    line = orjson.loads((corpus / "annotations" / f"{DOC}.json").read_bytes())
    return corpus, release, line


@SETTINGS
@example(ids=[f"../annotations/{DOC}"])
@given(
    ids=st.lists(
        st.one_of(names, st.sampled_from([DOC, "other-doc", f"../annotations/{DOC}", f"./{DOC}"])),
        min_size=1,
        max_size=3,
    )
)
def test_evaluate_reads_only_gold_ids_and_writes_nothing(
    gold: tuple[Path, Path, dict[str, Any]], ids: list[str]
) -> None:
    corpus, release, line = gold
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "p.jsonl"
        pred.write_bytes(b"".join(orjson.dumps({**line, "id": i}) + b"\n" for i in ids))
        before = snapshot(corpus.parent)
        fine = set(ids) <= {DOC, "other-doc"} and len(set(ids)) == len(ids)
        for source in (corpus, release):
            try:
                evaluate(source, pred, bootstrap=0, split=None)
                assert fine, ids
            except NewsannoError as e:
                assert not fine, e
                assert e.problems[0].code in ("pred-unknown-document", "pred-duplicate-document")
        assert snapshot(corpus.parent) == before
