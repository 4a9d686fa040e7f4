"""UIMA CAS XMI for INCEpTION, with dkpro-cassis: ``<id>.xmi`` per document and one
``TypeSystem.xml``.

Entity mentions use DKPro Core's ``NamedEntity`` (INCEpTION's built-in layer: ``value`` holds
the label, ``identifier`` the Wikidata IRI), extended with the fields INCEpTION has no place for;
the other layers are INCEpTION custom layers (``webanno.custom.News*``), claim links a relation
layer with ``Governor``/``Dependent``. Metadata and provenance are JSON in one
``newsanno.DocumentInfo`` annotation. UIMA counts UTF-16 code units; cassis converts them to and
from code points when it writes and reads XMI, so nothing here sees UTF-16."""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from ..corpus import read_documents
from ..errors import NewsannoError, problem
from ..files import write_atomic
from ..limits import Budget
from ..model.document import Document
from . import Report
from .corpus_io import fingerprints, record_export, require
from .pipeline import ImportRun, Incoming, count_kept, span_budget, span_record, span_text
from .registry import FormatSpec
from .xml_safety import refuse_dtd, unwritable

FORMAT = "inception"
EXTRA = "inception"
TYPESYSTEM = "TypeSystem.xml"
ANNOTATION = "uima.tcas.Annotation"
STRING, BOOLEAN = "uima.cas.String", "uima.cas.Boolean"
WIKIDATA = "http://www.wikidata.org/entity/"
NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
CUE = "webanno.custom.NewsCue"
CLAIM_RELATION = "webanno.custom.NewsClaimRelation"
INFO = "newsanno.DocumentInfo"
# layer -> (type, label field or None, [(field, feature, kind)]); kind: str, bool, lines, kb.
LAYERS: dict[str, tuple[str, str | None, list[tuple[str, str, str]]]] = {
    "zones": ("webanno.custom.NewsZone", "kind", []),
    "entities": (
        NAMED_ENTITY,
        "label",
        [
            ("kb_id", "identifier", "kb"),
            ("entity", "cluster", "str"),
            ("mention_type", "mentionType", "str"),
            ("metonymy", "metonymy", "bool"),
            ("links", "links", "lines"),
            ("source_span", "sourceSpan", "extent"),
        ],
    ),
    "quotes": (
        "webanno.custom.NewsQuote",
        "type",
        [
            ("speaker", "speaker", "str"),
            ("speaker_reason", "speakerReason", "str"),
            ("speaker_explicit", "speakerExplicit", "bool"),
        ],
    ),
    "claims": (
        "webanno.custom.NewsClaim",
        None,
        [("claimant", "claimant", "str"), ("reported_by", "reportedBy", "str")],
    ),
    "dates": (
        "webanno.custom.NewsTimex",
        "type",
        [("value", "value", "str"), ("anchor", "anchor", "str"), ("mod", "mod", "str")],
    ),
}
LABEL_FEATURE = {"zones": "kind", "entities": "value", "quotes": "quoteType", "dates": "timexType"}


def typesystem() -> Any:
    cassis = require("cassis", EXTRA)
    ts = cassis.TypeSystem()
    types = {}
    for layer, (name, _, fields) in LAYERS.items():
        t = types[layer] = ts.create_type(name, supertypeName=ANNOTATION)
        ts.create_feature(t, "annId", STRING)
        if layer in LABEL_FEATURE:
            ts.create_feature(t, LABEL_FEATURE[layer], STRING)
        for _, feature, kind in fields:
            ts.create_feature(t, feature, BOOLEAN if kind == "bool" else STRING)
    ts.create_type(CUE, supertypeName=ANNOTATION)
    ts.create_feature(types["quotes"], "cue", CUE)
    rel = ts.create_type(CLAIM_RELATION, supertypeName=ANNOTATION)
    ts.create_feature(rel, "Governor", LAYERS["claims"][0])
    ts.create_feature(rel, "Dependent", LAYERS["claims"][0])
    ts.create_feature(rel, "relationType", STRING)
    info = ts.create_type(INFO, supertypeName=ANNOTATION)
    for feature in ("docId", "meta", "provenance"):
        ts.create_feature(info, feature, STRING)
    return ts


def document_to_cas(doc: Document, ts: Any) -> Any:
    cassis = require("cassis", EXTRA)
    cas = cassis.Cas(typesystem=ts)
    cas.sofa_string = doc.text
    made: dict[str, Any] = {}
    for layer, (name, label, fields) in LAYERS.items():
        t = ts.get_type(name)
        for a in getattr(doc, layer):
            values: dict[str, Any] = {"begin": a.start, "end": a.end, "annId": a.id}
            if label:
                values[LABEL_FEATURE[layer]] = getattr(a, label)
            for field, feature, kind in fields:
                values[feature] = _to_feature(getattr(a, field), kind)
            if layer == "quotes" and a.cue is not None:
                cue = ts.get_type(CUE)(begin=a.cue.start, end=a.cue.end)
                cas.add(cue)
                values["cue"] = cue
            made[a.id] = t(**{k: v for k, v in values.items() if v is not None})
            cas.add(made[a.id])
    rel = ts.get_type(CLAIM_RELATION)
    for c in doc.claims:
        for r in c.relations:
            gov, dep = made[c.id], made[r.target]
            cas.add(
                rel(begin=gov.begin, end=gov.end, Governor=gov, Dependent=dep, relationType=r.type)
            )
    meta, prov = _info(doc)
    info = ts.get_type(INFO)(begin=0, end=0, docId=doc.id, meta=meta, provenance=prov)
    cas.add(info)
    return cas


def _info(doc: Document) -> tuple[str, str]:
    """The metadata and the provenance as JSON, for ``newsanno.DocumentInfo``."""
    meta = orjson.dumps(doc.meta.model_dump(mode="json", exclude_defaults=True)).decode()
    prov = orjson.dumps(doc.annotation.model_dump(mode="json", exclude_defaults=True)).decode()
    return meta, prov


def _written(doc: Document) -> Iterator[tuple[str, str]]:
    """The free strings besides the text that :func:`document_to_cas` writes, and where each
    is (the other features are ids, labels and values of a fixed grammar). JSON escapes C0
    controls, not U+FFFE or U+FFFF."""
    meta, prov = _info(doc)
    yield "meta, written as JSON,", meta
    yield "annotation, written as JSON,", prov
    for m in doc.entities:
        for link in m.links:
            yield f"the links of {m.id}", link


def _to_feature(value: Any, kind: str) -> Any:
    if kind == "kb":
        return None if value is None else WIKIDATA + value
    if kind == "lines":
        return "\n".join(value) if value else None
    if kind == "extent":
        return None if value is None else f"{value.start}-{value.end}"
    return value


def _from_feature(value: Any, kind: str) -> Any:
    if kind == "kb":
        return value.removeprefix(WIKIDATA) if value else None
    if kind == "lines":
        return value.split("\n") if value else []
    if kind == "bool":
        return bool(value)
    if kind == "extent" and value:
        start, _, end = value.partition("-")
        return {"start": int(start), "end": int(end)}
    return value or None


def cas_to_incoming(cas: Any, file: str, report: Report, budget: Budget) -> Incoming | None:
    """The document a CAS holds; span texts are charged to ``budget``."""
    infos = list(cas.select(INFO))
    if not infos:
        reason = f"no {INFO} annotation: not exported by newsanno, so the document id is unknown"
        report.problems.append(problem("import-malformed", file=file, reason=reason))
        return None
    info = infos[0]
    text = cas.sofa_string
    found = {
        layer: sorted(cas.select(name), key=lambda a: a.xmiID or 0)
        for layer, (name, _, _) in LAYERS.items()
    }
    layers: dict[str, list[dict[str, Any]]] = {}
    keys: dict[int, str] = {}
    for layer, (_, label, fields) in LAYERS.items():
        layers[layer] = []
        for a in found[layer]:
            values: dict[str, Any] = {label: a.get(LABEL_FEATURE[layer])} if label else {}
            for field, feature, kind in fields:
                value = _from_feature(a.get(feature), kind)
                if value is not None:
                    values[field] = value
            cue = a.get("cue") if layer == "quotes" else None
            if cue is not None:
                values["cue"] = {
                    "start": cue.begin,
                    "end": cue.end,
                    "text": span_text(text, cue.begin, cue.end, budget),
                }
            keys[id(a)] = a.annId or f"xmi{a.xmiID}"
            layers[layer].append(
                span_record(text, layer, keys[id(a)], a.begin, a.end, a.annId, budget, **values)
            )
    claims = {keys[id(a)]: r for a, r in zip(found["claims"], layers["claims"], strict=True)}
    for rel in cas.select(CLAIM_RELATION):
        gov, dep = keys.get(id(rel.Governor)), keys.get(id(rel.Dependent))
        if gov in claims and dep is not None:
            claims[gov].setdefault("relations", []).append(
                {"type": rel.relationType, "target": dep}
            )
    meta, prov = orjson.loads(info.meta or "null"), orjson.loads(info.provenance or "null")
    return Incoming(FORMAT, file, info.docId, text, layers, meta, prov)


def export_inception(corpus: Path, out: Path) -> Report:
    ts = typesystem()
    report = Report()
    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / TYPESYSTEM, ts.to_xml().encode("utf-8"))
    exported = {}
    for doc in read_documents(corpus):
        unsafe = unwritable(corpus, doc, _written(doc))
        if unsafe is not None:
            report.problems.append(unsafe)
            continue
        xmi = document_to_cas(doc, ts).to_xmi()
        write_atomic(out / f"{doc.id}.xmi", xmi.encode("utf-8"))
        exported[doc.id] = fingerprints(doc)
        count_kept(report, doc)
    record_export(out, exported)
    return report


def load_typesystem(run: ImportRun) -> None:
    """``TypeSystem.xml`` beside the XMI files, once per run."""
    cassis = require("cassis", EXTRA)
    folder = run.src if run.src.is_dir() else run.src.parent
    ts_file = folder / TYPESYSTEM
    if not ts_file.exists():
        reason = f"no {TYPESYSTEM} beside the XMI files in {folder}"
        run.report.problems.append(problem("import-malformed", file=str(ts_file), reason=reason))
        return
    try:
        data = run.read(ts_file)
        refuse_dtd(data, str(ts_file))
        run.state["typesystem"] = cassis.load_typesystem(io.BytesIO(data))
    except NewsannoError as e:
        run.report.problems += e.problems
    except Exception as e:  # cassis raises lxml, ValueError or TypeError on a bad type system
        reason = f"not a UIMA type system: {type(e).__name__}: {str(e)[:300]}"
        run.report.problems.append(problem("import-malformed", file=str(ts_file), reason=reason))


def read_xmi(path: Path, run: ImportRun) -> list[Incoming]:
    """The document of one ``.xmi`` file."""
    cassis = require("cassis", EXTRA)
    data = run.read(path)
    refuse_dtd(data, str(path))
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            cas = cassis.load_cas_from_xmi(io.BytesIO(data), typesystem=run.state["typesystem"])
    except Exception as e:  # cassis raises lxml, ValueError or TypeError on bad XMI
        reason = f"not a CAS XMI file: {type(e).__name__}: {str(e)[:300]}"
        run.report.problems.append(problem("import-malformed", file=str(path), reason=reason))
        return []
    # cassis keeps an offset it cannot map from UTF-16 (one inside a surrogate pair) as it is,
    # with only a warning: the span would silently move onto other characters
    unmapped = [str(w.message) for w in caught if "offset" in str(w.message)]
    if unmapped:
        reason = f"an offset falls inside a character (a UTF-16 surrogate pair): {unmapped[0]}"
        run.report.problems.append(problem("import-malformed", file=str(path), reason=reason))
        return []
    inc = cas_to_incoming(cas, str(path), run.report, span_budget(path, len(data)))
    return [] if inc is None else [inc]


SPEC = FormatSpec(
    name=FORMAT,
    description="UIMA CAS XMI for INCEpTION (.xmi, TypeSystem.xml)",
    read=read_xmi,
    glob="*.xmi",
    write=export_inception,
    setup=load_typesystem,
)
