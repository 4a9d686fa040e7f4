"""Synthetic documents for benchmarks and tests: seeded, valid, gold in every layer, and marked
``meta.synthetic`` so that no release carries them by accident."""

from .corpus import synthetic_manifest, write_synthetic_corpus
from .document import synth_document

__all__ = ["synth_document", "synthetic_manifest", "write_synthetic_corpus"]
