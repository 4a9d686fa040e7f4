"""Streaming Parquet: record batches of rows are buffered per config and written in row groups of
about ``ROW_GROUP`` rows (``datasets`` streams the first row quickly only from bounded row
groups), zstd, with the explicit schema. A file is opened on its first row, so a shard never
leaves an empty file."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pyarrow as pa
import pyarrow.parquet as pq

from ..paths import check_name
from .arrow import SCHEMAS

ROW_GROUP = 1000


def shard_name(config: str, split: str, index: int) -> str:
    """Deterministic path of a shard inside the release, relative to its root; the split name
    comes from the manifest and is checked here, where it becomes a file name."""
    return f"{check_name(config, 'config')}/{check_name(split, 'split')}-{index:05d}.parquet"


class ShardFile(NamedTuple):
    """One Parquet file a shard wrote: where it goes in the release, its rows and its bytes."""

    split: str
    index: int
    config: str
    rows: int
    bytes: int

    @property
    def path(self) -> str:
        return shard_name(self.config, self.split, self.index)


class ConfigWriter:
    """A config's file, written from record batches that hold the rows of many documents. A
    row group ends after the document that brings the buffer to ``ROW_GROUP`` rows or more,
    never inside a document's rows, so the files depend on the documents only, not on how
    they were batched."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self.path, self.schema = path, schema
        self.rows = 0
        self._pieces: list[pa.RecordBatch] = []
        self._buffered = 0
        self._writer: pq.ParquetWriter | None = None

    def add(self, batch: pa.RecordBatch, counts: list[int]) -> None:
        """``batch`` holds the rows of consecutive documents, ``counts[i]`` of document i."""
        cut = done = 0
        for n in counts:
            done += n
            self._buffered += n
            if self._buffered >= ROW_GROUP:
                self._pieces.append(batch.slice(cut, done - cut))
                cut = done
                self._flush()
        if done > cut:
            self._pieces.append(batch.slice(cut, done - cut))

    def _flush(self) -> None:
        if not self._buffered:
            return
        if self._writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._writer = pq.ParquetWriter(self.path, self.schema, compression="zstd")
        table = pa.Table.from_batches(self._pieces, schema=self.schema).combine_chunks()
        for batch in table.to_batches():
            self._writer.write_batch(batch, row_group_size=ROW_GROUP)
        self.rows += self._buffered
        self._pieces, self._buffered = [], 0

    def close(self) -> int:
        self._flush()
        if self._writer is not None:
            self._writer.close()
        return self.rows


class ShardWriter:
    """The files of one shard, written from batches of documents."""

    def __init__(self, root: Path, split: str, index: int) -> None:
        self.split, self.index = split, index
        self.writers = {
            config: ConfigWriter(root / shard_name(config, split, index), schema)
            for config, schema in SCHEMAS.items()
        }

    def add(self, config: str, batch: pa.RecordBatch, counts: list[int]) -> None:
        self.writers[config].add(batch, counts)

    def close(self) -> tuple[ShardFile, ...]:
        """The files written, one per config with rows (a config without rows has no file)."""
        rows = {config: w.close() for config, w in self.writers.items()}
        return tuple(
            ShardFile(self.split, self.index, config, n, self.writers[config].path.stat().st_size)
            for config, n in rows.items()
            if n
        )
