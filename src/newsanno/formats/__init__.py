"""One module per external format. Importers and exporters are registered here by name, as
``"module:function"`` strings so that a format's heavy dependencies load only when it is used.

An importer is ``(src: Path, corpus: Path) -> Report`` (the annotation-tool importers also take
:class:`~newsanno.formats.corpus_io.ImportOptions`): it reads ``src`` (a file or folder in the
format) and writes documents into the corpus directory ``corpus`` (new documents, or annotations
for documents already there, refusing any whose text differs). An exporter is
``(corpus: Path, out: Path) -> Report``.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem

IMPORTERS: dict[str, str] = {
    "label-studio": ".label_studio:import_label_studio",
    "brat": ".brat:import_brat",
    "conll": ".conll:import_conll",
    "spacy": ".spacy_docbin:import_spacy",
    "inception": ".cas_xmi:import_inception",
    "meantime": ".meantime:import_meantime",
    "gum": ".gum:import_gum",
    "timeml": ".timeml:import_timeml",
}
# Importers of annotation-tool formats, which take ImportOptions (--replace, --status,
# --annotator); the others import whole corpora.
TOOL_IMPORTERS = frozenset({"label-studio", "brat", "conll", "spacy", "inception"})
EXPORTERS: dict[str, str] = {
    "label-studio": ".label_studio:export_label_studio",
    "brat": ".brat:export_brat",
    "conll": ".conll:export_conll",
    "spacy": ".spacy_docbin:export_spacy",
    "inception": ".cas_xmi:export_inception",
    "timeml": ".timeml:export_timeml",
}


@dataclass
class Report:
    """What a conversion did: documents written, annotations kept per layer, items changed by a
    named conversion rule (counted per rule), and every item it could not carry over, counted by
    problem code (nothing is dropped silently)."""

    documents: int = 0
    kept: Counter[str] = field(default_factory=Counter)
    converted: Counter[str] = field(default_factory=Counter)
    dropped: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)

    def render(self) -> str:
        kept = ", ".join(f"{n} {k}" for k, n in sorted(self.kept.items())) or "nothing"
        lines = [f"{self.documents} documents; kept {kept}"]
        lines += [f"converted {n}: {rule}" for rule, n in sorted(self.converted.items())]
        lines += [f"dropped {n}: {code}" for code, n in sorted(self.dropped.items())]
        return "\n".join(lines)


def _load(table: dict[str, str], name: str) -> Callable[[Path, Path], Report]:
    module, func = table[name].split(":")
    return getattr(importlib.import_module(module, __name__), func)


def importer(name: str) -> Callable[[Path, Path], Report]:
    return _load(IMPORTERS, name)


def exporter(name: str) -> Callable[[Path, Path], Report]:
    return _load(EXPORTERS, name)
