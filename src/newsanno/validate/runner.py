"""Validate a corpus, a folder of annotation files or single files, streaming."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus.layout import ANNOTATION_SUFFIX, ANNOTATIONS, TEXT_SUFFIX, annotation_path
from ..corpus.reader import Loaded, iter_corpus, load_document
from ..errors import problem
from ..model.labels import LAYERS


@dataclass
class Summary:
    """Addable counts, so shards validated apart can be summed."""

    docs: int = 0
    invalid_docs: int = 0
    annotations: Counter[str] = field(default_factory=Counter)
    errors: int = 0
    warnings: int = 0
    seconds: float = 0.0

    def add(self, loaded: Loaded) -> None:
        self.docs += 1
        self.invalid_docs += not loaded.ok
        for p in loaded.problems:
            if p.severity == "error":
                self.errors += 1
            else:
                self.warnings += 1
        if loaded.document is not None:
            for layer in LAYERS:
                self.annotations[layer] += len(getattr(loaded.document, layer))

    def render(self) -> str:
        layers = ", ".join(f"{self.annotations[name]} {name}" for name in LAYERS)
        return (
            f"{self.docs} documents ({self.invalid_docs} invalid), {layers}; "
            f"{self.errors} errors, {self.warnings} warnings in {self.seconds:.2f} s"
        )


def iter_paths(paths: Iterable[Path]) -> Iterator[Loaded]:
    for path in paths:
        if path.is_dir():
            corpus = path.parent if path.name == ANNOTATIONS else path
            yield from iter_corpus(corpus)
        elif path.name.endswith(TEXT_SUFFIX) and path.is_file():
            doc_id = path.name.removesuffix(TEXT_SUFFIX)
            yield load_document(annotation_path(path.parent.parent, doc_id))
        elif path.name.endswith(ANNOTATION_SUFFIX) or not path.exists():
            yield load_document(path)
        else:
            f = str(path)
            yield Loaded(
                f,
                "",
                None,
                [
                    problem(
                        "file-not-found",
                        file=f,
                        path=f"{f} (not a corpus, annotation or text file)",
                    )
                ],
            )


def validate(paths: Iterable[Path], summary: Summary) -> Iterator[Loaded]:
    """Each document as validated; ``summary`` keeps the running counts."""
    started = time.perf_counter()
    for loaded in iter_paths(paths):
        summary.add(loaded)
        summary.seconds = time.perf_counter() - started
        yield loaded
