"""The sharding stage of a build: the release cut into shards of ``SHARD_DOCS`` consecutive ids
of one split, and one shard built (read, validated, turned into rows, written).

A shard's files have names and contents that depend only on the corpus, never on scheduling, so
any scheduler that runs :func:`build_shard` on every task of :func:`shard_tasks` (the local
process pool, Dask) writes the same bytes. How documents are read and how one becomes rows are
the :class:`ShardStages` a task carries: module-level functions, so a task pickles to a worker
process or a Dask worker, and a faster reader or row maker plugs in without touching the rest."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus.manifest import Manifest
from ..corpus.reader import Loaded
from ..corpus.splits import split_ids
from ..errors import Problem, problem
from ..model.document import Document
from .reading import read_documents
from .results import ShardResult
from .rows import Row, config_rows, withheld
from .writer import ShardWriter

SHARD_DOCS = 2000
TICK = 100  # documents between progress reports from a shard

Reader = Callable[[Path, Sequence[str]], Iterable[Loaded]]
RowMaker = Callable[[Document, bool], tuple[dict[str, list[Row]], list[Problem]]]
Tick = Callable[[int], object]


@dataclass(frozen=True)
class ShardStages:
    """``read``: (corpus, ids) -> the documents loaded and checked, in id order; ``rows``:
    (document, withhold its text) -> the rows of every config, and the warnings."""

    read: Reader = read_documents
    rows: RowMaker = config_rows


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
    (every ``TICK``, and the rest at the end)."""
    result = ShardResult()
    writer = ShardWriter(task.root, task.split, task.index)
    read = 0
    for loaded in task.stages.read(task.corpus, task.ids):
        _add_document(task, loaded, writer, result)
        read += 1
        if tick is not None and read % TICK == 0:
            tick(TICK)
    if tick is not None and read % TICK:
        tick(read % TICK)
    result.files = writer.close()
    return result


def _add_document(
    task: ShardTask, loaded: Loaded, writer: ShardWriter, result: ShardResult
) -> None:
    doc = loaded.document
    if doc is None:
        result.errors += [p for p in loaded.problems if p.severity == "error"]
        return
    if doc.meta.synthetic and not task.allow_synthetic:
        result.errors.append(problem("synthetic-document", file=loaded.file, doc_id=doc.id))
    if result.errors:
        return
    rows, warnings = task.stages.rows(doc, withheld(doc, task.public))
    writer.add(rows)
    result.warn(warnings)
    result.stats.add(doc, task.split)
    result.documents += 1
