"""Argument types for counts: a negative number of resamples, documents or workers is a usage
error at once (argparse prints it), not a traceback or a nonsense run later."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def _at_least(low: int) -> Callable[[str], int]:
    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if n < low:
            raise argparse.ArgumentTypeError(f"{value} is less than {low}")
        return n

    parse.__name__ = "whole number"  # what argparse names in "invalid ... value"
    return parse


non_negative = _at_least(0)
positive = _at_least(1)
