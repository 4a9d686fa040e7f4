"""Build a release from a large synthetic corpus; print docs/s and peak RSS, next to the reference
pipeline (one process, no validation: orjson + ``Table.from_pylist`` per 1,000 documents +
``ParquetWriter`` zstd, documents config only) timed in the same run, since timings on a shared
machine drift from minute to minute.

    python benchmarks/bench_build.py --docs 100000 [--corpus DIR] [--workers 2]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from newsanno.corpus.layout import ANNOTATIONS, text_path
from newsanno.release import build
from newsanno.release.arrow import DOCUMENT_SCHEMA
from newsanno.synth import write_synthetic_corpus


def reference(corpus: Path, out: Path) -> float:
    """docs/s of the unvalidated one-process pipeline the build is measured against."""
    started = time.perf_counter()
    writer = pq.ParquetWriter(out, DOCUMENT_SCHEMA, compression="zstd")
    batch, n = [], 0
    for ann in sorted((corpus / ANNOTATIONS).iterdir()):
        row = orjson.loads(ann.read_bytes())
        row["text"] = text_path(corpus, row["id"]).read_text(encoding="utf-8")
        row["meta"].pop("source", None)
        batch.append(row)
        n += 1
        if len(batch) == 1000:
            writer.write_table(pa.Table.from_pylist(batch, schema=DOCUMENT_SCHEMA))
            batch = []
    if batch:
        writer.write_table(pa.Table.from_pylist(batch, schema=DOCUMENT_SCHEMA))
    writer.close()
    return n / (time.perf_counter() - started)


def peak_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--corpus", type=Path, help="reuse (or create) this synthetic corpus")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-build-"))
    try:
        corpus = args.corpus or tmp / "corpus"
        if not (corpus / ANNOTATIONS).is_dir():
            started = time.perf_counter()
            write_synthetic_corpus(corpus, args.docs, workers=args.workers)
            print(f"generated {args.docs} docs in {time.perf_counter() - started:.1f} s")
        docs = sum(1 for _ in (corpus / ANNOTATIONS).iterdir())
        ref = reference(corpus, tmp / "reference.parquet")
        parent_before = peak_rss_mb(resource.RUSAGE_SELF)
        report = build(corpus, tmp / "dist", allow_synthetic=True, workers=args.workers, quiet=True)
        build_rate = docs / report.seconds
        print(f"documents: {docs}, workers: {args.workers}")
        print(f"reference (1 process, unvalidated, documents only): {ref:,.0f} docs/s")
        print(
            f"newsanno build (validated, 5 configs): {build_rate:,.0f} docs/s "
            f"({report.seconds:.1f} s, {build_rate / ref:.2f}x the reference)"
        )
        print(
            f"peak RSS: parent {peak_rss_mb(resource.RUSAGE_SELF):.0f} MB "
            f"(before the build {parent_before:.0f} MB), "
            f"largest worker {peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
