"""Wikipedia titles to Wikidata QIDs, through GUM's ``wiki_map.tab``.

GUM gives an entity's Wikipedia title (its ``identity``), MEANTIME a DBpedia resource, whose
name is the English Wikipedia title. GUM's table maps titles to QIDs (columns FormattedTitle,
URLTitle, WikidataID, DateUpdated). A title not in the table gets no QID: the guidelines (E8.1)
prefer none to a guess, so there is no fuzzy matching, only the exact title with spaces written
as underscores and percent-escapes decoded.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from .corpus_io import read_source, source_text

WIKI_MAP = "wiki_map.tab"
_QID = re.compile(r"^Q[1-9][0-9]*$")
_DBPEDIA = re.compile(r"^https?://dbpedia\.org/(?:page|resource)/(.+)$")


@dataclass
class WikiMap:
    """Title -> QID; ``sha256`` of the table file, for the import summary."""

    qids: dict[str, str] = field(default_factory=dict)
    sha256: str | None = None

    def qid(self, title: str) -> str | None:
        return self.qids.get(normal_title(title))


def normal_title(title: str) -> str:
    """A Wikipedia title as the table writes it: underscores for spaces, escapes decoded."""
    return unquote(title).strip().replace(" ", "_")


def dbpedia_title(url: str) -> str | None:
    """The Wikipedia title of a DBpedia resource URL (``page`` and ``resource`` forms)."""
    m = _DBPEDIA.match(url.strip())
    return m.group(1) if m else None


def find_wiki_map(src: Path) -> Path | None:
    """GUM's table next to the source: in ``src``, its parent, or a sibling ``gum`` folder
    (where MEANTIME's importer finds it when both corpora sit side by side)."""
    base = src if src.is_dir() else src.parent
    for candidate in (base / WIKI_MAP, base.parent / WIKI_MAP, base.parent / "gum" / WIKI_MAP):
        if candidate.is_file():
            return candidate
    return None


def load_wiki_map(path: Path | None) -> WikiMap:
    """The table at ``path`` (an empty one for None). It is read as a source file of the folder
    it was found in (no link out of it, a regular file) and as UTF-8 text."""
    if path is None:
        return WikiMap()
    data = read_source(path, path.parent)
    out = WikiMap(sha256=hashlib.sha256(data).hexdigest())
    for line in source_text(data, path).splitlines():
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 3 or not _QID.match(cols[2].strip()):
            continue
        for title in cols[:2]:
            out.qids.setdefault(normal_title(title), cols[2].strip())
    return out
