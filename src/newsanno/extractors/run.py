"""Finding an extractor by name and running it over a corpus.

An extractor is named by one of these (``newsanno predict --extractor NAME`` takes them all):

- a built-in name: ``quotes``, ``dates``, ``gazetteer``, ``baseline``;
- ``spacy:PIPELINE``: any installed spaCy pipeline, by package name or folder
  (:class:`~newsanno.extractors.spacy_pipeline.SpacyPipeline`);
- the name of an entry point in the group ``newsanno.extractors`` (a package that provides
  extractors declares them in its ``pyproject.toml``);
- ``module:attr``: an object importable from the Python path.

An entry point or ``module:attr`` may name an extractor object, or a class or function that
returns one when called (with ``train=`` documents when it accepts that argument). Anything
with ``name``, ``version``, ``layers`` and ``predict(doc) -> Document`` is an extractor.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from ..errors import NewsannoError, fail
from ..model.document import Document
from ..model.labels import LAYERS
from .base import Extractor

GROUP = "newsanno.extractors"


def extractor_names() -> list[str]:
    """Built-in names and the names of installed entry points."""
    from . import EXTRACTORS

    return sorted({*EXTRACTORS, *(ep.name for ep in entry_points(group=GROUP))})


def wants_training(spec: str) -> bool:
    """Whether the extractor ``spec`` names learns from training documents."""
    from .training import TRAINED

    if spec in TRAINED:
        return True
    if spec.startswith("spacy:"):
        return False
    target = _target(spec)
    return target is not None and _accepts_train(target)


def load_extractor(spec: str, **options: Any) -> Extractor:
    """The extractor ``spec`` names (see the module docstring), checked to be one."""
    from . import EXTRACTORS, get_extractor

    if spec in EXTRACTORS:
        return get_extractor(spec, **options)
    if spec.startswith("spacy:"):
        from .spacy_pipeline import SpacyPipeline

        return SpacyPipeline(spec.split(":", 1)[1])
    target = _target(spec)
    if target is None:
        known = ", ".join(extractor_names())
        raise fail(
            "unknown-extractor",
            name=spec,
            known=f"{known}, spacy:PIPELINE, or module:attr",
        )
    if _is_extractor(target):
        return target  # type: ignore[no-any-return]
    if callable(target):
        kwargs = {k: v for k, v in options.items() if k == "train" and _accepts_train(target)}
        try:
            made = target(**kwargs)
        except NewsannoError:
            raise
        except Exception as e:
            raise fail("bad-extractor", name=spec, reason=f"{type(e).__name__}: {e}") from None
        if _is_extractor(made):
            return made  # type: ignore[no-any-return]
    reason = "not an extractor: it needs name, version, layers and predict(doc) -> Document"
    raise fail("bad-extractor", name=spec, reason=reason)


def _target(spec: str) -> Any | None:
    """The object an entry point or ``module:attr`` names; None when neither matches."""
    for ep in entry_points(group=GROUP):
        if ep.name == spec:
            try:
                return ep.load()
            except Exception as e:
                reason = f"entry point {ep.value}: {type(e).__name__}: {e}"
                raise fail("bad-extractor", name=spec, reason=reason) from None
    if ":" not in spec:
        return None
    module, _, attr = spec.partition(":")
    try:
        obj: Any = importlib.import_module(module)
    except ImportError as e:
        raise fail("bad-extractor", name=spec, reason=f"cannot import {module}: {e}") from None
    for part in attr.split("."):
        if not hasattr(obj, part):
            raise fail("bad-extractor", name=spec, reason=f"{module} has no attribute {attr!r}")
        obj = getattr(obj, part)
    return obj


def _is_extractor(obj: Any) -> bool:
    if inspect.isclass(obj):
        return False
    layers = getattr(obj, "layers", None)
    return (
        callable(getattr(obj, "predict", None))
        and isinstance(getattr(obj, "name", None), str)
        and isinstance(getattr(obj, "version", None), str)
        and isinstance(layers, tuple | list)
        and all(x in LAYERS for x in layers)
    )


def _accepts_train(target: Any) -> bool:
    try:
        return "train" in inspect.signature(target).parameters
    except (TypeError, ValueError):
        return False


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
    from ..corpus.splits import assign_split

    policy = read_manifest(corpus).splits if split != "all" else None
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
