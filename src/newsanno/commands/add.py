from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "Add articles (plain text or HTML pages) to a corpus, refusing duplicates."

META_FLAGS = ("title", "url", "publisher", "published", "published_source", "language")
META_FLAGS += ("license", "rights_holder", "attribution", "redistribution")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, help=".txt or .html files")
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--id", help="document id (default: <published>-<title words>)")
    parser.add_argument("--format", choices=["auto", "text", "html"], default="auto")
    parser.add_argument(
        "--title", help="default: the page's title, or the first line of a text file"
    )
    parser.add_argument("--url")
    parser.add_argument("--publisher")
    parser.add_argument("--author", action="append", dest="authors", help="repeat for several")
    parser.add_argument("--published", help="ISO 8601 date or datetime")
    parser.add_argument("--published-source", choices=["stated", "inferred", "unknown"])
    parser.add_argument("--language", help="BCP-47 (default: from the page, else en)")
    parser.add_argument("--license", help="SPDX id, 'proprietary' or 'unknown' (default)")
    parser.add_argument("--rights-holder")
    parser.add_argument("--attribution")
    parser.add_argument(
        "--redistribution",
        choices=["full", "annotations-only"],
        help="default annotations-only: the text is not released until this says full",
    )
    parser.add_argument("--synthetic", action="store_true", default=None)
    parser.add_argument(
        "--near-duplicates",
        choices=["pin", "refuse"],
        default="pin",
        help="pin a near duplicate to the split of the document it duplicates (default), "
        "or refuse it",
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="overwrite a document with this id (never one whose annotations would move)",
    )


def run(args: argparse.Namespace) -> int:
    from ..ingest.add import add_articles

    if len(args.files) > 1 and any(getattr(args, k) for k in ("id", "title", "url")):
        print("newsanno add: --id, --title and --url describe one article", file=sys.stderr)
        return 2
    meta = {k: getattr(args, k) for k in (*META_FLAGS, "authors", "synthetic")}
    options = {"meta": meta, "doc_id": args.id, "kind": args.format, "replace": args.replace}
    for result in add_articles(args.corpus, args.files, near=args.near_duplicates, **options):
        for p in result.problems:
            print(p.render())
        note = f" (normalised: {', '.join(result.normalized)})" if result.normalized else ""
        print(f"added {result.document.id}: {len(result.document.text)} characters{note}")
        for line in result.notes:
            print(f"  {line}")
    return 0
