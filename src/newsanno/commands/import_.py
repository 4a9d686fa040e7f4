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
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        help="corpus directory to import into (created when absent; documents already there "
        "are kept, and the summary says how many the import added to)",
    )


def run(args: argparse.Namespace) -> int:
    from ..corpus.reader import corpus_ids
    from ..formats import importer

    before = len(corpus_ids(args.out)[0]) if (args.out / "annotations").is_dir() else 0
    report = importer(args.format)(args.src, args.out)
    for p in report.problems:
        print(p.render())
    print(report.render())
    if before and report.documents:
        print(f"into {args.out}, which already held {before} documents")
    return 1 if any(p.severity == "error" for p in report.problems) else 0
