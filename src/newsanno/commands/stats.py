from __future__ import annotations

import argparse
from pathlib import Path

HELP = "Print annotation counts per split, layer and label, and the licenses per source."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus", nargs="?", type=Path, default=Path("corpus"))
    parser.add_argument(
        "--card",
        type=Path,
        help="also write the tables into the 'stats' and 'licenses' sections of this card",
    )


def run(args: argparse.Namespace) -> int:
    from ..generated import update_file
    from ..outputs import output_file
    from ..release.stats import corpus_stats, imports_table

    if args.card is not None:
        output_file(args.card, [args.corpus])  # never a corpus file, a device or a FIFO
    stats = corpus_stats(args.corpus)
    print(stats.stats_table())
    print(stats.licenses_table())
    print(stats.provenance_table(), end="")
    if args.card is not None:
        update_file(args.card, "stats", stats.stats_table())
        update_file(args.card, "licenses", stats.licenses_table())
        update_file(args.card, "provenance", stats.provenance_table())
        update_file(args.card, "imports", imports_table(args.corpus))
    return 0
