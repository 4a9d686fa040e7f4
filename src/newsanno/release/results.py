"""What shards wrote and found, addable: ``sum(results, ShardResult())`` in any order gives the
same total, so a process pool, Dask or any other scheduler needs no merging code of its own."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..errors import NewsannoError, Problem
from .arrow import CONFIGS
from .stats import Stats
from .writer import ShardFile

EXAMPLES = 100  # warnings kept per code (all are counted)


@dataclass
class ShardResult:
    documents: int = 0
    files: tuple[ShardFile, ...] = ()
    stats: Stats = field(default_factory=Stats)
    errors: list[Problem] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)  # warnings per code
    warnings: list[Problem] = field(default_factory=list)  # the first EXAMPLES of each code

    def warn(self, problems: list[Problem]) -> None:
        """Count every warning, keep the first ``EXAMPLES`` of each code: a million documents
        with one warning each must not hold a million problems."""
        for p in problems:
            self.dropped[p.code] += 1
            if self.dropped[p.code] <= EXAMPLES:
                self.warnings.append(p)

    def __add__(self, other: ShardResult) -> ShardResult:
        """Everything summed; files, errors and warnings kept in an order of their own (by
        place; by document), never in the order the shards finished."""
        if not isinstance(other, ShardResult):
            return NotImplemented
        stats = Stats()
        stats += self.stats
        stats += other.stats
        return ShardResult(
            documents=self.documents + other.documents,
            files=tuple(sorted(self.files + other.files)),
            stats=stats,
            errors=sorted(self.errors + other.errors, key=lambda p: (p.doc_id, p.file)),
            dropped=self.dropped + other.dropped,
            warnings=first_of_each_code(sorted(self.warnings + other.warnings, key=warning_order)),
        )

    def check(self) -> None:
        """Raise every error of every shard at once."""
        if self.errors:
            raise NewsannoError(self.errors)

    def release_files(self, splits: Sequence[str]) -> list[ShardFile]:
        """Files in release order: configs as in ``CONFIGS``; within one, the splits in
        ``splits`` order (any other after them, by name), then the shards by index."""
        rank = {s: i for i, s in enumerate(splits)}
        return sorted(
            self.files,
            key=lambda f: (CONFIGS.index(f.config), rank.get(f.split, len(rank)), f.split, f.index),
        )

    def rows(self, splits: Sequence[str]) -> dict[str, dict[str, int]]:
        """config -> split -> rows, without empty configs or splits."""
        return _per_split(self.release_files(splits), lambda f: f.rows)

    def sizes(self, splits: Sequence[str]) -> dict[str, dict[str, int]]:
        """config -> split -> bytes of Parquet."""
        return _per_split(self.release_files(splits), lambda f: f.bytes)

    def paths(self, splits: Sequence[str]) -> dict[str, list[str]]:
        """config -> its Parquet files, relative to the release root."""
        paths: dict[str, list[str]] = {}
        for f in self.release_files(splits):
            paths.setdefault(f.config, []).append(f.path)
        return paths


def warning_order(p: Problem) -> tuple[str, str, str]:
    return (p.doc_id, p.annotation_id, p.code)


def first_of_each_code(problems: Iterable[Problem]) -> list[Problem]:
    seen: Counter[str] = Counter()
    kept = []
    for p in problems:
        seen[p.code] += 1
        if seen[p.code] <= EXAMPLES:
            kept.append(p)
    return kept


def _per_split(
    files: list[ShardFile], value: Callable[[ShardFile], int]
) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {}
    for f in files:
        counts = table.setdefault(f.config, {})
        counts[f.split] = counts.get(f.split, 0) + value(f)
    return table
