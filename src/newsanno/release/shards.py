"""Reading Parquet shards of a release that somebody else built, in bounded memory.

Parquet is compressed and dictionary-encoded: a few kilobytes can hold gigabytes of repeated
text. A shard whose pages declare more uncompressed bytes than its
:class:`~newsanno.limits.Budget` allows is refused before anything is decoded (one huge value);
the rest is decoded ``BATCH_ROWS`` rows at a time, and refused as soon as the decoded bytes pass
the budget (a small dictionary repeated in many rows)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..limits import Budget

BATCH_ROWS = 16


def budget(path: Path) -> Budget:
    """The shard's budget, with what its metadata declares already checked against it."""
    import pyarrow.parquet as pq

    spent = Budget(str(path), f"the Parquet file {path.name}", path.stat().st_size)
    meta = pq.ParquetFile(path).metadata
    declared = sum(
        meta.row_group(g).column(c).total_uncompressed_size
        for g in range(meta.num_row_groups)
        for c in range(meta.num_columns)
    )
    if declared > spent.limit:
        spent.spend(declared)
    return spent


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
