"""Finding an extractor by name and running it over a corpus.

An extractor is named by one of these (``newsanno predict --extractor NAME`` takes them all):

- a built-in name: ``quotes``, ``dates``, ``gazetteer``, ``baseline``;
- the name of an entry point in the group ``newsanno.extractors`` (a package that provides
  extractors declares them in its ``pyproject.toml``), best naming an
  :class:`~newsanno.extractors.registry.ExtractorSpec`;
- ``module:attr``: an object importable from the Python path;
- ``spacy:PIPELINE``: any installed spaCy pipeline, by package name or folder
  (:class:`~newsanno.extractors.spacy_pipeline.SpacyPipeline`).

An entry point or ``module:attr`` may also name an extractor object, or a class or function that
returns one when called (with ``train=`` documents when it accepts that argument). Anything
with ``name``, ``version``, ``layers`` and ``predict(doc) -> Document`` is an extractor.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import NewsannoError, fail
from ..model.document import Document
from ..outputs import output_file
from .base import Extractor
from .registry import extractor_names, find_spec

SPACY = "spacy:"


def wants_training(name: str) -> bool:
    """Whether the extractor ``name`` names learns from training documents."""
    if name.startswith(SPACY):
        return False
    spec = find_spec(name)
    return spec is not None and spec.trains


def load_extractor(name: str, **options: Any) -> Extractor:
    """The extractor ``name`` names (see the module docstring), checked to be one."""
    if name.startswith(SPACY):
        from .spacy_pipeline import SpacyPipeline

        return SpacyPipeline(name.removeprefix(SPACY))
    spec = find_spec(name)
    if spec is None:
        known = ", ".join(extractor_names())
        raise fail("unknown-extractor", name=name, known=f"{known}, spacy:PIPELINE, or module:attr")
    return spec.load(**options)


@dataclass
class Predicted:
    documents: int = 0
    training_overlap: int = 0  # predicted documents that the extractor also learnt from


def predict_documents(
    corpus: Path,
    extractor: Extractor,
    *,
    split: str = "all",
    seen: frozenset[str] = frozenset(),
    counts: Predicted | None = None,
) -> Iterator[Document]:
    """The extractor's output for each corpus document (of ``split`` unless "all"), checked:
    an extractor that returns something else, or another document, is a coded problem."""
    from ..corpus import read_documents, read_manifest
    from ..corpus.reader import corpus_ids
    from ..corpus.splits import assign_split

    policy = read_manifest(corpus).splits if split != "all" else None
    if policy is not None:
        known = set(policy.ratios) | {assign_split(i, policy) for i in corpus_ids(corpus)[0]}
        if split not in known:
            names = ", ".join(sorted(known))
            where = {"file": str(corpus), "path": str(corpus)}
            raise fail("unknown-split", **where, split=split, known=names)
    counts = counts if counts is not None else Predicted()
    for doc in read_documents(corpus):
        if policy is not None and assign_split(doc.id, policy) != split:
            continue
        try:
            out = extractor.predict(doc)
        except NewsannoError:
            raise
        except Exception as e:
            reason = f"predict failed: {type(e).__name__}: {e}"
            raise fail("bad-extractor", doc_id=doc.id, name=extractor.name, reason=reason) from e
        if not isinstance(out, Document) or out.id != doc.id or out.text != doc.text:
            reason = "predict must return the document it was given (same id and text)"
            raise fail("bad-extractor", doc_id=doc.id, name=extractor.name, reason=reason)
        counts.documents += 1
        counts.training_overlap += doc.id in seen
        yield out


def predict_corpus(
    corpus: Path,
    extractor: Extractor | str,
    out: Path,
    *,
    split: str = "all",
    train: Path | None = None,
) -> Predicted:
    """Run ``extractor`` (an object, or a name :func:`load_extractor` knows) over ``corpus``
    and write its predictions to ``out`` (JSON lines, docs/predictions.md): written whole or
    not at all. A trained extractor named by a string learns from ``train`` (default: the
    corpus's train split)."""
    from ..formats.predictions import write_predictions

    output_file(out, [corpus, train])
    seen: frozenset[str] = frozenset()
    if isinstance(extractor, str):
        options: dict[str, Any] = {}
        if wants_training(extractor):
            from .training import training_documents

            docs = training_documents(corpus, train)
            options["train"] = docs
            seen = frozenset(d.id for d in docs)
        extractor = load_extractor(extractor, **options)
    counts = Predicted()
    write_predictions(
        predict_documents(corpus, extractor, split=split, seen=seen, counts=counts), out
    )
    return counts
