from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "Write silver annotations from an extractor for articles nobody has annotated yet."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument(
        "--extractor",
        default="baseline",
        metavar="NAME",
        help="as for predict: a built-in (default baseline), spacy:PIPELINE, an entry point or "
        "module:attr",
    )
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
    from ..extractors.preannotate import preannotate
    from ..extractors.run import load_extractor, wants_training
    from ..extractors.training import training_documents, training_problems

    options = {}
    if wants_training(args.extractor):
        options["train"] = training_documents(args.corpus, args.train)
        print(f"trained on {len(options['train'])} documents", file=sys.stderr)
        source = str(args.train) if args.train else f"the train split of {args.corpus}"
        for p in training_problems(options["train"], source):
            print(p.render(), file=sys.stderr)
    extractor = load_extractor(args.extractor, **options)
    result = preannotate(
        args.corpus, extractor, ids=args.ids or None, overwrite_silver=args.overwrite_silver
    )
    print(result.render())
    return 0
