"""CoNLL-2003 style BIO tagging of entity names: ``<id>.conll`` per document.

Each file starts with ``-DOCSTART- -X- -X- O``; one token per line as ``word _ _ TAG`` with
IOB2 tags over OntoNotes labels (``B-GPE``, ``I-GPE``, ``O``); a blank line ends each line of
the text. Tokens are cut at every mention boundary, so spans never shift. CoNLL carries neither
the text's whitespace nor anything but names without overlap: importing needs the document in
the corpus, aligns the tokens to its text (any other non-space character is refused) and keeps
the mentions the format could not carry (:func:`.entity_tags.merge_tagged`)."""

from __future__ import annotations

from pathlib import Path

from ..corpus import read_documents
from ..errors import Problem, problem
from ..files import write_atomic
from ..model.document import Document
from ..model.tokens import is_space, pieces
from . import Report
from .corpus_io import corpus_document, fingerprints, record_export
from .entity_tags import merge_tagged, taggable
from .pipeline import ImportRun, Incoming, layers_not_carried
from .registry import FormatSpec

FORMAT = "conll"
DOCSTART = "-DOCSTART- -X- -X- O"
SUFFIX = ".conll"


def document_to_conll(doc: Document, report: Report | None = None) -> str:
    mentions = taggable(doc.entities, report, no_space_edges=True, fmt=FORMAT)
    if report is not None:
        layers_not_carried(report, SPEC, doc)
    cuts = [x for m in mentions for x in (m.start, m.end)]
    lines = [DOCSTART, ""]
    i = 0
    for start, end in pieces(doc.text, cuts):
        if is_space(doc.text, (start, end)):
            if "\n" in doc.text[start:end] and lines[-1] != "":
                lines.append("")
            continue
        while i < len(mentions) and mentions[i].end <= start:
            i += 1
        m = mentions[i] if i < len(mentions) and mentions[i].start <= start else None
        tag = "O" if m is None else f"{'B' if m.start == start else 'I'}-{m.label}"
        lines.append(f"{doc.text[start:end]} _ _ {tag}")
    if lines[-1] != "":
        lines.append("")
    return "\n".join(lines) + "\n"


def conll_to_spans(
    conll: str, text: str, file: str, doc_id: str, problems: list[Problem]
) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of the tagged names, aligned to ``text``; an ``I-`` tag that does
    not continue its label starts a new name, as IOB1 readers do."""
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for n, line in enumerate(conll.splitlines(), 1):
        cols = line.split()
        if not cols or cols[0] == "-DOCSTART-":
            continue
        word, tag = cols[0], cols[-1]
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if not text.startswith(word, pos):
            problems.append(
                problem(
                    "import-tokens-mismatch",
                    file=file,
                    doc_id=doc_id,
                    line=n,
                    word=word,
                    found=text[pos : pos + len(word)],
                    offset=pos,
                )
            )
            return []
        start, pos = pos, pos + len(word)
        if tag == "O":
            continue
        prefix, _, label = tag.partition("-")
        if prefix not in ("B", "I") or not label:
            problems.append(_mismatch(file, doc_id, f"line {n}: tag {tag!r} is not IOB2"))
            return []
        if prefix == "I" and spans and spans[-1][2] == label and _adjacent(text, spans[-1], start):
            spans[-1] = (spans[-1][0], pos, label)
        else:
            spans.append((start, pos, label))
    if text[pos:].strip():
        problems.append(_mismatch(file, doc_id, f"the tokens end at {pos}, the text goes on"))
        return []
    return spans


def _adjacent(text: str, span: tuple[int, int, str], start: int) -> bool:
    return not text[span[1] : start].strip()


def _mismatch(file: str, doc_id: str, reason: str) -> Problem:
    return problem("import-malformed", file=file, doc_id=doc_id, reason=reason)


def export_conll(corpus: Path, out: Path) -> Report:
    report = Report()
    out.mkdir(parents=True, exist_ok=True)
    exported = {}
    for doc in read_documents(corpus):
        write_atomic(out / f"{doc.id}{SUFFIX}", document_to_conll(doc, report).encode("utf-8"))
        exported[doc.id] = fingerprints(doc)
        report.documents += 1
        report.kept["entities"] += len(taggable(doc.entities, no_space_edges=True))
    record_export(out, exported)
    return report


def read_conll(path: Path, run: ImportRun) -> list[Incoming]:
    """Entity names for the corpus document ``<id>`` (the file's stem), aligned to its text."""
    doc_id, file = path.name.removesuffix(SUFFIX), str(path)
    old = corpus_document(run.corpus, doc_id)
    if old is None:
        missing = "the text nor its metadata"
        run.report.problems.append(
            problem(
                "import-unknown-document", file=file, doc_id=doc_id, format=FORMAT, missing=missing
            )
        )
        return []
    problems: list[Problem] = []
    source = run.read_text(path, doc_id)
    spans = conll_to_spans(source, old.text, file, doc_id, problems)
    entities = merge_tagged(old.entities, spans, old.text, no_space_edges=True)
    return [Incoming(FORMAT, file, doc_id, old.text, {"entities": entities}, problems=problems)]


SPEC = FormatSpec(
    name=FORMAT,
    description="CoNLL-2003 BIO tags of entity names",
    carries=frozenset({"entities"}),
    read=read_conll,
    glob=f"*{SUFFIX}",
    write=export_conll,
)
