from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..extractors import EXTRACTORS

HELP = "Run an extractor over a corpus and write its predictions as JSON lines."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--extractor", required=True, choices=sorted(EXTRACTORS))
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
        help="corpus the gazetteer learns from (default: the train split of --corpus)",
    )


def run(args: argparse.Namespace) -> int:
    from ..corpus import read_documents, read_manifest
    from ..corpus.splits import assign_split
    from ..evaluate import write_predictions
    from ..extractors import get_extractor
    from ..extractors.training import TRAINED, training_documents

    options = {}
    if args.extractor in TRAINED:
        train = training_documents(args.corpus, args.train)
        options["train"] = train
        seen = {d.id for d in train}
        print(f"trained on {len(train)} documents", file=sys.stderr)
    extractor = get_extractor(args.extractor, **options)
    policy = read_manifest(args.corpus).splits if args.split != "all" else None
    overlap = 0

    def predictions():  # type: ignore[no-untyped-def]
        nonlocal overlap
        for doc in read_documents(args.corpus):
            if args.split != "all" and assign_split(doc.id, policy) != args.split:
                continue
            overlap += args.extractor in TRAINED and doc.id in seen
            yield extractor.predict(doc)

    n = write_predictions(predictions(), args.out)
    print(f"wrote {n} predictions to {args.out}")
    if overlap:
        print(
            f"warning: {overlap} predicted documents were also training documents: "
            "figures on them are not a benchmark",
            file=sys.stderr,
        )
    return 0
