from __future__ import annotations

import argparse
from pathlib import Path

from ..arguments import positive

HELP = "Fill the texts a public release withholds from your own copies, checking each sha256."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("release", type=Path, help="a public release directory")
    parser.add_argument(
        "--texts",
        type=Path,
        required=True,
        help="folder with your copies of the texts, named as you like: each file (.html "
        "extracted as `newsanno add` does) is matched to its document by sha256",
    )
    parser.add_argument(
        "--out", type=Path, help="where the full release goes (default: next to RELEASE)"
    )
    parser.add_argument("--workers", type=positive, default=2)
    parser.add_argument("--quiet", action="store_true", help="no progress display")


def run(args: argparse.Namespace) -> int:
    from ..release.rehydrate import rehydrate

    report = rehydrate(args.release, args.texts, args.out, workers=args.workers, quiet=args.quiet)
    print(report.render())
    return 0
