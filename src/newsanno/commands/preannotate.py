from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..extractors import EXTRACTORS

HELP = "Write silver annotations from an extractor for articles nobody has annotated yet."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--extractor", choices=sorted(EXTRACTORS), default="baseline")
    parser.add_argument(
        "--train",
        type=Path,
        help="corpus a trained extractor learns from (default: the train split of --corpus)",
    )
    parser.add_argument("ids", nargs="*", help="documents to pre-annotate (default: all new ones)")
    parser.add_argument(
        "--overwrite-silver", action="store_true", help="redo documents that are already silver"
    )


def run(args: argparse.Namespace) -> int:
    from ..extractors import get_extractor
    from ..extractors.training import TRAINED, training_documents
    from ..ingest.preannotate import preannotate

    options = {}
    if args.extractor in TRAINED:
        options["train"] = training_documents(args.corpus, args.train)
        print(f"trained on {len(options['train'])} documents", file=sys.stderr)
    extractor = get_extractor(args.extractor, **options)
    result = preannotate(
        args.corpus, extractor, ids=args.ids or None, overwrite_silver=args.overwrite_silver
    )
    print(result.render())
    return 0
