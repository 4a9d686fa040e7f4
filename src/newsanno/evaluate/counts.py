"""Raw counts that add across documents and shards; figures are derived from them last.

Every figure the evaluation reports is one :class:`Counts` (SemEval-2013 categories):
``cor`` correct, ``inc`` incorrect, ``par`` partial, ``mis`` missed, ``spu`` spurious.
Layers that are not NER map onto the same five numbers (see each scorer), so one formula, one
bootstrap and one renderer serve them all.
"""

from __future__ import annotations

from dataclasses import dataclass

FIELDS = ("cor", "inc", "par", "mis", "spu")
COR, INC, PAR, MIS, SPU = range(5)


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


def figures(cor: float, inc: float, par: float, mis: float, spu: float) -> dict[str, float]:
    """Precision, recall, F1 and accuracy (on matched items) from counts.

    Partial matches weigh one half (SemEval-2013 partial scheme; nervaluate's formula). Where a
    scheme has no partial category ``par`` is 0, so one formula serves every scheme. A ratio
    with an empty denominator is 0, as in nervaluate.
    """
    hit = cor + 0.5 * par
    actual = cor + inc + par + spu
    possible = cor + inc + par + mis
    p = hit / actual if actual else 0.0
    r = hit / possible if possible else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    matched = cor + inc + par
    acc = hit / matched if matched else 0.0
    return {"precision": p, "recall": r, "f1": f1, "accuracy": acc}
