"""Baseline extractors and the interface for plugging in others."""

from .base import Extractor, silver

__all__ = ["Extractor", "silver"]
