"""The release's Parquet built on Dask: beyond one machine with the same rows.

``newsanno build`` runs its shards (consecutive ids of one split) on two local processes. Here
the very same shard tasks (:func:`newsanno.release.sharding.shard_tasks`, run by
:func:`~newsanno.release.sharding.build_shard`) are scheduled by Dask instead: its local process
pool, or a ``dask.distributed`` cluster whose workers see the corpus and the output folder on a
shared file system. Each task writes its own Parquet files, so the output is the one the
single-machine build writes, file for file, and their results sum with ``+`` as the local
build's do; the release around it (card, Croissant, checksums)
is what ``newsanno build`` adds on one machine.

    from dask.distributed import Client
    client = Client("tcp://scheduler:8786")
    build_parquet(Path("/shared/corpus"), Path("/shared/parquet"), scheduler=client)
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .corpus import read_manifest
from .errors import fail
from .release.reading import release_ids
from .release.results import ShardResult
from .release.sharding import ShardStages, build_shard, shard_tasks


@dataclass
class ParquetReport:
    path: Path
    documents: int = 0
    files: list[str] = field(default_factory=list)
    rows: dict[str, dict[str, int]] = field(default_factory=dict)


def build_parquet(
    corpus: Path,
    out: Path,
    *,
    public: bool = False,
    allow_synthetic: bool = False,
    scheduler: Any = "processes",
    workers: int | None = None,
    stages: ShardStages | None = None,
) -> ParquetReport:
    """Write the release's Parquet files (``<config>/<split>-NNNNN.parquet``) into ``out``,
    which must not exist yet; it appears only when every shard is written.

    ``scheduler``: a Dask scheduler name ("processes", "threads", "sync") or a
    ``dask.distributed.Client``. ``workers``: processes of the local pool. ``stages``: as for
    :func:`newsanno.release.build`."""
    try:
        import dask
    except ImportError:
        raise fail("missing-extra", package="dask", extra="distributed") from None
    if out.exists():
        raise fail("output-exists", path=str(out))
    manifest = read_manifest(corpus)
    ids = release_ids(corpus)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        tasks = shard_tasks(corpus, tmp, ids, manifest, public, allow_synthetic, stages)
        delayed = [dask.delayed(build_shard, pure=False)(task) for task in tasks]
        options: dict[str, Any] = {"scheduler": scheduler}
        if workers is not None:
            options["num_workers"] = workers
        total = sum(dask.compute(*delayed, **options), ShardResult())
        total.check()
        splits = list(manifest.splits.ratios)
        report = ParquetReport(
            out,
            total.documents,
            [f.path for f in total.release_files(splits)],
            total.rows(splits),
        )
        os.rename(tmp, out)
        return report
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
