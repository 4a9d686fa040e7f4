"""What the MEANTIME and GUM importers share: both hold Wikinews articles (texts CC BY 2.5)
with annotations under CC BY 4.0, so every imported document carries the same kind of
attribution, and a release built from them can credit each source on its card."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

WIKINEWS_LICENSE = "CC-BY-2.5"
WIKINEWS_LICENSE_URL = "https://creativecommons.org/licenses/by/2.5/"
WIKINEWS_RIGHTS_HOLDER = "Wikinews contributors"
ANNOTATION_LICENSE = "CC-BY-4.0"
ANNOTATION_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class SourceCorpus:
    """A published annotated corpus: who made the annotations and how to credit them."""

    name: str
    credit: str
    homepage: str
    citation: str


def wikinews_meta(
    corpus: SourceCorpus, *, title: str, url: str | None, published: str | None, **extra: Any
) -> dict[str, Any]:
    """Metadata of an imported Wikinews article: the text's license and rights holder, and an
    attribution naming the annotated corpus. The attribution is the same for every article of a
    corpus, so a release card lists each source once; the article's own title and URL are in
    ``title`` and ``url``."""
    attribution = (
        f"Text: {WIKINEWS_RIGHTS_HOLDER} (each article's title and URL are in its metadata), "
        f"{WIKINEWS_LICENSE} ({WIKINEWS_LICENSE_URL}). Annotations: {corpus.name}, "
        f"{corpus.credit}, {ANNOTATION_LICENSE} ({ANNOTATION_LICENSE_URL}), {corpus.homepage}. "
        "Converted to the newsanno schema."
    )
    return {
        "title": title,
        "url": url,
        "publisher": "Wikinews",
        "published": published,
        "published_source": "stated" if published else "unknown",
        "language": "en",
        "license": WIKINEWS_LICENSE,
        "rights_holder": WIKINEWS_RIGHTS_HOLDER,
        "attribution": attribution,
        "redistribution": "full",
        **extra,
    }
