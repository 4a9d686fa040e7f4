"""HTML views of documents and of the corpus: self-contained pages (inline CSS, JS and SVG,
nothing fetched), every piece of text escaped."""

from .article import render_document
from .segments import Mark, render_marks

__all__ = ["Mark", "render_document", "render_marks"]
