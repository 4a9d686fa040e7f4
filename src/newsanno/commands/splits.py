from __future__ import annotations

import argparse
from pathlib import Path

HELP = (
    "Record the split of every document not yet recorded (splits.json): stories kept together, "
    "each source stratified; recorded documents never move."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus", nargs="?", type=Path, default=Path("corpus"))


def run(args: argparse.Namespace) -> int:
    from ..ingest.splits import record_splits

    result = record_splits(args.corpus)
    print(result.table(), end="")
    whole = len(result.stories)
    print(f"{result.new} documents newly recorded; {whole} near-duplicate stories kept whole")
    return 0
