"""What the MEANTIME and GUM importers share: both hold Wikinews articles (texts CC BY 2.5)
with annotations under CC BY 4.0, so every imported document carries the same kind of
attribution, and a release built from them can credit each source on its card."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .wiki import WikiMap, find_wiki_map, load_wiki_map

if TYPE_CHECKING:
    from ..corpus.manifest import Manifest
    from .errata import Erratum
    from .pipeline import ImportRun, Incoming
    from .registry import FormatSpec

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


def source_corpus_spec(
    name: str,
    corpus: SourceCorpus,
    release: str,
    manifest: Manifest,
    glob: str,
    read: Callable[[Path, ImportRun, WikiMap], Iterable[Incoming]],
    labels_not_annotated: frozenset[str],
    errata: tuple[Erratum, ...] = (),
) -> FormatSpec:
    """The spec of a Wikinews source corpus (MEANTIME, GUM): whole documents, QIDs from GUM's
    ``wiki_map.tab`` found beside the source, and ``imports/<name>.json`` naming the release
    and the wiki map it used."""
    from .registry import FormatSpec

    def setup(run: ImportRun) -> None:
        run.state["wiki"] = load_wiki_map(find_wiki_map(run.src))

    def summary(run: ImportRun) -> dict[str, str]:
        wiki = run.state["wiki"]
        return {
            "source": name,
            "corpus": corpus.name,
            "version": release,
            "wiki_map_sha256": wiki.sha256 or "",
        }

    return FormatSpec(
        name=name,
        description=f"{corpus.name} (import only)",
        carries=frozenset({"zones", "entities", "quotes", "dates"}),
        read=lambda path, run: read(path, run, run.state["wiki"]),
        glob=glob,
        tool=False,
        setup=setup,
        manifest=manifest,
        summary=summary,
        labels_not_annotated=labels_not_annotated,
        errata=errata,
    )
