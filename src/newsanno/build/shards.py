"""Reading Parquet shards of a release that somebody else built, in bounded memory: batches of
``BATCH_ROWS`` rows, and no more decoded bytes per file than its
:class:`~newsanno.limits.Budget` allows (Parquet is compressed and dictionary-encoded: a few
kilobytes can hold gigabytes of repeated text)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..limits import Budget

BATCH_ROWS = 64


def budget(path: Path) -> Budget:
    return Budget(str(path), f"the Parquet file {path.name}", path.stat().st_size)


def iter_rows(path: Path, columns: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """Rows of one shard, a batch at a time, within the file's budget."""
    import pyarrow.parquet as pq

    spent = budget(path)
    for batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS, columns=columns):
        spent.spend(batch.nbytes)
        yield from batch.to_pylist()


def iter_group(path: Path, group: int, spent: Budget) -> Iterator[list[dict[str, Any]]]:
    """The rows of one row group, a batch at a time."""
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS, row_groups=[group]):
        spent.spend(batch.nbytes)
        yield batch.to_pylist()
