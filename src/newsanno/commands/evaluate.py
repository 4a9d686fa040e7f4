from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..arguments import non_negative

HELP = "Score predictions (JSON lines) against a gold corpus or release."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, default=Path("corpus"), help="corpus or release dir")
    parser.add_argument("--pred", type=Path, required=True, help="predictions (.jsonl)")
    parser.add_argument(
        "--layers",
        nargs="+",
        choices=["entities", "quotes", "claims", "dates"],
        help="layers to score (default: those the predictions declare)",
    )
    parser.add_argument(
        "--split",
        default="auto",
        help="split to score: a name, 'all', or 'auto' (default: the test split when the gold "
        "has one, else every document); predictions for other splits are not scored",
    )
    parser.add_argument(
        "--include-silver",
        action="store_true",
        help="also score regions whose annotations nobody checked (status silver)",
    )
    parser.add_argument(
        "--mentions",
        choices=["names", "all"],
        default="names",
        help="entity mentions to score: names (default: what a name tagger and the ner config "
        "tag) or all (nominal and pronoun mentions too, for mention detection); predictions "
        "mark theirs with mention_type, name when left out",
    )
    parser.add_argument("--format", choices=["md", "json"], default="md")
    parser.add_argument(
        "--errors",
        type=Path,
        help="write every miss and error in context to this file ('-': stdout)",
    )
    parser.add_argument(
        "--bootstrap", type=non_negative, default=1000, help="resamples (0: no intervals)"
    )
    parser.add_argument("--seed", type=non_negative, default=0)
    parser.add_argument(
        "--trust-gold",
        action="store_true",
        help="skip the schema checks of the gold corpus (already validated); texts are still "
        "checked against their sha256",
    )


def run(args: argparse.Namespace) -> int:
    import contextlib
    from collections.abc import Callable

    import orjson

    from ..errors import fail
    from ..evaluate import ERRORS_HEADER, as_dict, as_markdown, evaluate, render_errors
    from ..files import atomic_output
    from ..outputs import output_file

    if args.pred.is_dir():
        raise fail("unreadable-file", file=str(args.pred), reason="it is a folder, not a file")
    to_file = args.errors is not None and str(args.errors) != "-"
    if to_file:
        output_file(args.errors, [args.gold, args.pred])
    sink = None
    with contextlib.ExitStack() as stack:
        if args.errors is not None:
            write: Callable[[str], object] = sys.stdout.write
            if to_file:  # written whole or not at all, like every output
                raw = stack.enter_context(atomic_output(args.errors))
                write = lambda s: raw.write(s.encode("utf-8"))  # noqa: E731
            write(ERRORS_HEADER)

            def sink(gold, items):  # type: ignore[no-untyped-def]
                write(render_errors(gold, items))

        ev = evaluate(
            args.gold,
            args.pred,
            args.layers,
            bootstrap=args.bootstrap,
            seed=args.seed,
            errors=sink,
            validate_gold=not args.trust_gold,
            split=args.split,
            include_silver=args.include_silver,
            mentions=args.mentions,
        )
    if args.format == "json":
        print(orjson.dumps(as_dict(ev), option=orjson.OPT_INDENT_2).decode())
    else:
        print(as_markdown(ev), end="")
    return 0
