"""Reading Parquet shards of a release that somebody else built, in bounded memory.

A Parquet file is compressed and dictionary-encoded: a few kilobytes can decode to gigabytes of
text. Shards are read in batches of ``BATCH_ROWS`` rows, and the bytes a file decodes to may not
pass ``max(MIN_EXPANDED, RATIO * file size)``: real text compresses a few times, not a hundred.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import fail

BATCH_ROWS = 64
RATIO = 100
MIN_EXPANDED = 64 << 20


class Budget:
    """Bytes one shard may decode to; ``spend`` refuses the batch that goes over."""

    def __init__(self, path: Path, ratio: int = RATIO, minimum: int = MIN_EXPANDED) -> None:
        self.path = path
        self.limit = max(minimum, ratio * path.stat().st_size)
        self.spent = 0

    def spend(self, nbytes: int) -> None:
        self.spent += nbytes
        if self.spent > self.limit:
            raise fail(
                "too-large",
                file=str(self.path),
                what=f"the Parquet file {self.path.name}",
                limit=self.limit,
            )


def iter_rows(
    path: Path, columns: list[str] | None = None, budget: Budget | None = None
) -> Iterator[dict[str, Any]]:
    """Rows of one shard, a batch at a time, within the file's budget."""
    import pyarrow.parquet as pq

    budget = budget or Budget(path)
    for batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS, columns=columns):
        budget.spend(batch.nbytes)
        yield from batch.to_pylist()


def iter_group(path: Path, group: int, budget: Budget) -> Iterator[list[dict[str, Any]]]:
    """The rows of one row group, a batch at a time."""
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS, row_groups=[group]):
        budget.spend(batch.nbytes)
        yield batch.to_pylist()
