"""Bringing new articles into the corpus: text normalisation, HTML extraction, duplicate
detection, and the ``add`` operation that ties them together."""

from .add import AddResult, add_article
from .normalize import normalize

__all__ = ["AddResult", "add_article", "normalize"]
