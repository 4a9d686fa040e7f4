from __future__ import annotations

import argparse
from pathlib import Path

HELP = (
    "Merge an independent annotation (a corpus folder with the same texts) into a corpus: "
    "layers and regions the corpus does not declare yet take the incoming annotations."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("src", type=Path, help="corpus folder holding the incoming annotations")
    parser.add_argument("--into", type=Path, required=True, help="corpus to merge into")
    parser.add_argument("ids", nargs="*", help="document ids (default: every document of SRC)")


def run(args: argparse.Namespace) -> int:
    from ..ingest.merge import merge_corpus

    report, problems = merge_corpus(args.src, args.into, args.ids or None)
    for p in problems:
        print(p.render())
    added = ", ".join(f"{layer} {n}" for layer, n in sorted(report.added.items())) or "nothing"
    print(
        f"merged {report.documents} documents: added {added}; "
        f"{sum(report.crossing.values())} items across a region boundary dropped; "
        f"{report.inserted} speaker/claimant mentions inserted in declared regions; "
        f"{report.unlinked} references unlinked; "
        f"{sum(report.superseded.values())} silver items superseded; "
        f"{report.complemented} names of labels the source does not annotate added in its regions"
    )
    return 1 if problems else 0
