from __future__ import annotations

import argparse
from pathlib import Path

from ..arguments import non_negative

HELP = "Score every baseline on the gold corpus and write the table into the dataset card."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, default=Path("corpus"))
    parser.add_argument("--card", type=Path, default=Path("DATASET_CARD.md"))
    parser.add_argument("--bootstrap", type=non_negative, default=1000)
    parser.add_argument("--seed", type=non_negative, default=0)
    parser.add_argument("--print", action="store_true", help="print the table, leave the card")


def run(args: argparse.Namespace) -> int:
    from ..evaluate.leaderboard import leaderboard_markdown, run_leaderboard
    from ..generated import update_file
    from ..outputs import output_file

    if not args.print:
        output_file(args.card, [args.gold])
    table = leaderboard_markdown(
        run_leaderboard(args.gold, bootstrap=args.bootstrap, seed=args.seed)
    )
    if args.print:
        print(table, end="")
        return 0
    changed = update_file(args.card, "leaderboard", table)
    print(f"{args.card}: leaderboard {'updated' if changed else 'unchanged'}")
    return 0
