from __future__ import annotations

import argparse
from pathlib import Path

from ..formats.registry import exporters

HELP = "Export a corpus to an external format (annotation tools, training formats)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    names = exporters()
    parser.add_argument("format", choices=names, metavar="FORMAT", help=", ".join(names))
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--out", type=Path, required=True, help="output file or folder")
    parser.add_argument(
        "--replace",
        action="store_true",
        help="overwrite files in --out that changed since they were exported",
    )


def run(args: argparse.Namespace) -> int:
    from ..formats import exporter

    report = exporter(args.format)(args.corpus, args.out, replace=args.replace)
    for p in report.problems:
        print(p.render())
    print(report.render())
    return 1 if any(p.severity == "error" for p in report.problems) else 0
