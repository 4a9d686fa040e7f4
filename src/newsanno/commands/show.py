from __future__ import annotations

import argparse
from pathlib import Path

HELP = (
    "Render a document as a self-contained HTML page (annotations drawn over the text), or with "
    "--all a static site of the corpus: an index, one page per document and a report."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "doc", nargs="?", metavar="DOC_ID", help="document id, or the path of an annotation file"
    )
    which.add_argument("--all", action="store_true", help="every document, plus index and report")
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument(
        "--out", type=Path, required=True, help="HTML file (one document) or folder (--all)"
    )
    parser.add_argument(
        "--eval",
        type=Path,
        metavar="RESULTS_JSON",
        help="evaluation results (`newsanno evaluate --format json`) to show in the report",
    )


def run(args: argparse.Namespace) -> int:
    from ..outputs import output_file, output_folder
    from ..viewer.report import read_evaluation
    from ..viewer.site import load_for_view, view_inputs, write_page, write_site

    if not args.all:
        if args.eval is not None:
            raise SystemExit("newsanno show: --eval goes with --all (it is shown in the report)")
        output_file(args.out, view_inputs(args.corpus, args.doc))
        print(write_page(load_for_view(args.corpus, args.doc), args.out))
        return 0
    output_folder(args.out, [args.corpus, args.eval])
    evaluation = read_evaluation(args.eval) if args.eval is not None else None
    site = write_site(args.corpus, args.out, evaluation)
    for p in site.problems:
        print(p.render())
    print(site.render())
    return 1 if any(p.severity == "error" for p in site.problems) else 0
