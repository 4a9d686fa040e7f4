from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "Run an extractor over a corpus and write its predictions as JSON lines."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--extractor",
        required=True,
        metavar="NAME",
        help="a built-in (quotes, dates, gazetteer, baseline), spacy:PIPELINE (an installed "
        "spaCy pipeline, by name or folder), an entry point of the group newsanno.extractors, "
        "or module:attr (your own; docs/predictions.md)",
    )
    parser.add_argument("--corpus", type=Path, default=Path("corpus"), help="documents to predict")
    parser.add_argument("--out", type=Path, required=True, help="predictions file (.jsonl)")
    parser.add_argument(
        "--split",
        default="all",
        help="predict only the documents of this split (default: all; evaluate scores the "
        "test split)",
    )
    parser.add_argument(
        "--train",
        type=Path,
        help="corpus a trained extractor learns from (default: the train split of --corpus)",
    )


def run(args: argparse.Namespace) -> int:
    from ..extractors.run import Predicted, load_extractor, predict_documents, wants_training
    from ..extractors.training import training_documents, training_problems
    from ..formats.predictions import write_predictions
    from ..outputs import output_file

    output_file(args.out, [args.corpus, args.train])
    options = {}
    seen: frozenset[str] = frozenset()
    if wants_training(args.extractor):
        train = training_documents(args.corpus, args.train)
        options["train"] = train
        seen = frozenset(d.id for d in train)
        print(f"trained on {len(train)} documents", file=sys.stderr)
        source = str(args.train) if args.train else f"the train split of {args.corpus}"
        for p in training_problems(train, source):
            print(p.render(), file=sys.stderr)
    extractor = load_extractor(args.extractor, **options)
    counts = Predicted()
    docs = predict_documents(args.corpus, extractor, split=args.split, seen=seen, counts=counts)
    n = write_predictions(docs, args.out)
    print(f"wrote {n} predictions to {args.out}")
    unmapped = getattr(extractor, "unmapped", None)
    if unmapped:
        labels = ", ".join(f"{label} ({k})" for label, k in sorted(unmapped.items()))
        print(
            f"warning: left out entities with labels outside the label set: {labels}",
            file=sys.stderr,
        )
    if counts.training_overlap:
        print(
            f"warning: {counts.training_overlap} predicted documents were also training "
            "documents: figures on them are not a benchmark",
            file=sys.stderr,
        )
    return 0
