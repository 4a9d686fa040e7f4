from __future__ import annotations

import argparse
from pathlib import Path

from ..arguments import positive

HELP = "Build a versioned release (Parquet configs, dataset card, checksums) from a corpus."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "corpus",
        nargs="?",
        type=Path,
        default=Path("corpus"),
        help="corpus dir (default: corpus); the release's card is the DATASET_CARD.md beside "
        "it, filled in, or a generic card when there is none",
    )
    parser.add_argument("--out", type=Path, default=Path("dist"), help="default: dist")
    parser.add_argument("--version", help="X.Y.Z (default: the manifest's version)")
    parser.add_argument(
        "--public",
        action="store_true",
        help="withhold the text of every 'annotations-only' document (a shareable release)",
    )
    parser.add_argument(
        "--allow-synthetic", action="store_true", help="accept documents marked synthetic"
    )
    parser.add_argument("--workers", type=positive, default=2, help="worker processes (default: 2)")
    parser.add_argument("--quiet", action="store_true", help="no progress display")


def run(args: argparse.Namespace) -> int:
    from ..release import build

    report = build(
        args.corpus,
        args.out,
        version=args.version,
        public=args.public,
        allow_synthetic=args.allow_synthetic,
        workers=args.workers,
        quiet=args.quiet,
    )
    print(report.render())
    return 0
