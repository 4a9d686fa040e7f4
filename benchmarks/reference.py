"""The yardstick every build is measured against: a bare streaming pipeline with no validation.

Read each document's two files, parse the annotations with orjson, attach the text, and write
one row per document with ``pa.Table.from_pylist`` per 1,000 documents into a zstd
``ParquetWriter``, in one process. Anything a real build adds (schema checks, span checks,
splits, per-layer configs) shows up as the ratio of its time to this one's."""

from __future__ import annotations

from pathlib import Path

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

BATCH = 1000


def reference_build(corpus: Path, out: Path) -> int:
    """Write ``out`` (one Parquet file) from ``corpus``; the number of documents written."""
    annotations = corpus / "annotations"
    articles = corpus / "articles"
    ids = sorted(p.name[: -len(".json")] for p in annotations.iterdir() if p.suffix == ".json")
    writer: pq.ParquetWriter | None = None
    schema: pa.Schema | None = None
    batch: list[dict] = []
    written = 0
    for doc_id in ids:
        row = orjson.loads((annotations / f"{doc_id}.json").read_bytes())
        row["text"] = (articles / f"{doc_id}.txt").read_bytes().decode("utf-8")
        batch.append(row)
        if len(batch) == BATCH:
            writer, schema = _write(out, writer, schema, batch)
            written += len(batch)
            batch = []
    if batch:
        writer, schema = _write(out, writer, schema, batch)
        written += len(batch)
    if writer is not None:
        writer.close()
    return written


def _write(
    out: Path, writer: pq.ParquetWriter | None, schema: pa.Schema | None, batch: list[dict]
) -> tuple[pq.ParquetWriter, pa.Schema]:
    table = pa.Table.from_pylist(batch, schema=schema)
    if writer is None:
        schema = table.schema
        writer = pq.ParquetWriter(out, schema, compression="zstd")
    writer.write_table(table, row_group_size=BATCH)
    return writer, table.schema
