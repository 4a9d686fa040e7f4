"""What each benchmark stage does, run inside its own process by ``run.py --stage``. Each
returns a dict of measurements; times cover the work only, not interpreter start-up."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

Stage = Callable[..., dict[str, Any]]


def content(files: list[Path]) -> str:
    """A digest of the (id, text) of every document row in ``files``, in id order: two
    pipelines compared by their speed must have written the same documents."""
    import pyarrow.parquet as pq

    pairs = []
    for path in files:
        # a row group at a time: the digest must not be what sets a stage's peak memory
        # (``iter_batches`` held 1.7 GB for 100,000 documents, ``read_row_group`` 160 MB)
        parquet = pq.ParquetFile(path)
        for group in range(parquet.num_row_groups):
            rows = parquet.read_row_group(group, columns=["id", "text"])
            pairs += [
                (doc_id, hashlib.sha256(text.encode("utf-8")).hexdigest())
                for doc_id, text in zip(
                    rows.column("id").to_pylist(), rows.column("text").to_pylist(), strict=True
                )
            ]
    pairs.sort()
    return hashlib.sha256("".join(f"{i}\t{h}\n" for i, h in pairs).encode()).hexdigest()


def reference(corpus: str, work: str) -> dict[str, Any]:
    from reference import reference_build

    out = Path(work) / "reference.parquet"
    started = time.perf_counter()
    docs = reference_build(Path(corpus), out)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "documents": docs, "content": content([out])}


def validate(corpus: str, work: str, workers: int) -> dict[str, Any]:
    from newsanno.validate.runner import Summary
    from newsanno.validate.runner import validate as run

    summary = Summary()
    started = time.perf_counter()
    problems = sum(len(loaded.problems) for loaded in run([Path(corpus)], summary, workers=workers))
    return {
        "seconds": time.perf_counter() - started,
        "documents": summary.docs,
        "problems": problems,
    }


def build(corpus: str, work: str, workers: int) -> dict[str, Any]:
    from newsanno.release import build as run

    out = Path(work) / "dist"
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    report = run(Path(corpus), out, allow_synthetic=True, workers=workers, quiet=True)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "documents": report.documents,
        "release": str(report.path),
        "rows": report.rows,
        "content": content(sorted((report.path / "documents").glob("*.parquet"))),
    }


def _predictions(gold: list[Any], rng: random.Random, labels: tuple[str, ...]) -> list[Any]:
    """Gold mentions with typical system errors: shrunk boundaries, wrong labels, misses,
    and spurious mentions, so every counting path of the schemes is exercised."""
    pred = []
    for m in gold:
        r = rng.random()
        if r < 0.08 and m.end - m.start > 1:
            pred.append(m._replace(end=m.end - 1))
        elif r < 0.16:
            pred.append(m._replace(label=rng.choice([x for x in labels if x != m.label])))
        elif r < 0.23:
            continue
        else:
            pred.append(m)
    last = max((m.end for m in gold), default=10)
    for k in range(2 if gold else 0):
        start = rng.randrange(last)
        pred.append(gold[0]._replace(start=start, end=start + rng.randint(1, 12), id=f"s{k}"))
    # in text order: nervaluate matches predictions greedily in list order, ours sorts first
    return sorted(pred)


def evaluate(corpus: str, work: str, docs: int, repeats: int = 3) -> dict[str, Any]:
    """Our entity scorer and nervaluate on the same gold and predictions; the figures must be
    identical (every scheme, overall and per label) or the stage fails."""
    from nervaluate import Evaluator

    from newsanno.evaluate.entities import claim_order
    from newsanno.evaluate.evaluator import evaluate_pairs
    from newsanno.evaluate.records import DocRecords, Mention
    from newsanno.model import ENTITY_LABELS

    folder = Path(corpus) / "annotations"
    ids = sorted(p.name for p in folder.iterdir())[:docs]
    pairs = []
    for i, name in enumerate(ids):
        d = orjson.loads((folder / name).read_bytes())
        gold = [
            Mention(e["start"], e["end"], e["label"], e.get("entity"), e["id"])
            for e in d["entities"]
        ]
        pred = _predictions(gold, random.Random(i), ENTITY_LABELS)
        scope = {"entities": None}
        pairs.append(
            (
                DocRecords(d["id"], d["text_sha256"], scope, entities=gold),
                DocRecords(d["id"], d["text_sha256"], scope, entities=pred),
            )
        )
    ours = []
    for _ in range(repeats):
        started = time.perf_counter()
        ev = evaluate_pairs(pairs, ["entities"], bootstrap=0)
        ours.append(time.perf_counter() - started)

    def spans(mentions: list[Any]) -> list[dict[str, Any]]:  # nervaluate's ends are inclusive
        return [{"label": m.label, "start": m.start, "end": m.end - 1} for m in mentions]

    # nervaluate matches predictions in list order: they go in the order evaluate takes them
    true = [spans(sorted(g.entities)) for g, _ in pairs]
    pred = [spans(claim_order(g.entities, p.entities)) for g, p in pairs]
    started = time.perf_counter()
    theirs = Evaluator(true, pred, tags=list(ENTITY_LABELS), loader="dict").evaluate()
    nervaluate_s = time.perf_counter() - started
    compared = _compare(ev, theirs)
    ours_s = sorted(ours)[len(ours) // 2]
    return {
        "documents": len(pairs),
        "mentions": sum(len(g.entities) for g, _ in pairs),
        "ours_s": ours_s,
        "nervaluate_s": nervaluate_s,
        "ours_docs_per_s": len(pairs) / ours_s,
        "nervaluate_docs_per_s": len(pairs) / nervaluate_s,
        "figures_compared": compared,
        "strict_f1": ev.figure("entities/strict")["f1"],
    }


def _compare(ev: Any, theirs: dict[str, Any]) -> int:
    names = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}
    compared = 0
    for ours, their_name in names.items():
        expected = [("", theirs["overall"][their_name])]
        expected += [(f"/{label}", r[their_name]) for label, r in theirs["entities"].items()]
        for suffix, r in expected:
            c = ev.counts.get(f"entities/{ours}{suffix}")
            got = (c.cor, c.inc, c.par, c.mis, c.spu) if c else (0, 0, 0, 0, 0)
            want = (r.correct, r.incorrect, r.partial, r.missed, r.spurious)
            if got != want:
                raise AssertionError(f"entities/{ours}{suffix}: ours {got}, nervaluate {want}")
            f = ev.figure(f"entities/{ours}{suffix}")
            for metric in ("precision", "recall", "f1"):
                if abs(f[metric] - getattr(r, metric)) > 1e-12:
                    raise AssertionError(f"entities/{ours}{suffix} {metric} differs")
            compared += 1
    return compared


def floor(corpus: str, work: str, release: str) -> dict[str, Any]:
    """The least any build of this release costs in one process: read and parse every
    document's files (as the reference does), and encode the release's own rows, every config,
    to Parquet as the build's writer does (zstd, the same row groups). The rows are taken from
    the built release, untimed: what is left out is everything a build computes (checks,
    tokens, sentences, rows)."""
    import pyarrow.parquet as pq

    from newsanno.release.writer import ROW_GROUP

    annotations, articles = Path(corpus) / "annotations", Path(corpus) / "articles"
    started = time.perf_counter()
    for path in sorted(annotations.iterdir()):
        orjson.loads(path.read_bytes())
        (articles / f"{path.stem}.txt").read_bytes().decode("utf-8")
    read_s = time.perf_counter() - started
    encode_s = 0.0
    out = Path(work) / "floor.parquet"
    for path in sorted(Path(release).rglob("*.parquet")):
        table = pq.read_table(path)
        started = time.perf_counter()
        with pq.ParquetWriter(out, table.schema, compression="zstd") as writer:
            for batch in table.combine_chunks().to_batches():
                writer.write_batch(batch, row_group_size=ROW_GROUP)
        encode_s += time.perf_counter() - started
    out.unlink(missing_ok=True)
    return {"seconds": read_s + encode_s, "read_s": read_s, "encode_s": encode_s}


def load(corpus: str, work: str, release: str) -> dict[str, Any]:
    """``datasets.load_dataset`` on the built release, offline, with its cache under ``work``."""
    cache = Path(work) / "hf-cache"
    shutil.rmtree(cache, ignore_errors=True)
    os.environ["HF_DATASETS_CACHE"] = str(cache)
    os.environ["HF_HUB_OFFLINE"] = "1"
    started = time.perf_counter()
    import datasets

    datasets.disable_progress_bars()
    import_s = time.perf_counter() - started
    started = time.perf_counter()
    stream = datasets.load_dataset(
        release, "documents", split="train", streaming=True, cache_dir=str(cache)
    )
    next(iter(stream))
    first_row_s = time.perf_counter() - started
    started = time.perf_counter()
    streamed = sum(1 for _ in stream)
    streaming_s = time.perf_counter() - started
    started = time.perf_counter()
    table = datasets.load_dataset(release, "documents", split="train", cache_dir=str(cache))
    loaded = sum(1 for _ in table)
    full_s = time.perf_counter() - started
    assert loaded == streamed
    return {
        "import_s": import_s,
        "first_row_s": first_row_s,
        "streaming_iteration_s": streaming_s,
        "full_load_iteration_s": full_s,
        "rows": loaded,
    }


def distributed(corpus: str, work: str, workers: int, release: str) -> dict[str, Any]:
    """The Dask path on a local ``dask.distributed`` cluster (the code path of a real
    cluster: tasks are serialised to worker processes); its Parquet files must be the build's,
    byte for byte."""
    from dask.distributed import Client, LocalCluster

    from newsanno.distributed import build_parquet

    out = Path(work) / "dask-parquet"
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        cluster_s = time.perf_counter() - started
        started = time.perf_counter()
        report = build_parquet(Path(corpus), out, allow_synthetic=True, scheduler=client)
        seconds = time.perf_counter() - started
    built = {p.relative_to(release).as_posix() for p in Path(release).rglob("*.parquet")}
    assert built == set(report.files), "the Dask path wrote other files than the build"
    for rel in built:
        same = (out / rel).read_bytes() == (Path(release) / rel).read_bytes()
        assert same, f"the Dask path wrote other bytes than the build in {rel}"
    return {
        "seconds": seconds,
        "cluster_start_s": cluster_s,
        "documents": report.documents,
        "rows": report.rows,
    }


STAGES: dict[str, Stage] = {
    "reference": reference,
    "validate": validate,
    "build": build,
    "evaluate": evaluate,
    "floor": floor,
    "load": load,
    "distributed": distributed,
}
