"""Exchange formats and source-corpus importers, one module per format.

Each format module declares one :class:`~newsanno.formats.registry.FormatSpec` (its name, what
it reads and writes, which layers it carries); :mod:`.registry` finds the built-in ones and
those of plug-in packages (entry point group ``newsanno.formats``). Every import goes through
:mod:`.pipeline`: a format's reader turns one source file into documents and records, and the
pipeline finishes them (defaults, ids, duplicates, validation) and writes them under one rule.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..errors import Problem, problem


def dropped_problem(code: str, *, left_out: int = 1, **fields: object) -> Problem:
    """A catalogue problem that stands for ``left_out`` items left out (kept as its field of
    that name): one problem can count the events of a whole corpus, not one per item."""
    return problem(code, left_out=left_out, **fields)


@dataclass
class Report:
    """What a conversion did: documents written, annotations kept per layer, items changed by a
    named conversion rule (counted per rule), and every problem; what it could not carry over
    is counted from the problems (nothing is dropped silently)."""

    documents: int = 0
    kept: Counter[str] = field(default_factory=Counter)
    converted: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)

    @property
    def dropped(self) -> Counter[str]:
        """Items left out, per problem code."""
        out: Counter[str] = Counter()
        for p in self.problems:
            if "left_out" in p.added:
                out[p.code] += p.left_out
        return out

    @property
    def not_carried(self) -> Counter[str]:
        """Items the format has no place for (``not-carried``), per kind."""
        out: Counter[str] = Counter()
        for p in self.problems:
            if p.code == "not-carried" and "left_out" in p.added:
                out[p.what] += p.left_out
        return out

    def render(self) -> str:
        kept = ", ".join(f"{n} {k}" for k, n in sorted(self.kept.items())) or "nothing"
        lines = [f"{self.documents} documents; kept {kept}"]
        lines += [f"converted {n}: {rule}" for rule, n in sorted(self.converted.items())]
        lines += [f"dropped {n}: {code}" for code, n in sorted(self.dropped.items())]
        return "\n".join(lines)


from .registry import FormatSpec, exporter, formats, importer  # noqa: E402

__all__ = ["FormatSpec", "Report", "dropped_problem", "exporter", "formats", "importer"]
