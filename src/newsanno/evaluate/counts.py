"""Raw counts that add across documents and shards; figures are derived from them last.

Every figure the evaluation reports is one :class:`Counts` (SemEval-2013 categories):
``cor`` correct, ``inc`` incorrect, ``par`` partial, ``mis`` missed, ``spu`` spurious.
Layers that are not NER map onto the same five numbers (see each scorer), so one formula, one
bootstrap and one renderer serve them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .keys import FigureKey

FIELDS = ("cor", "inc", "par", "mis", "spu")
COR, INC, PAR, MIS, SPU = range(5)

Tally = dict[FigureKey, list[int]]
"""Counts being summed: figure key -> [cor, inc, par, mis, spu]."""


def row(tally: Tally, key: FigureKey) -> list[int]:
    """The counts of ``key``, created as zeros: a figure scored once is reported even when
    nothing was found."""
    found = tally.get(key)
    if found is None:
        found = tally[key] = [0, 0, 0, 0, 0]
    return found


def add(tally: Tally, key: FigureKey, cor: int, inc: int, par: int, mis: int, spu: int) -> None:
    found = tally.get(key)
    if found is None:
        tally[key] = [cor, inc, par, mis, spu]
    else:
        found[COR] += cor
        found[INC] += inc
        found[PAR] += par
        found[MIS] += mis
        found[SPU] += spu


@dataclass(slots=True)
class Counts:
    cor: int = 0
    inc: int = 0
    par: int = 0
    mis: int = 0
    spu: int = 0

    @classmethod
    def of(cls, values: list[int] | tuple[int, ...]) -> Counts:
        return cls(*values)

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.cor + other.cor,
            self.inc + other.inc,
            self.par + other.par,
            self.mis + other.mis,
            self.spu + other.spu,
        )

    @property
    def actual(self) -> int:
        """What the system proposed."""
        return self.cor + self.inc + self.par + self.spu

    @property
    def possible(self) -> int:
        """What the gold holds."""
        return self.cor + self.inc + self.par + self.mis

    def figures(self) -> dict[str, float]:
        return figures(self.cor, self.inc, self.par, self.mis, self.spu)

    def as_dict(self) -> dict[str, int]:
        return {f: getattr(self, f) for f in FIELDS}


def ratio(a: float, b: float) -> float:
    """``a / b``, 0 when ``b`` is (nervaluate's convention)."""
    return a / b if b else 0.0


def figures(
    cor: Any, inc: Any, par: Any, mis: Any, spu: Any, divide: Callable[[Any, Any], Any] = ratio
) -> dict[str, Any]:
    """Precision, recall, F1 and accuracy (on matched items) from counts.

    Partial matches weigh one half (SemEval-2013 partial scheme; nervaluate's formula). Where a
    scheme has no partial category ``par`` is 0, so one formula serves every scheme. A ratio
    with an empty denominator is 0, as in nervaluate. The counts may be numbers or arrays (the
    bootstrap's resamples) when ``divide`` divides arrays the same way.
    """
    hit = cor + 0.5 * par
    p = divide(hit, cor + inc + par + spu)
    r = divide(hit, cor + inc + par + mis)
    return {
        "precision": p,
        "recall": r,
        "f1": divide(2 * p * r, p + r),
        "accuracy": divide(hit, cor + inc + par),
    }
