from __future__ import annotations

import argparse
from pathlib import Path

from ..formats import IMPORTERS

HELP = "Import documents or annotations from an external format into a corpus directory."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "format", choices=sorted(IMPORTERS), metavar="FORMAT", help=", ".join(sorted(IMPORTERS))
    )
    parser.add_argument("src", type=Path, help="file or folder in that format")
    parser.add_argument("--out", type=Path, default=Path("corpus"), help="corpus directory")


def run(args: argparse.Namespace) -> int:
    from ..formats import importer

    report = importer(args.format)(args.src, args.out)
    for p in report.problems:
        print(p.render())
    print(report.render())
    return 1 if any(p.severity == "error" for p in report.problems) else 0
