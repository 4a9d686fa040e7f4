"""Formats as specs, in one registry.

A format is one module that declares one :class:`FormatSpec`. The built-in formats are listed in
:data:`BUILTIN`; a plug-in package adds one by declaring its spec under the entry point group
``newsanno.formats`` (``myformat = "my_package.my_format:SPEC"``), without any change here.
``newsanno import`` and ``newsanno export`` offer every format of the registry.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING

from ..files import staged_folder
from ..model.labels import LAYERS
from ..outputs import creating, output_folder
from .export_record import keep_edits

if TYPE_CHECKING:
    from ..corpus.manifest import Manifest
    from . import Report
    from .corpus_io import ImportOptions
    from .errata import Erratum
    from .pipeline import ImportRun, Reader

GROUP = "newsanno.formats"
BUILTIN = (
    "newsanno.formats.label_studio:SPEC",
    "newsanno.formats.brat:SPEC",
    "newsanno.formats.conll:SPEC",
    "newsanno.formats.spacy_docbin:SPEC",
    "newsanno.formats.cas_xmi:SPEC",
    "newsanno.formats.meantime:SPEC",
    "newsanno.formats.gum:SPEC",
    "newsanno.formats.timeml:SPEC",
)


@dataclass(frozen=True)
class FormatSpec:
    """One exchange format or source corpus.

    ``read``: one source file -> the documents it holds (:mod:`.pipeline` finishes and writes
    them); ``glob``: the source files of a folder. ``write``: the exporter, ``(corpus, out) ->
    Report``. ``carries``: the layers the format holds (an export counts the others as
    ``not-carried``). ``tool``: an annotation tool's format, whose import takes ``--replace``,
    ``--status`` and ``--annotator`` (a source corpus brings whole documents instead).
    ``setup`` prepares a run (a type system, a wiki map) in ``run.state``; ``manifest`` is
    written into a new corpus; ``summary`` gives what ``imports/<source>.json`` says of the
    source. ``labels_not_annotated``: name labels the source does not annotate (``merge``).
    ``errata``: corrections of the source's own mistakes, applied on import (:mod:`.errata`)."""

    name: str
    description: str
    carries: frozenset[str] = frozenset(LAYERS)
    read: Reader | None = None
    glob: str = "*"
    write: Callable[[Path, Path], Report] | None = None
    tool: bool = True
    setup: Callable[[ImportRun], None] | None = None
    manifest: Manifest | None = None
    summary: Callable[[ImportRun], dict[str, str]] | None = None
    labels_not_annotated: frozenset[str] = frozenset()
    errata: tuple[Erratum, ...] = ()


def _load(target: str) -> FormatSpec:
    module, _, attr = target.partition(":")
    spec = getattr(importlib.import_module(module), attr)
    if not isinstance(spec, FormatSpec):
        raise TypeError(f"{target} is not a FormatSpec")
    return spec


@cache
def formats() -> dict[str, FormatSpec]:
    """Every format by name: the built-in ones, then those plug-ins declare (a plug-in may not
    take a built-in name)."""
    found = {spec.name: spec for spec in map(_load, BUILTIN)}
    for ep in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        spec = ep.load()
        if not isinstance(spec, FormatSpec):
            raise TypeError(f"entry point {ep.name} = {ep.value} is not a FormatSpec")
        if spec.name in found and found[spec.name] is not spec:
            raise ValueError(f"format {spec.name!r} of {ep.value} is already registered")
        found[spec.name] = spec
    return found


def importers() -> list[str]:
    return sorted(name for name, spec in formats().items() if spec.read is not None)


def exporters() -> list[str]:
    return sorted(name for name, spec in formats().items() if spec.write is not None)


def importer(name: str) -> Callable[..., Report]:
    """``(src, corpus[, options]) -> Report`` for the format ``name``."""
    from .pipeline import run_import

    spec = formats()[name]
    if spec.read is None:
        raise KeyError(name)

    def run(src: Path, corpus: Path, options: ImportOptions | None = None) -> Report:
        output_folder(corpus, [src])
        return run_import(spec, src, corpus, options)

    return run


def exporter(name: str) -> Callable[..., Report]:
    """``(corpus, out, replace=False) -> Report`` for the format ``name``; ``out`` is a folder
    of its own, checked before the format writes anything, and given its files only when the
    export ends without an error. A file there that changed since it was exported (an
    annotator's work in the tool) is replaced only with ``replace``; one the last export
    wrote for a document no longer exported is removed, unless it changed since."""
    spec = formats()[name]
    write = spec.write
    if write is None:
        raise KeyError(name)

    def run(corpus: Path, out: Path, replace: bool = False) -> Report:
        output_folder(out, [corpus])
        source = {"format": name, "corpus": os.path.abspath(corpus)}
        with staged_folder(out) as stage:
            report = write(corpus, stage)
            with creating(out):
                report.problems += keep_edits(out, stage, replace, source)
        return report

    return run


def spec_for(name: str) -> FormatSpec | None:
    return formats().get(name)


__all__ = ["FormatSpec", "exporter", "exporters", "formats", "importer", "importers"]
