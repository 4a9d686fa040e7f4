"""``newsanno add``: put a new article (plain text or an HTML page) into the corpus.

The text is normalised only as :mod:`.normalize` documents. A new document gets an annotation
file with no layer declared (nothing is annotated yet; status silver until people annotate it).
An id already in the corpus is refused, unless ``replace``; even then, never when the corpus
document has annotations and the new text differs, since their offsets would move. An exact
duplicate of another document is refused; a near duplicate is pinned to the split of the
document it duplicates (``manifest.splits.overrides``), or refused with ``near="refuse"``."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import orjson

from ..corpus import read_manifest, sha256_text, write_document
from ..corpus.layout import ARTICLES, MANIFEST, TEXT_SUFFIX
from ..corpus.reader import decode_utf8
from ..errors import NewsannoError, Problem, fail, problem
from ..files import write_atomic
from ..formats.corpus_io import corpus_document, first_difference, read_source, waiting_text
from ..model.checks import validate_document
from ..model.document import GUIDELINES_VERSION, Document
from ..model.labels import LAYERS
from ..paths import read_inside
from .dedup import NearDuplicates
from .normalize import BOM, normalize

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
NEW_PROVENANCE = {
    "annotators": ["newsanno add"],
    "status": "silver",
    "guideline_version": GUIDELINES_VERSION,
    "layers": [],
}
NearPolicy = Literal["pin", "refuse"]


@dataclass
class AddResult:
    document: Document
    normalized: list[str]
    pinned: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # metadata taken from the file itself


def read_article(source: Path, kind: str = "auto") -> tuple[str, dict[str, Any], dict[str, Any]]:
    """(text before normalisation, metadata found in the file, ``meta.source`` fields)."""
    file = str(source)
    raw = read_source(source, None)  # the file the user named; a FIFO is refused, not read
    is_html = kind == "html" or (kind == "auto" and source.suffix.lower() in HTML_SUFFIXES)
    src: dict[str, Any] = {"name": source.name, "sha256": hashlib.sha256(raw).hexdigest()}
    if is_html:
        from .html import extract_html

        extracted = extract_html(raw, file=file)
        src |= {
            "format": "html",
            "extractor": extracted.extractor,
            "settings": extracted.settings,
        }
        return extracted.text, extracted.found, src
    bom = BOM.encode()
    text, problems = decode_utf8(raw.removeprefix(bom), file=file)
    if text is None:
        raise NewsannoError(problems)
    if raw.startswith(bom):
        text = BOM + text  # as in the file: normalisation removes it and says so
    # a plain-text article opens with its headline, as the seed and most exports do; its first
    # line as stored, so that a CR-only (old Mac) file does not make the whole text the title
    headline = normalize(text)[0].strip().split("\n", 1)[0].strip()
    return text, {"title": headline} if headline else {}, src | {"format": "text"}


def slug_id(meta: dict[str, Any], fallback: str) -> str:
    """``<published date>-<first words of the title>``, like the seed document's id."""
    title = unicodedata.normalize("NFKD", meta.get("title") or fallback)
    words = re.findall(r"[a-z0-9]+", title.encode("ascii", "ignore").decode().lower())
    slug = "-".join(words[:8])[:80].strip("-") or "article"
    date = str(meta.get("published") or "")[:10]
    return f"{date}-{slug}" if date else slug


def corpus_texts(corpus: Path) -> Iterator[tuple[str, str]]:
    folder = corpus / ARTICLES
    for path in sorted(folder.glob(f"*{TEXT_SUFFIX}")) if folder.is_dir() else []:
        yield path.name.removesuffix(TEXT_SUFFIX), read_inside(corpus, path).decode("utf-8")


class Adder:
    """Adds articles to one corpus; the duplicate index and the manifest are read once for many
    articles (with thousands of near duplicates pinned, reading the manifest back and checking
    every pin again on each add made the adds quadratic)."""

    def __init__(self, corpus: Path, *, near: NearPolicy = "pin") -> None:
        self.corpus = corpus
        self.near = near
        self.policy = read_manifest(corpus).splits
        self._manifest = orjson.loads(read_inside(corpus, corpus / MANIFEST))
        self.index = NearDuplicates()
        self.sha: dict[str, str] = {}  # sha256 of a text -> the (last) document holding it
        self._sha_of: dict[str, str] = {}  # and back, to forget a replaced text in O(1)

        def texts() -> Iterator[tuple[str, str]]:
            for doc_id, text in corpus_texts(corpus):
                self._remember(doc_id, sha256_text(text))
                yield doc_id, text

        self.index.add_all(texts())

    def add(
        self,
        source: Path,
        *,
        meta: dict[str, Any] | None = None,
        doc_id: str | None = None,
        kind: str = "auto",
        replace: bool = False,
    ) -> AddResult:
        """Add one article; ``meta`` fields (title, url, license, ...) win over what an HTML
        page says of itself."""
        file = str(source)
        raw_text, found, src = read_article(source, kind)
        text, changed = normalize(raw_text)
        if not text.strip():
            raise fail("add-no-text", file=file, reason="the article text is empty")
        src["settings"] = {**src.get("settings", {}), "normalization": "BOM removed, LF, NFC"}
        if changed:
            src["rule"] = "normalised: " + ", ".join(changed)
        given = {k: v for k, v in (meta or {}).items() if v is not None}
        fields = _metadata({**found, **given})
        fields["source"] = src
        doc_id = doc_id or slug_id(fields, source.stem)
        old = corpus_document(self.corpus, doc_id)
        body = self._keep(old, text, raw_text, file, replace) if old else None
        if old is None and not replace and waiting_text(self.corpus, doc_id, text) is not None:
            reason = f"{doc_id} exists as another text without annotations"
            raise fail("add-exists", file=file, doc_id=doc_id, reason=reason)
        data = body or {"id": doc_id, "annotation": NEW_PROVENANCE}
        fields_and_text = {**data, "id": doc_id, "text": text, "meta": fields}
        doc, problems = validate_document(fields_and_text, file)
        if doc is None:
            raise NewsannoError(problems)
        result = AddResult(doc, changed, problems=problems)
        if "title" not in given and found.get("title"):
            where = "the page" if src.get("format") == "html" else "the first line"
            result.notes.append(f"title from {where}: {found['title']!r} (--title to change)")
        sha, minhash = sha256_text(text), self.index.minhash(text)
        self._duplicates(result, file, sha, minhash)
        write_document(self.corpus, doc)
        if result.pinned:
            self._pin(result.pinned)
        self.index.insert(doc_id, minhash)
        old = self._sha_of.get(doc_id)
        if old is not None and self.sha.get(old) == doc_id:
            del self.sha[old]
        self._remember(doc_id, sha)
        return result

    def _pin(self, pins: dict[str, str]) -> None:
        """Write ``pins`` into the manifest's split overrides (and the policy)."""
        self._manifest.setdefault("splits", {}).setdefault("overrides", {}).update(pins)
        data = orjson.dumps(self._manifest, option=orjson.OPT_INDENT_2) + b"\n"
        write_atomic(self.corpus / MANIFEST, data)
        overrides = {**self.policy.overrides, **pins}
        self.policy = self.policy.model_copy(update={"overrides": overrides})

    def _remember(self, doc_id: str, sha: str) -> None:
        self._sha_of[doc_id] = sha
        self.sha[sha] = doc_id

    def _keep(
        self, old: Document, text: str, raw_text: str, file: str, replace: bool
    ) -> dict[str, Any]:
        """The old document's annotations when they may stay; refuses otherwise."""
        count = sum(len(getattr(old, name)) for name in LAYERS)
        if old.text != text and count:
            reason = (
                "normalisation changes the text the annotations were made on"
                if raw_text == old.text
                else "the new text is different"
            )
            raise fail(
                "add-would-move-offsets",
                file=file,
                doc_id=old.id,
                count=count,
                offset=first_difference(text, old.text),
                reason=reason,
            )
        if not replace:
            same = "with the same text" if old.text == text else "with another text"
            raise fail("add-exists", file=file, doc_id=old.id, reason=f"{old.id} exists {same}")
        return old.model_dump() if old.text == text else {}

    def _duplicates(self, result: AddResult, file: str, sha: str, minhash: Any) -> None:
        """Refuses an exact copy; pins a near duplicate to its original's split (or refuses
        it); ``sha`` and ``minhash`` are the text's, computed once for the check and the index."""
        doc = result.document
        other = self.sha.get(sha)
        if other is not None and other != doc.id:
            raise fail("add-duplicate", file=file, doc_id=doc.id, other=other, sha256=sha)
        for match in self.index.matches(minhash):
            if match.doc_id == doc.id:
                continue
            split = _split(match.doc_id, self.policy)
            action = "refused" if self.near == "refuse" else f"both pinned to split {split!r}"
            p = problem(
                "add-near-duplicate",
                file=file,
                doc_id=doc.id,
                score=match.score,
                threshold=self.index.threshold,
                other=match.doc_id,
                action=action,
            )
            if self.near == "refuse":
                raise NewsannoError(p)
            result.problems.append(p)
            result.pinned |= {match.doc_id: split, doc.id: split}
            return


def _metadata(values: dict[str, Any]) -> dict[str, Any]:
    """Metadata with the defaults documented for ``add``: published_source follows from whether
    a date is known, language English, license unknown and redistribution annotations-only
    until someone says otherwise."""
    out = {"language": "en", "license": "unknown", "redistribution": "annotations-only", **values}
    if "published_source" not in out:
        out["published_source"] = "stated" if out.get("published") else "unknown"
    return out


def _split(doc_id: str, policy: Any) -> str:
    from ..corpus.splits import assign_split

    return assign_split(doc_id, policy)


def add_article(corpus: Path, source: Path, **kwargs: Any) -> AddResult:
    """Add one article to ``corpus``; see :meth:`Adder.add` for the options."""
    near = kwargs.pop("near", "pin")
    return Adder(corpus, near=near).add(source, **kwargs)


def add_articles(
    corpus: Path, sources: Iterable[Path], *, near: NearPolicy = "pin", **kwargs: Any
) -> Iterator[AddResult]:
    adder = Adder(corpus, near=near)
    for source in sources:
        yield adder.add(source, **kwargs)
