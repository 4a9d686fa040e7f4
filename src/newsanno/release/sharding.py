"""The sharding stage of a build: the release cut into shards of ``SHARD_DOCS`` consecutive ids
of one split, and one shard built (read, validated, turned into rows, written) a batch of
documents at a time.

A shard's files have names and contents that depend only on the corpus, never on scheduling or
batching, so any scheduler that runs :func:`build_shard` on every task of :func:`shard_tasks`
(the local process pool, Dask) writes the same bytes. How documents are read and how a batch
becomes rows are the :class:`ShardStages` a task carries: module-level functions, so a task
pickles to a worker process or a Dask worker, and another reader or row maker plugs in without
touching the rest."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..corpus.batch import Batch
from ..corpus.manifest import Manifest
from ..corpus.splits import split_ids
from ..errors import Problem, problem
from .columnar import Valid, valid_documents, write_rows
from .reading import read_batches
from .results import ShardResult
from .stats import Stats
from .writer import ShardWriter

SHARD_DOCS = 2000
TICK = 100  # documents between progress reports from a shard

Reader = Callable[[Path, Sequence[str]], Iterable[Batch]]
RowWriter = Callable[[Valid, bool, str, ShardWriter], tuple[list[Problem], Stats]]
Tick = Callable[[int], object]


@dataclass(frozen=True)
class ShardStages:
    """``read``: (corpus, ids) -> the documents loaded and checked, in batches, in id order;
    ``write``: (valid documents, public build, split, writer) -> the warnings and stats of the
    rows it wrote for every config."""

    read: Reader = read_batches
    write: RowWriter = write_rows


@dataclass(frozen=True)
class ShardTask:
    corpus: Path
    root: Path  # where the shard's files go
    split: str
    index: int
    ids: tuple[str, ...]
    public: bool
    allow_synthetic: bool
    stages: ShardStages = field(default_factory=ShardStages)


def shard_tasks(
    corpus: Path,
    root: Path,
    ids: list[str],
    manifest: Manifest,
    public: bool,
    allow_synthetic: bool,
    stages: ShardStages | None = None,
) -> list[ShardTask]:
    """The shards of a release: consecutive ids of one split, ``SHARD_DOCS`` at most."""
    return [
        ShardTask(
            corpus,
            root,
            split,
            i // SHARD_DOCS,
            tuple(members[i : i + SHARD_DOCS]),
            public,
            allow_synthetic,
            stages or ShardStages(),
        )
        for split, members in split_ids(ids, manifest.splits).items()
        for i in range(0, len(members), SHARD_DOCS)
    ]


def build_shard(task: ShardTask, tick: Tick | None = None) -> ShardResult:
    """Validate and write one shard; after the first error only validation goes on, so every
    problem is reported but no more rows are written. ``tick(n)``: ``n`` more documents read
    (in steps of ``TICK``, and the rest at the end)."""
    result = ShardResult()
    writer = ShardWriter(task.root, task.split, task.index)
    read = reported = 0
    for batch in task.stages.read(task.corpus, task.ids):
        result.errors += batch_errors(batch, task.allow_synthetic)
        valid = None if result.errors else valid_documents(batch)
        if valid is not None:
            warnings, stats = task.stages.write(valid, task.public, task.split, writer)
            result.warn(in_files(warnings, batch))
            result.stats += stats
            result.documents += len(valid.texts)
        read += len(batch.ids)
        if tick is not None and read - reported >= TICK:
            step = (read - reported) // TICK * TICK
            tick(step)
            reported += step
    if tick is not None and read > reported:
        tick(read - reported)
    result.files = writer.close()
    return result


def in_files(problems: list[Problem], batch: Batch) -> list[Problem]:
    """``problems`` of the batch's documents, each naming its document's annotation file: rows
    are made from documents, which know their id but not the file they were read from."""
    if not problems:
        return problems
    files = dict(zip(batch.ids, batch.files, strict=True))
    return [p if p.file else replace(p, file=files.get(p.doc_id, "")) for p in problems]


def batch_errors(batch: Batch, allow_synthetic: bool) -> list[Problem]:
    """The errors of a batch's documents, in id order: what the model path found in those it
    refused, and synthetic documents in a build that does not allow them."""
    errors: list[Problem] = []
    synthetic = batch.array.field("meta").field("synthetic").to_pylist()
    for doc_id, file, slot, loaded in zip(
        batch.ids, batch.files, batch.slots, batch.loaded, strict=True
    ):
        if loaded is not None and loaded.document is None:
            errors += [p for p in loaded.problems if p.severity == "error"]
            continue
        is_synthetic = synthetic[slot] if loaded is None else loaded.document.meta.synthetic
        if is_synthetic and not allow_synthetic:
            errors.append(problem("synthetic-document", file=file, doc_id=doc_id))
    return errors
