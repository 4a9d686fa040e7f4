"""Extractors as specs: a name, the ``module:attr`` that builds the extractor, the layers it
predicts and whether it learns from training documents.

The baselines are specs listed here; a package adds its own by declaring an entry point in the
group ``newsanno.extractors`` that names an :class:`ExtractorSpec`, without any change to
newsanno. Reading a spec imports nothing heavy: the factory's module is imported only when the
extractor is built. An entry point or ``module:attr`` naming an extractor, or a class or function
that returns one, is read as a spec too (its layers and whether it takes ``train=`` found on the
object).
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass, replace
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from ..errors import NewsannoError, fail
from ..model.labels import LAYERS, Layer
from .base import Extractor

GROUP = "newsanno.extractors"


@dataclass(frozen=True)
class ExtractorSpec:
    name: str
    factory: str  # "module:attr": an extractor, or a class or function that returns one
    layers: tuple[Layer, ...]
    trains: bool = False  # the factory is called with train= documents

    def load(self, **options: Any) -> Extractor:
        """The extractor, built (with ``train`` from ``options`` when it trains) and checked to
        be one that predicts the layers the spec declares."""
        target = import_target(self.factory, self.name)
        if is_extractor(target):
            made = target
        elif callable(target):
            kwargs = {"train": options["train"]} if self.trains and "train" in options else {}
            try:
                made = target(**kwargs)
            except NewsannoError:
                raise
            except Exception as e:
                reason = f"{type(e).__name__}: {e}"
                raise fail("bad-extractor", name=self.name, reason=reason) from None
        else:
            made = None
        if not is_extractor(made):
            reason = "not an extractor: it needs name, version, layers and predict(doc) -> Document"
            raise fail("bad-extractor", name=self.name, reason=reason)
        if self.layers and tuple(made.layers) != self.layers:
            reason = f"predicts {', '.join(made.layers)}, declared {', '.join(self.layers)}"
            raise fail("bad-extractor", name=self.name, reason=reason)
        return made  # type: ignore[no-any-return]


BUILTINS: tuple[ExtractorSpec, ...] = (
    ExtractorSpec("quotes", "newsanno.extractors.quotes:QuoteExtractor", ("quotes",)),
    ExtractorSpec("dates", "newsanno.extractors.dates:DateExtractor", ("dates",)),
    ExtractorSpec(
        "gazetteer",
        "newsanno.extractors.gazetteer:GazetteerExtractor",
        ("entities",),
        trains=True,
    ),
    ExtractorSpec(
        "baseline",
        "newsanno.extractors.pipeline:baseline_pipeline",
        ("entities", "quotes", "dates"),
        trains=True,
    ),
)


def _entry_points() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=GROUP)}


def extractor_names() -> list[str]:
    """Built-in names and the names of installed entry points (none of them loaded)."""
    return sorted({*(s.name for s in BUILTINS), *_entry_points()})


def registered() -> list[ExtractorSpec]:
    """Every built-in and installed extractor's spec; a built-in name wins over an entry point's."""
    return [s for s in (find_spec(name) for name in extractor_names()) if s is not None]


def find_spec(name: str) -> ExtractorSpec | None:
    """The spec of a built-in, of an entry point, or of ``module:attr``; None when ``name``
    is none of these."""
    for spec in BUILTINS:
        if spec.name == name:
            return spec
    ep = _entry_points().get(name)
    if ep is not None:
        try:
            target = ep.load()
        except Exception as e:
            reason = f"entry point {ep.value}: {type(e).__name__}: {e}"
            raise fail("bad-extractor", name=name, reason=reason) from None
        if isinstance(target, ExtractorSpec):
            return replace(target, name=name)
        return _spec_of(name, f"{ep.module}:{ep.attr}", target)
    if ":" in name:
        return _spec_of(name, name, import_target(name, name))
    return None


def _spec_of(name: str, factory: str, target: Any) -> ExtractorSpec:
    layers = getattr(target, "layers", ())
    known = isinstance(layers, tuple | list) and all(x in LAYERS for x in layers)
    return ExtractorSpec(name, factory, tuple(layers) if known else (), _accepts_train(target))


def import_target(factory: str, name: str) -> Any:
    """The object ``module:attr`` names (``attr`` may be dotted)."""
    module, _, attr = factory.partition(":")
    if not module or module.startswith("."):  # importlib: "Empty module name", a package needed
        reason = "write module:attribute, with an absolute module name before the colon"
        raise fail("bad-extractor", name=name, reason=reason)
    try:
        obj: Any = importlib.import_module(module)
    except ImportError as e:
        raise fail("bad-extractor", name=name, reason=f"cannot import {module}: {e}") from None
    for part in attr.split("."):
        if not hasattr(obj, part):
            raise fail("bad-extractor", name=name, reason=f"{module} has no attribute {attr!r}")
        obj = getattr(obj, part)
    return obj


def is_extractor(obj: Any) -> bool:
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
    if is_extractor(target):
        return False
    try:
        return "train" in inspect.signature(target).parameters
    except (TypeError, ValueError):
        return False
