"""Writing pages to disk: one document, or a static site of a whole corpus (an index, one page
per document, the report). The corpus is read one document at a time; what is kept across
documents is one index row each and the addable counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..corpus import SplitPolicy, iter_corpus, load_document, read_manifest
from ..corpus.layout import (
    ANNOTATION_SUFFIX,
    ANNOTATIONS,
    MANIFEST,
    annotation_path,
    is_safe_id,
    text_path,
)
from ..corpus.splits import assign_split
from ..errors import NewsannoError, Problem, fail
from ..files import staged_folder, write_atomic
from ..model.document import Document
from ..model.layers import layer_names
from ..outputs import output_folder
from ..paths import NAME_RULE
from ..release.stats import Stats
from .article import render_document
from .page import esc, page
from .report import render_report

DOCS = "docs"
INDEX = "index.html"
REPORT = "report.html"


def view_path(corpus: Path, doc: str) -> Path:
    """The annotation file of a document given by id in ``corpus``, or by that file's path.
    An id is checked before it names a file: ``../other/annotations/x`` is no id, and must not
    read a document outside the corpus."""
    if doc.endswith(ANNOTATION_SUFFIX):
        return Path(doc)
    if not is_safe_id(doc):
        raise fail("bad-document-id", file=str(corpus), value=doc, reason=NAME_RULE)
    return annotation_path(corpus, doc)


def view_inputs(corpus: Path, doc: str) -> list[Path]:
    """What showing ``doc`` reads, which its page must stay apart from: the corpus holding its
    annotation file (a loose annotation file and the text beside it, outside a corpus)."""
    path = view_path(corpus, doc)
    if path.parent.name == ANNOTATIONS:
        return [path.parent.parent]
    return [path, text_path(path.parent.parent, path.name.removesuffix(ANNOTATION_SUFFIX))]


def load_for_view(corpus: Path, doc: str) -> Document:
    """A document by id in ``corpus``, or by the path of its annotation file."""
    path = view_path(corpus, doc)
    loaded = load_document(path)
    if loaded.document is None or not loaded.ok:
        raise NewsannoError(loaded.problems)
    return loaded.document


def write_page(doc: Document, out: Path, nav: str = "") -> Path:
    write_atomic(out, render_document(doc, nav).encode("utf-8"))
    return out


@dataclass
class Site:
    """What a site build wrote, and the documents it could not show (with their problems)."""

    out: Path
    pages: int = 0
    problems: list[Problem] = field(default_factory=list)

    def render(self) -> str:
        bad = len({(p.file, p.doc_id) for p in self.problems if p.severity == "error"})
        return f"wrote {self.pages} document pages, {INDEX} and {REPORT} to {self.out}" + (
            f"; {bad} documents not shown" if bad else ""
        )


def _nav(prefix: str) -> str:
    links = f'<a href="{prefix}{INDEX}">Documents</a> · <a href="{prefix}{REPORT}">Report</a>'
    return f"<nav>{links}</nav>"


def write_site(corpus: Path, out: Path, evaluation: dict[str, Any] | None = None) -> Site:
    """Pages for every document of ``corpus``; a folder without a manifest (a working copy, an
    import in progress) is shown with the default split policy under its folder name. ``out``
    is a folder of its own, apart from the corpus, and gets the pages only when every one was
    written (an interrupted run leaves the site it had)."""
    output_folder(out, [corpus])
    with staged_folder(out) as stage:
        return _write_site(corpus, stage, out, evaluation)


def _write_site(corpus: Path, stage: Path, out: Path, evaluation: dict[str, Any] | None) -> Site:
    if (corpus / MANIFEST).exists():
        manifest = read_manifest(corpus)
        title, description = f"{manifest.name} {manifest.version}", manifest.description
        policy = manifest.splits
    else:
        title, description, policy = corpus.resolve().name, "", SplitPolicy()
    site, stats, rows = Site(out), Stats(), []
    for loaded in iter_corpus(corpus):
        doc = loaded.document
        site.problems += loaded.problems
        if doc is None or not loaded.ok:
            rows.append(_missing_row(loaded.doc_id, len(loaded.problems)))
            continue
        split = assign_split(doc.id, policy)
        stats.add(doc, split)
        write_page(doc, stage / DOCS / f"{doc.id}.html", _nav("../"))
        site.pages += 1
        rows.append(_row(doc, split))
    stats.order_splits(policy.ratios)
    head = "".join(f"<th>{x}</th>" for x in ["document", "split", "status", *layer_names()])
    index = (
        f'<div class="page"><header>{_nav("")}<h1>{esc(title)}</h1>'
        f"<p>{esc(description)}</p></header>"
        f'<div class="scroll"><table><tr>{head}</tr>{"".join(rows)}</table></div></div>'
    )
    write_atomic(stage / INDEX, page(title, index, script=False).encode("utf-8"))
    report = render_report(
        stats,
        title=f"{title}: report",
        evaluation=evaluation,
        problems=site.problems,
        nav=_nav(""),
    )
    write_atomic(stage / REPORT, report.encode("utf-8"))
    return site


def _row(doc: Document, split: str) -> str:
    link = f'<a href="{DOCS}/{esc(doc.id)}.html" dir="auto">{esc(doc.meta.title)}</a>'
    counts = "".join(f'<td class="n">{len(getattr(doc, layer))}</td>' for layer in layer_names())
    return (
        f'<tr><td class="doc">{link}<br><code>{esc(doc.id)}</code></td><td>{esc(split)}</td>'
        f"<td>{esc(doc.annotation.status)}</td>{counts}</tr>"
    )


def _missing_row(doc_id: str, problems: int) -> str:
    return (
        f"<tr><td>{esc(doc_id)}</td><td colspan='{2 + len(layer_names())}' class='problems'>"
        f"not shown: {problems} problems (see the report)</td></tr>"
    )
