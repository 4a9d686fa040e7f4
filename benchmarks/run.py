"""Benchmarks: ``python benchmarks/run.py --docs N --json results.json``.

Generates (or reuses) a synthetic corpus of N documents under ``--work``, reads it once so that
every stage finds it in the page cache, and times, in the same run and each in its own
process: the bare reference pipeline (``reference.py``), ``validate``, ``build`` (which
validates every document too), the floor of the build (reading and encoding alone), entity
evaluation against nervaluate on the same input (identical figures asserted), and
``datasets.load_dataset`` on the release. Prints a
table and writes the measurements as JSON. Timings on a shared machine drift: compare stages as
ratios within one run."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ORDER = ("reference", "validate", "build", "floor", "evaluate", "load", "distributed")
DEFAULT = ORDER[:-1]


def corpus_for(work: Path, docs: int, seed: int, workers: int) -> tuple[Path, float | None]:
    """The synthetic corpus for (docs, seed), generated once; generation time when generated."""
    from newsanno.synth import write_synthetic_corpus

    corpus = work / f"synth-{seed}-{docs}"
    done = corpus / ".complete"
    if done.exists():
        return corpus, None
    started = time.perf_counter()
    write_synthetic_corpus(corpus, docs, seed=seed, workers=workers)
    done.touch()
    return corpus, time.perf_counter() - started


def warm(corpus: Path) -> float:
    """Read every file of the corpus once, untimed by any stage: the first stage would
    otherwise pay for a cold page cache alone (the reference, 1.7x slower in one run)."""
    started = time.perf_counter()
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        for path in folder.iterdir():
            path.read_bytes()
    return time.perf_counter() - started


def summarise(docs: int, stages: dict[str, dict[str, Any]], workers: int) -> dict[str, Any]:
    ref, val, bld = (stages.get(k, {}) for k in ("reference", "validate", "build"))
    ev, ld = stages.get("evaluate", {}), stages.get("load", {})
    out: dict[str, Any] = {"docs": docs}
    if ref:
        out["reference_s"] = ref["seconds"]
        out["reference_docs_per_s"] = docs / ref["seconds"]
        out["reference_peak_rss_mb"] = ref["peak_rss_mb"]
    if val:
        out["validate_s"] = val["seconds"]
        out["validate_docs_per_s"] = docs / val["seconds"]
    if bld:
        # the build validates every document as it reads it: this is the validated build
        out["validate_build_s"] = bld["seconds"]
        out["build_docs_per_s"] = docs / bld["seconds"]
        if ref:
            out["ratio"] = bld["seconds"] / ref["seconds"]
            # the ratio compares two pipelines over the same documents, or it means nothing
            out["same_documents"] = bld["content"] == ref["content"]
    peaks = [s["peak_rss_mb"] for s in (val, bld) if s]
    if peaks:
        out["peak_rss_mb"] = max(peaks)
    if stages.get("floor") and ref:
        # the least a build on ``workers`` processes can take, over the reference: reading
        # and encoding alone, shared perfectly among the processes
        out["floor_s"] = stages["floor"]["seconds"]
        out["floor_ratio"] = stages["floor"]["seconds"] / workers / ref["seconds"]
    if ev:
        out["evaluate_docs_per_s"] = ev["ours_docs_per_s"]
        out["nervaluate_docs_per_s"] = ev["nervaluate_docs_per_s"]
        out["evaluate_speedup"] = ev["ours_docs_per_s"] / ev["nervaluate_docs_per_s"]
    if stages.get("distributed"):
        out["distributed_s"] = stages["distributed"]["seconds"]
    if ld:
        out["first_row_s"] = ld["first_row_s"]
        out["streaming_iteration_s"] = ld["streaming_iteration_s"]
        out["full_load_iteration_s"] = ld["full_load_iteration_s"]
    return out


def table(summary: dict[str, Any], stages: dict[str, dict[str, Any]]) -> str:
    docs = summary["docs"]
    rows = [
        f"{docs:,} synthetic documents",
        "| stage | seconds | docs/s | peak RSS (MB, process tree) |",
        "|---|---:|---:|---:|",
    ]
    for name in ("reference", "validate", "build", "floor"):
        s = stages.get(name)
        if s:
            rows.append(
                f"| {name} | {s['seconds']:.1f} | {docs / s['seconds']:,.0f} | "
                f"{s['peak_rss_mb']:,.0f} |"
            )
    ev = stages.get("evaluate")
    if ev:
        rows.append(
            f"| evaluate entities ({ev['documents']:,} docs) | {ev['ours_s']:.2f} | "
            f"{ev['ours_docs_per_s']:,.0f} | {ev['peak_rss_mb']:,.0f} |"
        )
        rows.append(
            f"| nervaluate, same input | {ev['nervaluate_s']:.2f} | "
            f"{ev['nervaluate_docs_per_s']:,.0f} | |"
        )
    dd = stages.get("distributed")
    if dd:
        rows.append(
            f"| Dask path, local cluster of 2 ({dd['cluster_start_s']:.0f} s to start) | "
            f"{dd['seconds']:.1f} | {docs / dd['seconds']:,.0f} | {dd['peak_rss_mb']:,.0f} |"
        )
    ld = stages.get("load")
    if ld:
        rows.append(f"| load_dataset streaming: first row | {ld['first_row_s']:.2f} | | |")
        rows.append(
            f"| load_dataset streaming: all {ld['rows']:,} train rows | "
            f"{ld['streaming_iteration_s']:.1f} | | |"
        )
        rows.append(
            f"| load_dataset (Arrow cache) + iterate | {ld['full_load_iteration_s']:.1f} | | "
            f"{ld['peak_rss_mb']:,.0f} |"
        )
    if "ratio" in summary:
        rows.append(f"\nratio (validated build / reference) = {summary['ratio']:.2f}")
        same = "the same" if summary["same_documents"] else "DIFFERENT"
        rows.append(f"documents (id, text) written by both: {same}")
    if "floor_ratio" in summary:
        rows.append(
            f"floor (read + encode the release's rows, one process; shared by the workers) / "
            f"reference = {summary['floor_ratio']:.2f}"
        )
    if "evaluate_speedup" in summary:
        rows.append(f"evaluate speed-up over nervaluate = {summary['evaluate_speedup']:.1f}x")
    return "\n".join(rows)


PROJECTED_DOCS = 1_000_000


def targets(summary: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """The performance aims of the build, each with what was measured and whether it was met."""
    out = []
    if "ratio" in summary:
        out.append(
            (
                "validated build / reference <= 1.0",
                f"{summary['ratio']:.2f}",
                summary["ratio"] <= 1.0,
            )
        )
    if "validate_s" in summary and "reference_s" in summary:
        share = summary["validate_s"] / summary["reference_s"]
        out.append(("validate <= 0.5 x reference", f"{share:.2f}", share <= 0.5))
    if "peak_rss_mb" in summary:
        peak = summary["peak_rss_mb"]
        out.append(("peak RSS <= 600 MB (validate, build)", f"{peak:,.0f} MB", peak <= 600))
    if "evaluate_speedup" in summary:
        speedup = summary["evaluate_speedup"]
        out.append(("evaluate >= 20 x nervaluate", f"{speedup:.1f}x", speedup >= 20))
    return out


def page(summary: dict[str, Any], stages: dict[str, dict[str, Any]], info: dict[str, Any]) -> str:
    """The generated section of docs/scale.md: this run, the aims, and a linear projection to
    a million documents (every stage streams, so time grows with the documents)."""
    v = info["versions"]
    before, after = info["load_average"], info["load_average_after"]
    lines = [
        f"Run of {time.strftime('%Y-%m-%d', time.gmtime())}: `python benchmarks/run.py --docs "
        f"{summary['docs']}`, {info['cores']} cores ({info['cpu_model']}), Python {v['python']}, "
        f"pyarrow {v['pyarrow']}, pydantic {v['pydantic']}, datasets {v['datasets']}, "
        f"nervaluate {v['nervaluate']}; load average {before[0]:.1f} before and "
        f"{after[0]:.1f} after (the machine is shared: compare stages within the run).",
        "",
        table(summary, stages).replace("\n", "\n\n", 1),  # a table starts after a blank line
        "",
        "| aim | measured | met? |",
        "|---|---:|---|",
    ]
    lines += [
        f"| {aim} | {got} | {'yes' if ok else '**no**'} |" for aim, got, ok in targets(summary)
    ]
    scale = PROJECTED_DOCS / summary["docs"]
    projected = [
        f"{name} {stages[name]['seconds'] * scale / 60:,.0f} min"
        for name in ("reference", "validate", "build")
        if name in stages
    ]
    if projected:
        lines += [
            "",
            f"Projected to {PROJECTED_DOCS:,} documents (linear, same machine): "
            + ", ".join(projected)
            + ".",
        ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, required=True)
    parser.add_argument("--json", type=Path, help="write the measurements here")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsanno-bench"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--eval-docs", type=int, default=5000, help="documents scored by both evaluators"
    )
    parser.add_argument(
        "--stages",
        default=",".join(DEFAULT),
        help=f"comma-separated, of {', '.join(ORDER)} (default: all but distributed)",
    )
    parser.add_argument(
        "--page", type=Path, help="write the run into this Markdown page (docs/scale.md)"
    )
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--params", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        sys.path.insert(0, str(HERE))
        from stages import STAGES

        print(json.dumps(STAGES[args.stage](**json.loads(args.params))))
        return 0

    sys.path.insert(0, str(HERE))
    from measure import machine, run_stage

    args.work.mkdir(parents=True, exist_ok=True)
    corpus, synth_s = corpus_for(args.work, args.docs, args.seed, args.workers)
    warm_s = warm(corpus)
    work = args.work / f"run-{args.seed}-{args.docs}"
    work.mkdir(exist_ok=True)
    common = {"corpus": str(corpus), "work": str(work)}
    extra: dict[str, dict[str, Any]] = {
        "validate": {"workers": args.workers},
        "build": {"workers": args.workers},
        "evaluate": {"docs": min(args.eval_docs, args.docs)},
        "load": {"release": ""},
        "floor": {"release": ""},
        "distributed": {"workers": args.workers, "release": ""},
    }
    wanted = [s for s in ORDER if s in args.stages.split(",")]
    info = machine()
    stages: dict[str, dict[str, Any]] = {}
    for name in wanted:
        params = {**common, **extra.get(name, {})}
        if name in ("floor", "load", "distributed"):
            if "build" not in stages:
                continue
            params["release"] = stages["build"]["release"]
        print(f"running {name} ...", file=sys.stderr, flush=True)
        stages[name] = run_stage(
            [
                str(HERE / "run.py"),
                "--docs",
                str(args.docs),
                "--stage",
                name,
                "--params",
                json.dumps(params),
            ]
        )
    info["load_average_after"] = __import__("os").getloadavg()
    summary = summarise(args.docs, stages, args.workers)
    print(table(summary, stages))
    if args.json:
        result = {
            **summary,
            "synth_s": synth_s,
            "warm_s": warm_s,
            "machine": info,
            "stages": stages,
        }
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if args.page:
        from newsanno.generated import update_file

        update_file(args.page, "scale-run", page(summary, stages, info))
    if summary.get("same_documents") is False:
        print("the build and the reference wrote different documents", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
