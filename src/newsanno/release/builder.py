"""``corpus/`` -> ``dist/<name>-<version>[-public]/``: Parquet per config and split, README with
the ``datasets`` front matter, Croissant metadata, SHA256SUMS.

A build runs four stages, each in a module of its own:

1. reading (:mod:`.reading`): manifest, version, ids and card template, checked up front;
2. sharding (:mod:`.sharding`, run by :mod:`.processes`): shards of consecutive ids of one split,
   each read, validated and written to its own Parquet files by one worker; their results add
   up with ``+``;
3. writing (here): the manifest, card, Croissant metadata and checksums around the Parquet;
4. publishing (:mod:`.workdir`): all of it is built in a hidden directory and renamed into place
   only when complete, so a failed or interrupted build leaves no release. A released version
   is immutable: rebuilding it with the same content is a no-op, with different content an
   error.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus.layout import MANIFEST
from ..errors import Problem
from ..outputs import check_apart, new_folders_undone, output_folder
from ..paths import read_inside
from .card import release_readme
from .metadata import CROISSANT, croissant, write_checksums
from .processes import run_shards
from .progress import Progress
from .reading import ReleaseSource, read_source
from .results import ShardResult
from .sharding import ShardStages, shard_tasks
from .stats import Stats
from .workdir import Workdir

README = "README.md"


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
    stages: ShardStages | None = None,
) -> BuildReport:
    """Build a release and report what it holds. ``card``: the dataset card template (default:
    ``DATASET_CARD.md`` next to the corpus directory); ``stages``: how shards read documents
    and make rows (default: :class:`~newsanno.corpus.reader` and :mod:`.rows`)."""
    started = time.perf_counter()
    source = read_source(corpus, version, card)
    final = output_folder(out) / source.release_name(public)
    check_apart(final, [corpus])
    with new_folders_undone(out), Workdir(out, final.name) as workdir:
        tasks = shard_tasks(
            corpus, workdir.path, source.ids, source.manifest, public, allow_synthetic, stages
        )
        progress = Progress(len(source.ids), quiet)
        total = run_shards(tasks, workers, progress)
        progress.done()
        total.check()
        total.stats.order_splits(source.manifest.splits.ratios)
        write_release_files(workdir.path, source, total, public)
        created = workdir.publish(final, source.version)
    return BuildReport(
        final,
        source.version,
        public,
        created=created,
        documents=total.documents,
        rows=total.rows(list(source.manifest.splits.ratios)),
        dropped=total.dropped,
        warnings=total.warnings,
        stats=total.stats,
        seconds=time.perf_counter() - started,
    )


def write_release_files(
    root: Path, source: ReleaseSource, total: ShardResult, public: bool
) -> None:
    """Around the shards' Parquet: the corpus manifest, the README (card with the ``datasets``
    front matter), Croissant metadata, and last the checksums of everything."""
    splits = list(source.manifest.splits.ratios)
    corpus = source.corpus
    (root / MANIFEST).write_bytes(read_inside(corpus, corpus / MANIFEST))
    readme = release_readme(
        source.card,
        source.manifest,
        source.version,
        total.stats,
        total.rows(splits),
        total.sizes(splits),
        public=public,
        dropped=total.dropped,
    )
    (root / README).write_text(readme, encoding="utf-8")
    (root / CROISSANT).write_bytes(
        croissant(root, source.manifest, source.version, total.paths(splits))
    )
    write_checksums(root)


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
