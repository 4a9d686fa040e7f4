from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path

HELP = "Validate a corpus or annotation files; print every problem with its code."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[Path("corpus")],
        help="corpus directories, annotation (.json) or text (.txt) files (default: corpus)",
    )
    parser.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="json: one problem object per line; the summary goes to stderr",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes checking documents (default: up to 2; the output does not depend on it)",
    )


def run(args: argparse.Namespace) -> int:
    import orjson

    from ..validate.runner import Summary, validate

    summary = Summary()
    for loaded in validate(args.paths, summary, workers=args.workers):
        for p in loaded.problems:
            print(orjson.dumps(asdict(p)).decode() if args.format == "json" else p.render())
    print(f"validated {summary.render()}", file=sys.stderr if args.format == "json" else sys.stdout)
    return 1 if summary.errors else 0
