"""Validate a corpus, a folder of annotation files or single files, streaming and in parallel.

Work is cut into chunks of document ids in id order; a process pool checks chunks while the
caller consumes the results of earlier ones, in order, with a bounded number of chunks in
flight. The output is therefore the same for any number of workers, memory does not grow with
the corpus, and each chunk comes back with its own :class:`Summary`, which adds up."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import TypeVar

from ..corpus.layout import ANNOTATION_SUFFIX, ANNOTATIONS, TEXT_SUFFIX, annotation_path
from ..corpus.manifest import check_manifest
from ..corpus.reader import Loaded, corpus_ids, load_document, load_entry
from ..errors import problem
from ..model.labels import LAYERS

CHUNK = 250
T = TypeVar("T")
R = TypeVar("R")


@dataclass
class Summary:
    """Addable counts, so shards validated apart can be summed."""

    docs: int = 0
    invalid_docs: int = 0
    annotations: Counter[str] = field(default_factory=Counter)
    errors: int = 0
    warnings: int = 0
    seconds: float = 0.0

    def add(self, loaded: Loaded) -> None:
        self.docs += 1
        self.invalid_docs += not loaded.ok
        for p in loaded.problems:
            if p.severity == "error":
                self.errors += 1
            else:
                self.warnings += 1
        if loaded.document is not None:
            for layer in LAYERS:
                self.annotations[layer] += len(getattr(loaded.document, layer))

    def merge(self, other: Summary) -> None:
        """Add the counts of ``other`` (a shard validated elsewhere); time is not added."""
        self.docs += other.docs
        self.invalid_docs += other.invalid_docs
        self.annotations.update(other.annotations)
        self.errors += other.errors
        self.warnings += other.warnings

    def render(self) -> str:
        layers = ", ".join(f"{self.annotations[name]} {name}" for name in LAYERS)
        return (
            f"{self.docs} documents ({self.invalid_docs} invalid), {layers}; "
            f"{self.errors} errors, {self.warnings} warnings in {self.seconds:.2f} s"
        )


@dataclass(frozen=True)
class Chunk:
    """A unit of work: ids of one corpus (``orphans`` are texts without annotations), or
    single paths given on the command line."""

    corpus: Path | None = None
    ids: tuple[str, ...] = ()
    orphans: frozenset[str] = frozenset()
    path: Path | None = None


def plan(paths: Iterable[Path], size: int = CHUNK) -> Iterator[Chunk]:
    """Chunks in output order. Listing a corpus reads file names only, not files."""
    for path in paths:
        if not path.is_dir():
            yield Chunk(path=path)
            continue
        corpus = path.parent if path.name == ANNOTATIONS else path
        ids, txt_ids = corpus_ids(corpus)
        orphans = set(_missing(txt_ids, ids))
        del txt_ids  # only the id list (a few MB per 100,000 documents) stays
        if orphans:
            ids = sorted(orphans.union(ids))
        for lo in range(0, len(ids), size):
            part = ids[lo : lo + size]
            yield Chunk(corpus, tuple(part), frozenset(orphans.intersection(part)))


def _missing(names: list[str], present: list[str]) -> Iterator[str]:
    """Items of sorted ``names`` not in sorted ``present``, by one merge walk (no set of a
    whole corpus's names)."""
    j = 0
    for name in names:
        while j < len(present) and present[j] < name:
            j += 1
        if j == len(present) or present[j] != name:
            yield name


def load_chunk(chunk: Chunk) -> Iterator[Loaded]:
    if chunk.corpus is not None:
        for doc_id in chunk.ids:
            yield load_entry(chunk.corpus, doc_id, orphan=doc_id in chunk.orphans)
    elif chunk.path is not None:
        yield _load_path(chunk.path)


def _load_path(path: Path) -> Loaded:
    if path.name.endswith(TEXT_SUFFIX) and path.is_file():
        doc_id = path.name.removesuffix(TEXT_SUFFIX)
        return load_document(annotation_path(path.parent.parent, doc_id))
    if path.name.endswith(ANNOTATION_SUFFIX) or not path.exists():
        return load_document(path)
    f = str(path)
    return Loaded(
        f,
        "",
        None,
        [problem("file-not-found", file=f, path=f"{f} (not a corpus, annotation or text file)")],
    )


def check_chunk(chunk: Chunk) -> tuple[list[Loaded], Summary]:
    """Validate one chunk: its results without the documents (cheap to send between
    processes) and its summary. A corpus's documents are checked a chunk at a time on the
    columnar path (:func:`newsanno.corpus.batch.read_batch`), which reads only the documents
    it finds something in with the models."""
    summary = Summary()
    if chunk.corpus is None:
        results = []
        for loaded in load_chunk(chunk):
            summary.add(loaded)
            results.append(Loaded(loaded.file, loaded.doc_id, None, loaded.problems))
        return results, summary
    # imported here: only the workers need pyarrow, not the process that lists the corpus
    import pyarrow.compute as pc

    from ..corpus.batch import read_batch

    batch = read_batch(chunk.corpus, list(chunk.ids), chunk.orphans)
    counts = {layer: pc.list_value_length(batch.array.field(layer)).to_pylist() for layer in LAYERS}
    results = []
    for doc_id, file, slot, loaded in zip(
        batch.ids, batch.files, batch.slots, batch.loaded, strict=True
    ):
        if loaded is None:
            summary.docs += 1
            for layer in LAYERS:
                summary.annotations[layer] += counts[layer][slot] or 0
            results.append(Loaded(file, doc_id, None, []))
        else:
            summary.add(loaded)
            results.append(Loaded(loaded.file, loaded.doc_id, None, loaded.problems))
    return results, summary


def ordered_map(
    fn: Callable[[T], R], items: Iterable[T], workers: int, ahead: int = 4
) -> Iterator[R]:
    """``map(fn, items)`` over a process pool, in order, with at most ``ahead`` items per
    worker in flight (``items`` is consumed lazily). One worker or one item: no pool."""
    it = iter(items)
    head = list(islice(it, 2))
    if workers <= 1 or len(head) < 2:
        yield from map(fn, chain(head, it))
        return
    pending: deque[Future[R]] = deque()
    # forkserver: workers start from a small server process, not as copies of this one, whose
    # list of ids grows with the corpus (forked, each worker would count it again)
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        try:
            for item in chain(head, it):
                pending.append(pool.submit(fn, item))
                if len(pending) >= workers * ahead:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def default_workers() -> int:
    return min(2, os.cpu_count() or 1)


def validate(
    paths: Iterable[Path], summary: Summary, *, workers: int | None = None, chunk: int = CHUNK
) -> Iterator[Loaded]:
    """What validating each corpus manifest and each document found, in id order (corpora) or
    argument order (files),
    without the documents themselves (use :func:`newsanno.corpus.iter_corpus` to read them);
    ``summary`` keeps the running counts."""
    started = time.perf_counter()
    n = default_workers() if workers is None else workers
    paths = list(paths)
    for path in paths:
        if path.is_dir() and path.name != ANNOTATIONS:
            problems = check_manifest(path)
            summary.errors += len(problems)
            if problems:
                yield Loaded(problems[0].file, "", None, problems)
    for results, part in ordered_map(check_chunk, plan(paths, chunk), n):
        summary.merge(part)
        summary.seconds = time.perf_counter() - started
        yield from results
