from __future__ import annotations

import argparse
from pathlib import Path

from ..arguments import non_negative, positive

HELP = "Generate a synthetic corpus (marked synthetic) for benchmarks and tests."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, help="corpus directory to write")
    parser.add_argument("--docs", type=non_negative, default=1000, help="number of documents")
    parser.add_argument("--seed", type=non_negative, default=0, help="same seed, same corpus")
    parser.add_argument("--workers", type=positive, default=2, help="processes generating shards")


def run(args: argparse.Namespace) -> int:
    import time

    from ..synth import write_synthetic_corpus

    started = time.perf_counter()
    write_synthetic_corpus(args.out, args.docs, seed=args.seed, workers=args.workers)
    print(
        f"wrote {args.docs} synthetic documents to {args.out} in "
        f"{time.perf_counter() - started:.1f} s"
    )
    return 0
