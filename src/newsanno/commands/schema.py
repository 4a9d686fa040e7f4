from __future__ import annotations

import argparse
from pathlib import Path

HELP = "Write the JSON Schema generated from the models (or --check it has not drifted)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("schema"))
    parser.add_argument("--check", action="store_true", help="exit 1 if the files are stale")


def run(args: argparse.Namespace) -> int:
    from ..model.jsonschema import drifted, write_schemas

    if args.check:
        stale = drifted(args.out)
        for name in stale:
            print(f"{args.out / name}: stale; regenerate with `newsanno schema --out {args.out}`")
        return 1 if stale else 0
    for path in write_schemas(args.out):
        print(path)
    return 0
