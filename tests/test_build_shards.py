"""The stages of a build: shard results add with ``+`` in any order to one total, a shard
reports its progress through the callback it is given, and the reading and row stages can be
replaced without touching the rest."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from functools import reduce
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsanno.corpus import iter_corpus, read_manifest
from newsanno.corpus.batch import Batch
from newsanno.errors import Problem, problem
from newsanno.release import build
from newsanno.release import sharding as sharding_module
from newsanno.release.columnar import Valid, write_rows
from newsanno.release.processes import run_shards
from newsanno.release.progress import Progress
from newsanno.release.reading import model_batches, release_ids
from newsanno.release.results import EXAMPLES, ShardResult
from newsanno.release.sharding import Reader, ShardStages, build_shard, shard_tasks
from newsanno.release.stats import Stats
from newsanno.release.workdir import same_tree
from newsanno.release.writer import ShardWriter
from newsanno.synth import write_synthetic_corpus

DOCS = 40


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic_corpus(tmp_path_factory.mktemp("s") / "c", DOCS, seed=5, workers=1)


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The release the default stages build, in one process."""
    out = tmp_path_factory.mktemp("ref")
    return build(corpus, out, allow_synthetic=True, workers=1, quiet=True).path


def small_tasks(corpus: Path, root: Path, monkeypatch: pytest.MonkeyPatch) -> list:
    monkeypatch.setattr(sharding_module, "SHARD_DOCS", 6)
    manifest = read_manifest(corpus)
    return shard_tasks(corpus, root, release_ids(corpus), manifest, False, True)


def summary(total: ShardResult, splits: Sequence[str]) -> tuple:
    total.stats.order_splits(dict.fromkeys(splits, 0.0))
    tables = (total.stats.stats_table(), total.stats.provenance_table())
    return (
        total.documents,
        total.files,
        total.rows(splits),
        total.sizes(splits),
        total.paths(splits),
        tables,
        total.stats.licenses_table(),
        total.dropped,
        total.warnings,
        total.errors,
    )


def test_shard_results_sum_to_one_total_in_any_order(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tasks = small_tasks(corpus, tmp_path, monkeypatch)
    assert len(tasks) >= 7  # several shards per split
    results = [build_shard(t) for t in tasks]
    splits = list(read_manifest(corpus).splits.ratios)
    orders = [results, results[::-1], results[1::2] + results[::2]]
    totals = [sum(order, ShardResult()) for order in orders]
    # and as a tree, the way a scheduler might combine partial sums
    halves = (
        sum(results[: len(results) // 2], ShardResult()),
        sum(results[len(results) // 2 :], ShardResult()),
    )
    totals.append(halves[1] + halves[0])
    first = summary(totals[0], splits)
    for total in totals[1:]:
        assert summary(total, splits) == first
    total = totals[0]
    assert total.documents == DOCS == sum(total.stats.documents.values())
    # what the results say was written is what the files hold
    for f in total.files:
        path = tmp_path / f.path
        assert path.stat().st_size == f.bytes
        assert pq.ParquetFile(path).metadata.num_rows == f.rows
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.parquet"))
    assert written == sorted(f.path for f in total.files)
    assert sum(total.rows(splits)["documents"].values()) == DOCS


def test_sums_keep_the_first_warnings_of_each_code_by_document() -> None:
    def shard(ids: range) -> ShardResult:
        result = ShardResult()
        result.warn([problem("ner-outside-scope", doc_id=f"d{i:04d}", start=0, end=1) for i in ids])
        return result

    a, b = shard(range(0, 2 * EXAMPLES, 2)), shard(range(1, 2 * EXAMPLES + 50, 2))
    for total in (a + b, b + a, ShardResult() + b + a):
        assert total.dropped == {"ner-outside-scope": 2 * EXAMPLES + 25}
        assert [p.doc_id for p in total.warnings] == [f"d{i:04d}" for i in range(EXAMPLES)]


def test_errors_of_every_shard_come_in_document_order() -> None:
    def failed(doc_id: str) -> ShardResult:
        return ShardResult(errors=[problem("synthetic-document", file="f", doc_id=doc_id)])

    results = [failed("c"), failed("a"), failed("b")]
    for order in itertools.permutations(results):
        assert [p.doc_id for p in reduce(ShardResult.__add__, order).errors] == ["a", "b", "c"]


def test_a_shard_reports_every_document_it_read(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sharding_module, "TICK", 4)
    task = next(t for t in small_tasks(corpus, tmp_path, monkeypatch) if len(t.ids) == 6)
    ticks: list[int] = []
    build_shard(task, ticks.append)
    assert ticks == [4, 2]


def test_worker_processes_report_their_progress(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = read_manifest(corpus)
    tasks = shard_tasks(corpus, tmp_path, release_ids(corpus), manifest, False, True)
    progress = Progress(DOCS, quiet=True)
    progress.visible = True  # as on a terminal: counts travel from the workers
    total = run_shards(tasks, 2, progress)
    assert total.documents == DOCS
    assert progress.count == DOCS
    assert f"building: {DOCS}/{DOCS} documents" in capsys.readouterr().err


def read_whole_corpus(corpus: Path, ids: Sequence[str]) -> Iterator[Batch]:
    """Another reader: one pass over the corpus through the models, keeping the shard's
    documents, three at a time."""
    wanted = set(ids)
    kept = [loaded for loaded in iter_corpus(corpus) if loaded.doc_id in wanted]
    return (Batch.of_loaded(kept[i : i + 3]) for i in range(0, len(kept), 3))


class WithoutClaims:
    """A writer that drops the claims config."""

    def __init__(self, writer: ShardWriter) -> None:
        self.writer = writer

    def add(self, config: str, batch: pa.RecordBatch, counts: list[int]) -> None:
        if config != "claims":
            self.writer.add(config, batch, counts)


def rows_without_claims(
    valid: Valid, public: bool, split: str, writer: ShardWriter
) -> tuple[list[Problem], Stats]:
    return write_rows(valid, public, split, WithoutClaims(writer))


@pytest.mark.parametrize("reader", [model_batches, read_whole_corpus])
def test_another_reader_that_loads_the_same_documents_builds_the_same_release(
    corpus: Path, reference: Path, tmp_path: Path, reader: Reader
) -> None:
    """The default reader (the columnar fast path) against the model path and a reader of
    this test's own."""
    report = build(
        corpus,
        tmp_path,
        allow_synthetic=True,
        workers=1,
        quiet=True,
        stages=ShardStages(read=reader),
    )
    assert same_tree(report.path, reference)


def test_the_row_stage_decides_the_rows(corpus: Path, reference: Path, tmp_path: Path) -> None:
    report = build(
        corpus,
        tmp_path,
        allow_synthetic=True,
        workers=2,
        quiet=True,
        stages=ShardStages(write=rows_without_claims),
    )
    assert "claims" not in report.rows and not (report.path / "claims").exists()
    assert (reference / "claims").is_dir()
    for rel in (p.relative_to(reference) for p in reference.rglob("*.parquet")):
        if rel.parts[0] != "claims":
            assert (report.path / rel).read_bytes() == (reference / rel).read_bytes(), rel
