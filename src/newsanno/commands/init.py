from __future__ import annotations

import argparse
from pathlib import Path

HELP = "Start a corpus: manifest.json, articles/, annotations/, CHANGELOG.md, .gitattributes."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus", type=Path, nargs="?", default=Path("corpus"))
    parser.add_argument(
        "--name", help="release name: lower-case letters, digits, '-', '_' (default: the folder's)"
    )
    parser.add_argument("--description", default="", help="one sentence for the dataset card")
    parser.add_argument(
        "--license", default="unknown", help="license of the annotations (SPDX id; default unknown)"
    )


def run(args: argparse.Namespace) -> int:
    from ..corpus.writer import init_corpus

    path = init_corpus(args.corpus, args.name, description=args.description, license=args.license)
    print(
        f"started a corpus in {args.corpus} ({path.name}); add articles with "
        f"`newsanno add FILE --corpus {args.corpus}`"
    )
    return 0
