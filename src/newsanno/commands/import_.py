from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..formats.registry import formats, importers

HELP = "Import documents or annotations from an external format into a corpus directory."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    names = importers()
    parser.add_argument("format", choices=names, metavar="FORMAT", help=", ".join(names))
    parser.add_argument("src", type=Path, help="file or folder in that format")
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        help="corpus directory to import into (created when absent; documents already there "
        "are kept, and the summary says how many the import added to)",
    )

    tool = ", ".join(_tool_importers())
    parser.add_argument(
        "--replace",
        action="store_true",
        help="import over annotations that changed in the corpus since the export (or, for a "
        "source of whole documents, since its last import); each document replaced is reported",
    )
    parser.add_argument(
        "--status",
        choices=["gold", "silver"],
        help=f"({tool}) status of the imported layers: gold for checked, corrected work",
    )
    parser.add_argument("--annotator", help=f"({tool}) who annotated the imported layers")


def run(args: argparse.Namespace) -> int:
    from ..corpus.reader import corpus_ids
    from ..errors import summarised
    from ..formats import importer

    before = len(corpus_ids(args.out)[0]) if (args.out / "annotations").is_dir() else 0
    from ..formats.corpus_io import ImportOptions

    options = ImportOptions(args.replace, args.status, args.annotator)
    if not formats()[args.format].tool and (args.status or args.annotator):
        print(
            f"newsanno import {args.format}: --status and --annotator apply to "
            f"{', '.join(_tool_importers())}",
            file=sys.stderr,
        )
        return 2
    report = importer(args.format)(args.src, args.out, options)
    for line in summarised(report.problems):
        print(line)
    print(report.render())
    if before and report.documents:
        print(f"into {args.out}, which already held {before} documents")
    return 1 if any(p.severity == "error" for p in report.problems) else 0


def _tool_importers() -> list[str]:
    """Formats of annotation tools, whose imports take --status and --annotator."""
    return [name for name in importers() if formats()[name].tool]
