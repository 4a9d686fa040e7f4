"""HTML views of documents and of the corpus: self-contained pages (inline CSS, JS and SVG,
nothing fetched), every piece of text escaped."""

from .article import render_document
from .segments import MAX_DEPTH, Mark, Rendered, render_marks

__all__ = ["MAX_DEPTH", "Mark", "Rendered", "render_document", "render_marks"]
