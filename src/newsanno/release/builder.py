"""``corpus/`` -> ``dist/<name>-<version>[-public]/``: Parquet per config and split, README with
the ``datasets`` front matter, Croissant metadata, SHA256SUMS.

Documents stream through worker processes in shards of ``SHARD_DOCS`` consecutive ids of one
split; each shard is written by one worker to its own files, whose names and contents depend
only on the corpus, never on scheduling, so rebuilds are byte-identical. The release is built
in a hidden temporary directory and renamed into place only when complete: a failed or
interrupted build leaves no release. A released version is immutable: rebuilding it with the
same content is a no-op, with different content an error.
"""

from __future__ import annotations

import filecmp
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..corpus import read_manifest
from ..corpus.batch import read_batch
from ..corpus.layout import MANIFEST, annotation_path, text_path
from ..corpus.manifest import Manifest, check_split_names
from ..corpus.reader import corpus_ids
from ..corpus.splits import split_ids
from ..errors import NewsannoError, Problem, fail, problem
from ..generated import markdown_text
from ..paths import check_name, check_version, no_link, read_inside
from .arrow import CONFIGS
from .card import DEFAULT_TEMPLATE, release_readme
from .columnar import valid_documents, write_rows
from .metadata import CROISSANT, croissant, write_checksums
from .stats import Stats
from .workdir import Workdir
from .writer import ShardWriter, shard_name

SHARD_DOCS = 2000
BATCH_DOCS = 100  # documents read, checked and turned into rows at once (memory: ~1 MB each)
TICK = 100  # documents between progress reports from a shard
EXAMPLES = 100  # warnings kept per code (all are counted)
# Set in builds that show progress: adds a number of documents done to the display.
_tick: Callable[[int], object] | None = None
CARD = "DATASET_CARD.md"
README = "README.md"


@dataclass(frozen=True)
class ShardTask:
    corpus: Path
    root: Path
    split: str
    index: int
    ids: tuple[str, ...]
    public: bool
    allow_synthetic: bool


@dataclass
class ShardResult:
    split: str
    index: int
    documents: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    stats: Stats = field(default_factory=Stats)
    errors: list[Problem] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)
    warnings: list[Problem] = field(default_factory=list)

    def warn(self, problems: list[Problem]) -> None:
        """Count every warning, keep the first ``EXAMPLES`` of each code: a million documents
        with one warning each must not hold a million problems."""
        for p in problems:
            self.dropped[p.code] += 1
            if self.dropped[p.code] <= EXAMPLES:
                self.warnings.append(p)


@dataclass
class BuildReport:
    path: Path
    version: str
    public: bool
    created: bool = True
    documents: int = 0
    rows: dict[str, dict[str, int]] = field(default_factory=dict)
    dropped: Counter[str] = field(default_factory=Counter)
    warnings: list[Problem] = field(default_factory=list)
    stats: Stats = field(default_factory=Stats)
    seconds: float = 0.0

    def render(self) -> str:
        verb = "built" if self.created else "unchanged (same content):"
        lines = [f"{verb} {self.path} ({self.documents} documents, {self.seconds:.1f} s)"]
        for config, splits in self.rows.items():
            counts = ", ".join(f"{s} {n}" for s, n in splits.items())
            lines.append(f"  {config}: {counts}")
        first = {}
        for p in self.warnings:
            first.setdefault(p.code, p)
        for code, n in sorted(self.dropped.items()):
            verb = "words split" if code == "ner-split-word" else "left out"
            lines.append(f"  ner {verb} {n}: {code}")
            if code in first:
                lines.append(f"    e.g. {first[code].render()}")
        return "\n".join(lines)


def build_shard(task: ShardTask) -> ShardResult:
    """Validate and write one shard, a batch of documents at a time (the columnar path:
    :mod:`newsanno.corpus.batch`, :mod:`newsanno.release.columnar`); after the first error
    only validation goes on, so every problem is reported but no more rows are written."""
    result = ShardResult(task.split, task.index)
    writer = ShardWriter(task.root, task.split, task.index)
    ids = list(task.ids)
    for lo in range(0, len(ids), BATCH_DOCS):
        batch = read_batch(task.corpus, ids[lo : lo + BATCH_DOCS])
        synthetic = batch.array.field("meta").field("synthetic").to_pylist()
        for doc_id, file, slot, loaded in zip(
            batch.ids, batch.files, batch.slots, batch.loaded, strict=True
        ):
            if loaded is not None and loaded.document is None:
                result.errors += [p for p in loaded.problems if p.severity == "error"]
                continue
            is_synthetic = synthetic[slot] if loaded is None else loaded.document.meta.synthetic
            if is_synthetic and not task.allow_synthetic:
                result.errors.append(problem("synthetic-document", file=file, doc_id=doc_id))
        valid = None if result.errors else valid_documents(batch)
        if valid is None:
            continue
        warnings, stats = write_rows(valid, task.public, task.split, writer)
        result.warn(warnings)
        result.stats += stats
        done = result.documents
        result.documents += len(valid.array)
        if _tick is not None and result.documents // TICK > done // TICK:
            _tick((result.documents // TICK - done // TICK) * TICK)
    result.rows = writer.close()
    return result


def release_name(manifest: Manifest, version: str, public: bool) -> str:
    """The release folder's name, from names checked here (they come from the manifest)."""
    name = check_name(manifest.name, "corpus name")
    return f"{name}-{check_version(version)}{'-public' if public else ''}"


def release_ids(corpus: Path) -> list[str]:
    """Ids of the documents to release, sorted; a text without annotations or an empty corpus
    is refused before any work starts."""
    ann_ids, txt_ids = corpus_ids(corpus)
    orphans = sorted(set(txt_ids).difference(ann_ids))
    if orphans:
        raise NewsannoError(
            [
                problem(
                    "missing-annotations",
                    file=str(text_path(corpus, i)),
                    doc_id=i,
                    path=str(annotation_path(corpus, i)),
                )
                for i in orphans
            ]
        )
    if not ann_ids:
        raise fail("empty-corpus", path=str(corpus))
    return ann_ids


def shard_tasks(
    corpus: Path,
    root: Path,
    ids: list[str],
    manifest: Manifest,
    public: bool,
    allow_synthetic: bool,
) -> list[ShardTask]:
    """The shards of a release: consecutive ids of one split, ``SHARD_DOCS`` at most; any
    scheduler that runs :func:`build_shard` on each writes the same files under ``root``."""
    return [
        ShardTask(
            corpus,
            root,
            split,
            i // SHARD_DOCS,
            tuple(members[i : i + SHARD_DOCS]),
            public,
            allow_synthetic,
        )
        for split, members in split_ids(ids, manifest.splits).items()
        for i in range(0, len(members), SHARD_DOCS)
    ]


def build(
    corpus: Path,
    out: Path,
    *,
    version: str | None = None,
    public: bool = False,
    allow_synthetic: bool = False,
    workers: int = 2,
    quiet: bool = False,
    card: str | None = None,
) -> BuildReport:
    """Build a release and report what it holds. ``card``: the dataset card template (default:
    ``DATASET_CARD.md`` next to the corpus directory)."""
    started = time.perf_counter()
    manifest = read_manifest(corpus)
    version = check_version(version or manifest.version)
    check_split_names(manifest.splits, str(corpus / MANIFEST))
    out = _output_folder(out)
    tasks_root = out / release_name(manifest, version, public)
    report = BuildReport(tasks_root, version, public)
    ann_ids = release_ids(corpus)
    if card is None:
        card_path = no_link(corpus.resolve().parent / CARD)
        card = (
            card_path.read_text(encoding="utf-8")
            if card_path.is_file()
            else DEFAULT_TEMPLATE.format(
                name=manifest.name, description=markdown_text(manifest.description, line_start=True)
            )
        )
    workdir = Workdir(out, tasks_root.name)
    tmp = workdir.path
    try:
        tasks = shard_tasks(corpus, tmp, ann_ids, manifest, public, allow_synthetic)
        progress = _Progress(len(ann_ids), quiet)
        results = list(_run(tasks, workers, progress))
        progress.done()
        errors = [p for r in results for p in r.errors]
        if errors:
            raise NewsannoError(errors)
        order = {s: i for i, s in enumerate(manifest.splits.ratios)}
        results.sort(key=lambda r: (order.get(r.split, len(order)), r.split, r.index))
        files: dict[str, list[str]] = {c: [] for c in CONFIGS}
        sizes: dict[str, dict[str, int]] = {}
        for r in results:
            report.documents += r.documents
            report.stats += r.stats
            report.dropped.update(r.dropped)
            report.warnings += r.warnings
            for config, n in r.rows.items():
                if n:
                    rel = shard_name(config, r.split, r.index)
                    files[config].append(rel)
                    for table, value in ((report.rows, n), (sizes, (tmp / rel).stat().st_size)):
                        counts = table.setdefault(config, {})
                        counts[r.split] = counts.get(r.split, 0) + value
        report.rows = {c: report.rows[c] for c in CONFIGS if c in report.rows}
        report.stats.order_splits(manifest.splits.ratios)
        report.warnings.sort(key=lambda p: (p.doc_id, p.annotation_id, p.code))
        report.warnings = _first_of_each_code(report.warnings)
        (tmp / MANIFEST).write_bytes(read_inside(corpus, corpus / MANIFEST))
        readme = release_readme(
            card,
            manifest,
            version,
            report.stats,
            report.rows,
            sizes,
            public=public,
            dropped=report.dropped,
        )
        (tmp / README).write_text(readme, encoding="utf-8")
        (tmp / CROISSANT).write_bytes(
            croissant(tmp, manifest, version, {c: f for c, f in files.items() if f})
        )
        write_checksums(tmp)
        report.created = _publish(tmp, tasks_root, version)
    finally:
        workdir.close()
    report.seconds = time.perf_counter() - started
    return report


def build_release(
    corpus: Path,
    out: Path,
    *,
    version: str | None = None,
    public: bool = False,
    allow_synthetic: bool = False,
    workers: int = 2,
    quiet: bool = False,
) -> Path:
    """Build (or find unchanged) a release; its directory."""
    return build(
        corpus,
        out,
        version=version,
        public=public,
        allow_synthetic=allow_synthetic,
        workers=workers,
        quiet=quiet,
    ).path


def _first_of_each_code(problems: list[Problem]) -> list[Problem]:
    seen: Counter[str] = Counter()
    kept = []
    for p in problems:
        seen[p.code] += 1
        if seen[p.code] <= EXAMPLES:
            kept.append(p)
    return kept


def _publish(tmp: Path, final: Path, version: str) -> bool:
    """Rename the finished build into place; False when the same release already exists.

    ``rename`` refuses to replace a non-empty directory, so of two builds finishing at once one
    publishes and the other finds the release there and compares it."""
    for path in tmp.rglob("*"):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    os.chmod(tmp, 0o755)
    if final.is_symlink():
        raise fail("outside-root", path=str(final), root=str(final.parent))
    if not final.exists():
        try:
            os.rename(tmp, final)
            return True
        except OSError:
            if not final.exists():
                raise
    if same_tree(tmp, final):
        return False
    raise fail("release-exists", path=str(final), version=version)


def same_tree(a: Path, b: Path) -> bool:
    """True when ``b`` holds exactly the regular files of ``a``, byte for byte: an existing
    release counts as unchanged only by its content, never by its checksum file alone."""

    def files(root: Path) -> dict[str, Path] | None:
        found = {}
        for dirpath, dirnames, filenames in os.walk(root):
            for name in [*dirnames, *filenames]:
                path = Path(dirpath, name)
                if path.is_symlink() or not (path.is_dir() or path.is_file()):
                    return None
                if path.is_file():
                    found[path.relative_to(root).as_posix()] = path
        return found

    if b.is_symlink() or not b.is_dir():
        return False
    mine, theirs = files(a), files(b)
    if mine is None or theirs is None or mine.keys() != theirs.keys():
        return False
    return all(filecmp.cmp(mine[k], theirs[k], shallow=False) for k in mine)


def _output_folder(out: Path) -> Path:
    """``out`` when it is a folder or can become one; a file or a dangling link is refused."""
    if out.is_symlink() and not out.exists():
        raise fail("bad-output", path=str(out), reason="a symbolic link to nothing")
    if out.exists() and not out.is_dir():
        raise fail("bad-output", path=str(out), reason="a file, not a folder")
    for parent in out.absolute().parents:
        if parent.exists() and not parent.is_dir():
            raise fail("bad-output", path=str(out), reason=f"below {parent}, which is a file")
    return out


def _run(tasks: list[ShardTask], workers: int, progress: _Progress) -> Iterator[ShardResult]:
    """Shard results in any order; ``progress`` follows the documents as shards report them."""
    global _tick
    if workers <= 1 or len(tasks) <= 1:
        _tick = progress.add_ticks
        try:
            for result in map(build_shard, tasks):
                progress.finish_shard(result)
                yield result
        finally:
            _tick = None
        return
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    done = ctx.Value("q", 0)
    with ctx.Pool(min(workers, len(tasks)), _count_into, (done,)) as pool:
        results = pool.imap_unordered(build_shard, tasks)
        while True:
            try:
                result = results.next(timeout=0.5)
            except multiprocessing.TimeoutError:
                progress.show(done.value)
                continue
            except StopIteration:
                return
            progress.finish_shard(result)
            yield result


def _count_into(counter: Any) -> None:
    """Pool initializer: shards in this worker add their progress to the shared ``counter``."""

    def add(n: int) -> None:
        with counter.get_lock():
            counter.value += n

    global _tick
    _tick = add


class _Progress:
    """A one-line progress display on a terminal's stderr (documents, rate), silent with
    ``quiet`` or when stderr is not a terminal. Running
    shards report every ``TICK`` documents; a finished shard adds the documents it did not."""

    def __init__(self, total: int, quiet: bool) -> None:
        # redrawn with \r, which a log file or a pipe would keep as one line per update
        self.total, self.quiet = total, quiet or not sys.stderr.isatty()
        self.ticks = 0  # documents reported by ticks
        self.rest = 0  # documents of finished shards that no tick reported
        self.started = time.perf_counter()

    def add_ticks(self, n: int) -> None:
        self.show(self.ticks + n)

    def finish_shard(self, result: ShardResult) -> None:
        self.rest += result.documents % TICK + len(result.errors)
        self.show(self.ticks)

    def show(self, ticks: int) -> None:
        self.ticks = ticks
        if self.quiet:
            return
        count = self.ticks + self.rest
        rate = count / max(time.perf_counter() - self.started, 1e-9)
        sys.stderr.write(f"\rbuilding: {count}/{self.total} documents, {rate:,.0f} docs/s")
        sys.stderr.flush()

    def done(self) -> None:
        if not self.quiet:
            sys.stderr.write("\n")
