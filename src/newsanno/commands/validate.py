from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..arguments import positive
from ..errors import Problem

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
        help="json: one problem object per line, with its fields (docs/errors.md); the summary "
        "goes to stderr",
    )
    parser.add_argument(
        "--workers",
        type=positive,
        default=None,
        help="processes checking documents (default: up to 2; the output does not depend on it)",
    )


def run(args: argparse.Namespace) -> int:
    from ..validate.runner import Summary, validate

    summary = Summary()
    for loaded in validate(args.paths, summary, workers=args.workers):
        for p in loaded.problems:
            print(_json(p) if args.format == "json" else p.render())
    print(f"validated {summary.render()}", file=sys.stderr if args.format == "json" else sys.stdout)
    return 1 if summary.errors else 0


def _json(p: Problem) -> str:
    import orjson

    # a field holding something JSON has no type for (a path) is written as its text
    return orjson.dumps(p.to_dict(), default=str).decode()
