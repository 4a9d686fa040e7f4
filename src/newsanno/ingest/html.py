"""Main text and metadata of a news page, with trafilatura.

The settings used are recorded in the document's ``meta.source`` next to the checksum of the raw
HTML, so the extraction can be repeated and checked; trafilatura's own clean-up (it folds
no-break spaces into spaces and separates blocks with one newline) is part of what they fix."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import fail
from ..formats.corpus_io import require

EXTRA = "ingest"
SETTINGS: dict[str, str | int | float | bool] = {
    "output_format": "txt",
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "favor_precision": True,
    "deduplicate": False,
}


@dataclass
class Extracted:
    text: str
    extractor: str
    settings: dict[str, str | int | float | bool]
    found: dict[str, Any] = field(default_factory=dict)


def extract_html(html: bytes | str, *, file: str, url: str | None = None) -> Extracted:
    """The article's main text, and what the page says of its title, date, authors, site.
    Bytes are decoded by trafilatura, which honours the page's declared charset."""
    trafilatura = require("trafilatura", EXTRA)
    settings = {k: v for k, v in SETTINGS.items() if k != "output_format"}
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, **settings)
    if doc is None or not (doc.text or "").strip():
        raise fail("add-no-text", file=file, reason="trafilatura found no main text in the page")
    headline = doc.text.strip().split("\n", 1)[0].strip()
    # trafilatura falls back on page fields that often repeat the headline (application-name,
    # a part of <title>): a site name equal to the title or headline is not a publisher
    same = {x.strip().casefold() for x in (doc.title or "", headline) if x}
    publisher = doc.sitename if (doc.sitename or "").strip().casefold() not in same else None
    found = {
        "title": doc.title,
        "published": doc.date,
        "authors": [a.strip() for a in (doc.author or "").split(";") if a.strip()],
        "publisher": publisher,
        "url": doc.url,
        "language": doc.language,
    }
    return Extracted(
        text=doc.text,
        extractor=f"trafilatura {trafilatura.__version__}",
        settings=dict(SETTINGS),
        found={k: v for k, v in found.items() if v},
    )
