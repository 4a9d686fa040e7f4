"""spaCy DocBin: one ``Doc`` per document, ``doc.ents`` for the entity names a NER model can
learn, and a span group per layer (``entities``, ``quotes``, ``cues``, ``claims``, ``dates``,
``zones``) with the annotation id as ``span.id_`` and the Wikidata id as ``span.kb_id_``.

Tokens are cut at every span boundary (:mod:`.tokens`), so ``doc.text`` is the exact text and
no span moves. What spans cannot hold (clusters, speakers, claimants, relations, TIMEX values,
metadata, provenance) is JSON in ``doc.user_data["newsanno"]``, so the round trip is lossless.
Only ``spacy.blank`` vocabularies are used: no pretrained pipeline is needed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from ..corpus import read_documents
from ..errors import NewsannoError, problem
from ..files import write_atomic
from ..limits import Budget, check_zlib
from ..model.document import Document
from ..model.tokens import pieces
from . import Report
from .corpus_io import fingerprints, record_export, require
from .entity_tags import taggable
from .pipeline import ImportRun, Incoming, count_kept, span_budget, span_record, span_text
from .registry import FormatSpec

FORMAT = "spacy"
EXTRA = "spacy"
SUFFIX = ".spacy"
FILE = f"documents{SUFFIX}"
KEY = "newsanno"
# Span group per layer, and the field its span label holds (None: the group name).
GROUPS: dict[str, str | None] = {
    "zones": "kind",
    "entities": "label",
    "quotes": "type",
    "claims": None,
    "dates": "type",
}
CUES = "cues"
_SPAN_FIELDS = {"id", "start", "end", "text", "cue", "kb_id", *filter(None, GROUPS.values())}


def _blank_vocab() -> Any:
    return require("spacy", EXTRA).blank("en").vocab


def document_to_doc(doc: Document, vocab: Any) -> Any:
    """A spaCy ``Doc`` holding the whole document; ``doc.ents`` is a view of the entity
    names for NER training, the ``entities`` span group holds every mention."""
    from spacy.tokens import Doc, Span

    spans = [(a.start, a.end) for layer in GROUPS for a in getattr(doc, layer)]
    spans += [(q.cue.start, q.cue.end) for q in doc.quotes if q.cue is not None]
    starts, ends = {s for s, _ in spans}, {e for _, e in spans}
    words: list[str] = []
    spaces: list[bool] = []
    for s, e in pieces(doc.text, [x for span in spans for x in span]):
        absorb = doc.text[s:e] == " " and words and not spaces[-1]
        if absorb and s not in starts and e not in ends:
            spaces[-1] = True
        else:
            words.append(doc.text[s:e])
            spaces.append(False)
    sdoc = Doc(vocab, words=words, spaces=spaces)

    def span(start: int, end: int, label: str, span_id: str, kb_id: str | None = None) -> Any:
        char = sdoc.char_span(start, end)
        if char is None:
            raise RuntimeError(f"{doc.id}: [{start}, {end}) does not align to the tokens")
        return Span(sdoc, char.start, char.end, label=label, kb_id=kb_id or "", span_id=span_id)

    attributes: dict[str, dict[str, Any]] = {}
    for layer, field in GROUPS.items():
        group = []
        for a in getattr(doc, layer):
            label = getattr(a, field) if field else layer.rstrip("s")
            group.append(span(a.start, a.end, label, a.id, getattr(a, "kb_id", None)))
            attributes[a.id] = a.model_dump(mode="json", exclude=_SPAN_FIELDS)
        sdoc.spans[layer] = group
    sdoc.spans[CUES] = [
        span(q.cue.start, q.cue.end, "cue", q.id) for q in doc.quotes if q.cue is not None
    ]
    sdoc.ents = [span(m.start, m.end, m.label, m.id, m.kb_id) for m in taggable(doc.entities)]
    sdoc.user_data[KEY] = orjson.dumps(
        {
            "id": doc.id,
            "meta": doc.meta.model_dump(mode="json", exclude_defaults=True),
            "annotation": doc.annotation.model_dump(mode="json", exclude_defaults=True),
            "attributes": attributes,
        }
    ).decode()
    return sdoc


def doc_to_incoming(sdoc: Any, file: str, report: Report, budget: Budget) -> Incoming | None:
    """The document a spaCy ``Doc`` holds; spans without stored attributes (made by a model)
    are finished with the import's defaults. Span texts are charged to ``budget``."""
    try:
        info = orjson.loads(sdoc.user_data[KEY])
        doc_id = info["id"]
    except (KeyError, TypeError, orjson.JSONDecodeError):
        reason = f"a Doc has no user_data[{KEY!r}] with the document id"
        report.problems.append(problem("import-malformed", file=file, reason=reason))
        return None
    attributes = info.get("attributes", {})
    text = sdoc.text
    cues = {s.id_: s for s in sdoc.spans.get(CUES, [])}
    groups = {layer: list(sdoc.spans[layer]) if layer in sdoc.spans else [] for layer in GROUPS}
    if "entities" not in sdoc.spans:
        groups["entities"] = list(sdoc.ents)
    layers: dict[str, list[dict[str, Any]]] = {}
    for layer, field in GROUPS.items():
        layers[layer] = []
        for n, s in enumerate(groups[layer]):
            fields: dict[str, Any] = {field: s.label_} if field else {}
            if layer == "entities" and s.kb_id_:
                fields["kb_id"] = s.kb_id_
            if layer == "quotes" and s.id_ in cues:
                c = cues[s.id_]
                cue = span_text(text, c.start_char, c.end_char, budget)
                fields["cue"] = {"start": c.start_char, "end": c.end_char, "text": cue}
            src = s.id_ or f"{layer}#{n}"
            fields |= attributes.get(s.id_, {})
            layers[layer].append(
                span_record(text, layer, src, s.start_char, s.end_char, s.id_, budget, **fields)
            )
    meta, annotation = info.get("meta"), info.get("annotation")
    return Incoming(FORMAT, file, doc_id, text, layers, meta, annotation)


def export_spacy(corpus: Path, out: Path) -> Report:
    """``out/documents.spacy``: every document in one DocBin (``spacy train`` reads it)."""
    from spacy.tokens import DocBin

    vocab = _blank_vocab()
    report = Report()
    docbin = DocBin(store_user_data=True)
    exported = {}
    for doc in read_documents(corpus):
        docbin.add(document_to_doc(doc, vocab))
        exported[doc.id] = fingerprints(doc)
        count_kept(report, doc)
    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / FILE, docbin.to_bytes())
    record_export(out, exported)
    return report


def read_docbin(path: Path, run: ImportRun) -> list[Incoming]:
    """The documents of one ``.spacy`` file."""
    from spacy.tokens import DocBin

    vocab = run.state.setdefault("vocab", _blank_vocab())
    data = run.read(path)
    try:
        check_zlib(data, str(path), f"the DocBin {path.name}")
        docs = list(DocBin().from_bytes(data).get_docs(vocab))
    except NewsannoError:
        raise  # coded already (too-large): the pipeline reports it
    except Exception as e:  # DocBin raises ValueError, KeyError or msgpack errors
        reason = f"not a spaCy DocBin: {type(e).__name__}: {e}"
        run.report.problems.append(problem("import-malformed", file=str(path), reason=reason))
        return []
    budget = span_budget(path, len(data))
    found = (doc_to_incoming(sdoc, str(path), run.report, budget) for sdoc in docs)
    return [inc for inc in found if inc is not None]


SPEC = FormatSpec(
    name=FORMAT,
    description="spaCy DocBin (doc.ents and a span group per layer)",
    read=read_docbin,
    glob=f"*{SUFFIX}",
    write=export_spacy,
)
