"""GUM (CoNLL-U with entity brackets and TEI markup in MISC) -> newsanno corpus.

The text is the ``# text =`` lines, one space between sentences of a paragraph and a blank line
between paragraphs (``# newpar``); tokens are aligned to their sentence's exact text, multi-word
tokens by the surface form of their range line. GUM annotates the whole text, so every layer's
regions are null. Entity types, dates and quotes map by :data:`MAPPING`.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import quote as url_quote

from ..corpus.manifest import Manifest, SplitPolicy
from ..errors import problem
from ..limits import Budget
from ..model.labels import RESERVED_CLAIMANTS
from ..model.timex import value_kind
from . import Report
from .corpus_io import source_text
from .errata import Erratum
from .ids import UniqueIds, slug
from .mapping import Mapping, Rule, targets
from .names import (
    Word,
    finish_entities,
    is_capitalised,
    is_group,
    place_label,
    runs,
    strip_titles,
    strip_unmatched,
    trim,
)
from .pipeline import ImportRun, Incoming, span_budget, span_text
from .wiki import WikiMap
from .wikinews import ANNOTATION_LICENSE, SourceCorpus, source_corpus_spec, wikinews_meta

CORPUS = SourceCorpus(
    name="GUM, the Georgetown University Multilayer corpus",
    credit="Amir Zeldes and the GUM annotators (listed at https://gucorpling.org/gum/)",
    homepage="https://gucorpling.org/gum/",
    citation="Zeldes, A. (2017). The GUM Corpus: Creating Multilayer Resources in the "
    "Classroom. Language Resources and Evaluation 51(3), 581-612.",
)
RULE = (
    "GUM '# text =' sentence lines, joined by one space within a paragraph and a blank line "
    "between paragraphs ('# newpar')."
)
WIKIPEDIA = "https://en.wikipedia.org/wiki/"
# The files state no GUM version; imports/gum.json holds a checksum of the files imported.
RELEASE = "news section (24 Wikinews articles), CoNLL-U with Entity and XML in MISC"
SOURCE = "GUM (Georgetown University Multilayer corpus), news section"
ANNOTATORS = ["GUM annotators"]
_PROVENANCE: dict[str, Any] = {
    "annotators": ANNOTATORS,
    "status": "gold",
    "method": "imported",
    "source": SOURCE,
    "guideline_version": "GUM",
}
# GUM quotes are quotations in quotation marks, without speakers and without indirect speech:
# not complete to the guidelines (Q2, Q5), so they are not gold.
_QUOTES_PROVENANCE = {**_PROVENANCE, "status": "silver"}
_DATELINE = re.compile(r"^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}$")
# Name labels this source does not annotate (or only in part: NORP): in its regions, a merged
# annotation adds its mentions of these labels where they overlap no imported mention.
LABELS_NOT_ANNOTATED: frozenset[str] = frozenset(
    {
        "CARDINAL",
        "ORDINAL",
        "PERCENT",
        "MONEY",
        "QUANTITY",
        "WORK_OF_ART",
        "LAW",
        "LANGUAGE",
        "NORP",
    }
)
RULES: tuple[Rule, ...] = (
    Rule(
        "identity-to-qid",
        "entities",
        "GUM: the cluster's Wikipedia identity, looked up in wiki_map.tab, gives kb_id to every "
        "mention of the cluster (counted per mention).",
    ),
    Rule(
        "date-type-from-value",
        "dates",
        "GUM <date>/<time> carry no TIMEX3 type: TIME when the value has a time of day, else "
        "DATE (GUM marks no durations or sets).",
    ),
    Rule(
        "date-anchor-from-text",
        "dates",
        "GUM values are resolved; the anchor is 'document' when the expression's text does "
        "not state the value's year ('Friday', 'last week'), else null (absolute).",
    ),
    Rule(
        "quote-mixed",
        "quotes",
        "A GUM <quote> that starts in lower case is a fragment in the author's sentence: mixed; "
        "one that starts with a capital is a complete utterance: direct.",
    ),
    Rule(
        "published-from-dateline",
        "meta",
        "When GUM's meta::dateCreated and the article's own date line disagree, the date line "
        "is the publication date (the metadata is the page's creation, often days earlier).",
    ),
    Rule(
        "published-from-metadata",
        "meta",
        "... unless the date line is later than meta::dateModified, the last edit of the page: "
        "then the date line is wrong and meta::dateCreated is used.",
    ),
)

_ELECTION_DAY = (
    "The article (published 2016-09-09) reports the Hong Kong Legislative Council election of "
    "Sunday 2016-09-04, the value the source gives its 'Sunday'; the year 2010 appears nowhere "
    "in the text."
)
ERRATA: tuple[Erratum, ...] = (
    Erratum(
        "gum-election",
        "dates",
        "48-19-date",
        "22:30",
        "value",
        "2010-09-04T22:30:00",
        "2016-09-04T22:30:00",
        _ELECTION_DAY,
    ),
    Erratum(
        "gum-election",
        "dates",
        "48-35-date",
        "2:30 the next day",
        "value",
        "2010-09-05T02:30:00",
        "2016-09-05T02:30:00",
        _ELECTION_DAY,
    ),
)

MAPPING: tuple[Mapping, ...] = (
    Mapping("entities", "person", "PERSON"),
    Mapping("entities", "organization", "ORG"),
    Mapping(
        "entities",
        "place",
        "GPE",
        "GPE, or FAC or LOC by the rules place-to-FAC and place-to-LOC, decided once per "
        "cluster from its identity or its first name",
        lossy=True,
    ),
    Mapping("entities", "event", "EVENT", "GUM events include unnamed ones ('the competition')"),
    Mapping(
        "entities",
        "time",
        None,
        "temporal expressions live in the dates layer (from <date>)",
        code="temporal-mention",
    ),
    *(
        Mapping("entities", t, None, "no OntoNotes type", code="label-not-mapped")
        for t in ("abstract", "object", "substance", "animal", "plant")
    ),
    Mapping(
        "entities",
        "mention head UPOS",
        "mention_type",
        "PROPN: name (the run of proper nouns around the head, rules name-*), PRON: pronoun, "
        "else nominal with the full extent; the head is the token whose syntactic head lies "
        "outside the mention",
        lossy=True,
    ),
    Mapping("entities", "entity id (GRP)", "entity", "cluster id: slug of the identity or e<id>"),
    Mapping(
        "entities",
        "identity (Wikipedia title)",
        "links",
        "https://en.wikipedia.org/wiki/<title>, on every mention of the cluster; kb_id from "
        "wiki_map.tab (rule identity-to-qid)",
    ),
    Mapping(
        "dates",
        '<date when:::"ISO">',
        "type DATE, value",
        "TIME when the value has a time (rule date-type-from-value)",
    ),
    Mapping("dates", '<time when:::"hh:mm:ss">', "type TIME, value Thh:mm:ss"),
    Mapping(
        "dates",
        "<date from/to> of exactly one calendar unit",
        "type DATE, value",
        "an ISO week (Monday to Sunday), its weekend, a month, a year, a decade or a century",
    ),
    Mapping(
        "dates",
        "other <date from/to>, <date notBefore/notAfter>",
        None,
        "a range has no single TIMEX3 value",
        code="date-range",
    ),
    Mapping(
        "quotes",
        "<quote>",
        "quote, type direct or mixed",
        "speakerless: GUM marks no speakers, so speaker null and speaker_reason 'unknown' "
        "(the schema requires a reason with a null speaker; 'unknown' says the source does not "
        "tell); quotation marks at the edges are left out of the span; the quotes layer is "
        "silver, since GUM marks no indirect quotes",
        lossy=True,
    ),
    Mapping(
        "quotes",
        "<q>",
        None,
        "quoted words that are not speech: titles, scare quotes",
        code="not-reported-speech",
    ),
    Mapping(
        "meta",
        "meta::dateCreated, the date line",
        "published",
        "stated; on disagreement see published-from-dateline (a published-date-conflict warning)",
    ),
    Mapping(
        "zones",
        "# newpar_block",
        "zones",
        "first head: headline; the date line after it: dateline; figure captions: caption; "
        "every other paragraph (text, later heads, lists, block quotes): body",
    ),
    Mapping("meta", "meta::title, meta::sourceURL", "title, url"),
    Mapping(
        "meta",
        "lemmas, POS, dependencies, RST and PDTB discourse, salience, other TEI markup",
        None,
        "no such layer in the schema; counted per document, not per item",
        code="not-carried",
    ),
)
_LABELS = targets(MAPPING, "entities")
_FUNCTION_UPOS = frozenset(["DET", "ADP", "CCONJ", "SCONJ", "PRON", "PUNCT", "AUX", "PART"])
_QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb`"
_QUOTE_EDGE = re.compile(rf"[\s{re.escape(_QUOTE_MARKS)}]*")  # what a <quote> holds around a quote
_ENTITY_RE = re.compile(r"\(([^()]+)(\))?|(\d+)\)")
_TAG_RE = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR_RE = re.compile(r'(\w+):::"([^"]*)"')


@dataclass
class Token:
    sentence: int
    index: int  # CoNLL-U word id within its sentence
    start: int
    end: int
    upos: str
    xpos: str
    head: int
    deprel: str
    misc: dict[str, str]


@dataclass
class Parsed:
    meta: dict[str, str] = field(default_factory=dict)
    text: str = ""
    tokens: list[Token] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    paragraphs: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, block


SPEC = source_corpus_spec(
    "gum",
    CORPUS,
    RELEASE,
    Manifest(
        name="gum-news",
        version="1.0.0",
        description="The Wikinews news section of GUM (entities, coreference, Wikipedia "
        "identities, dates, quotations), converted to newsanno.",
        license=ANNOTATION_LICENSE,
        homepage=CORPUS.homepage,
        citation=CORPUS.citation,
        splits=SplitPolicy(ratios={"train": 0.6, "validation": 0.2, "test": 0.2}),
    ),
    "**/*.conllu",
    lambda path, run, wiki: read_document(path, run, wiki),
    LABELS_NOT_ANNOTATED,
    ERRATA,
)


def read_document(path: Path, run: ImportRun, wiki: WikiMap | None = None) -> list[Incoming]:
    """The documents of one GUM file: one per ``# newdoc`` (a file of the GUM repository holds
    one, a file of its Universal Dependencies release several). Annotations without a layer
    here are counted in ``run.carried``."""
    data = run.read(path)
    budget = span_budget(path, len(data))  # mentions over one long word would each copy it
    found = []
    for content in _documents(source_text(data, path)):
        found += _document(path, data, content, run, wiki, budget)
    return found


_NEWDOC = re.compile(r"^# newdoc\b", re.MULTILINE)


def _documents(content: str) -> list[str]:
    """``content`` cut before every ``# newdoc`` line but the first (what comes before that one
    belongs to the first document)."""
    starts = [m.start() for m in _NEWDOC.finditer(content)][1:]
    bounds = [0, *starts, len(content)]
    return [content[a:b] for a, b in pairwise(bounds)]


def _document(
    path: Path, data: bytes, content: str, run: ImportRun, wiki: WikiMap | None, budget: Budget
) -> list[Incoming]:
    report = run.report
    file = str(path)
    parsed = _parse(content, file, report)
    if parsed is None:
        return []
    meta = parsed.meta
    doc_id = "gum-" + slug(
        meta.get("newdoc id", path.stem).removeprefix("GUM_news_"), fallback="doc"
    )
    url = meta.get("meta::sourceURL")
    zones = list(_zones(parsed))
    dateline = next(
        (parsed.text[z["start"] : z["end"]] for z in zones if z["kind"] == "dateline"), None
    )
    published, note = _published(meta, dateline, report, file, doc_id)
    draft = Incoming(
        format="gum",
        file=file,
        doc_id=doc_id,
        text=parsed.text,
        meta=wikinews_meta(
            CORPUS,
            title=meta.get("meta::title", path.stem),
            url=url if url and url.startswith("http") else None,
            published=published,
            **({"published_note": note} if note else {}),
            source={
                "format": "gum",
                "name": path.name,
                "sha256": hashlib.sha256(data).hexdigest(),
                "rule": RULE,
                "settings": {
                    "corpus": CORPUS.name,
                    "corpus_release": RELEASE,
                    "newdoc_id": meta.get("newdoc id", ""),
                },
            },
        ),
        annotation={
            "annotators": ANNOTATORS,
            "status": "gold",
            "guideline_version": "GUM",
            "layers": [
                {"layer": "zones", **_PROVENANCE},
                {"layer": "entities", **_PROVENANCE},
                {"layer": "quotes", **_QUOTES_PROVENANCE},
                {"layer": "dates", **_PROVENANCE},
            ],
        },
        whole=True,
    )
    draft.zones = zones
    _entities(draft, report, parsed.tokens, wiki or WikiMap(), budget)
    finish_entities(draft)
    _markup(draft, parsed.tokens, budget)
    run.carried["documents' syntax, discourse and salience annotations"] += 1
    return [draft]


def _zones(parsed: Parsed) -> Iterator[dict[str, Any]]:
    """Zones from GUM's paragraph blocks (``# newpar_block``): see :data:`MAPPING`."""
    headline = False
    for n, (start, end, block) in enumerate(parsed.paragraphs):
        text = parsed.text[start:end]
        if block.startswith("head") and not headline:
            kind, headline = "headline", True
        elif n == 1 and headline and _DATELINE.match(text):
            kind = "dateline"
        elif "caption" in block:
            kind = "caption"
        else:
            kind = "body"
        yield {"start": start, "end": end, "kind": kind}


def _published(
    meta: dict[str, str], dateline: str | None, report: Report, file: str, doc_id: str
) -> tuple[str | None, str | None]:
    """The publication date and, when the sources disagree, a note on the choice (rules
    published-from-dateline and published-from-metadata)."""
    created = meta.get("meta::dateCreated")
    if dateline is None or created is None:
        return created, None
    line_date = datetime.strptime(dateline, "%A, %B %d, %Y").date().isoformat()
    if line_date == created:
        return created, None
    modified = meta.get("meta::dateModified")
    if modified and line_date > modified:
        used, rule = created, "published-from-metadata"
        note = (
            f"GUM's meta::dateCreated is {created}; the article's date line says "
            f"{dateline!r} ({line_date}), which is after the page's last edit "
            f"(meta::dateModified {modified}), so the date line is wrong and "
            "meta::dateCreated is used."
        )
    else:
        used, rule = line_date, "published-from-dateline"
        note = (
            f"The article's date line says {dateline!r}; GUM's meta::dateCreated is "
            f"{created}, the creation of the page, not its publication. The date line is used."
        )
    report.converted[rule] += 1
    report.problems.append(
        problem(
            "published-date-conflict",
            file=file,
            doc_id=doc_id,
            metadata=f"meta::dateCreated {created}",
            dateline=dateline,
            dateline_date=line_date,
            used=used,
        )
    )
    return used, note


def _parse(content: str, file: str, report: Report) -> Parsed | None:
    """Rebuild the text and give every word its ``[start, end)`` in it."""
    out = Parsed()
    parts: list[str] = []
    pos = 0
    sentence_no = 0
    sent_text: str | None = None
    sent_start = 0
    cursor = 0
    newpar = False
    block = ""
    mwt_end = 0
    mwt_extent = (0, 0)
    mwt_cursor = 0
    mwt_surface = ""
    for line in content.splitlines():
        if line.startswith("# "):
            key, _, value = line[2:].partition(" = ")
            if key == "newpar" or key.startswith("newpar "):
                newpar = True
                block = ""
            elif key == "newpar_block":
                block = value
            elif key == "text":
                sent_text = value
                sep = "" if not parts else ("\n\n" if newpar else " ")
                parts.append(sep + value)
                pos += len(sep)
                sent_start, cursor, mwt_end = pos, 0, 0
                pos += len(value)
                if newpar or not out.paragraphs:
                    out.paragraphs.append((sent_start, pos, block))
                else:
                    first, _, kind = out.paragraphs[-1]
                    out.paragraphs[-1] = (first, pos, kind)
                newpar = False
                sentence_no += 1
                out.sentences.append(value)
            elif sentence_no == 0:
                out.meta[key] = value
            continue
        if not line.strip() or sent_text is None:
            continue
        cols = line.split("\t")
        if len(cols) != 10 or "." in cols[0]:
            continue
        if not cols[1]:  # a word of no length: mentions over many would escape the span budget
            reason = (
                f"word {cols[0]} of sentence {sentence_no} has an empty FORM "
                "(CoNLL-U fields are never empty)"
            )
            report.problems.append(problem("import-malformed", file=file, reason=reason))
            return None
        if "-" in cols[0]:
            first, last = (int(x) for x in cols[0].split("-"))
            extent = _align(sent_text, cols[1], cursor)
            if extent is None:
                return _misaligned(report, file, sentence_no, cols[1], cursor)
            cursor = extent[1]
            mwt_end, mwt_extent = last, (sent_start + extent[0], sent_start + extent[1])
            mwt_cursor, mwt_surface = mwt_extent[0], cols[1]
            continue
        index = int(cols[0])
        if index <= mwt_end:
            # A word of a multi-word token ('Scientology's' = 'Scientology' + ''s') gets its
            # own part of the surface when the parts spell it; else the whole token.
            start, end = mwt_extent
            if cols[1] and mwt_surface.startswith(cols[1], mwt_cursor - start):
                start = mwt_cursor
                end = mwt_cursor + len(cols[1]) if index < mwt_end else end
                mwt_cursor = end
        else:
            extent = _align(sent_text, cols[1], cursor)
            if extent is None:
                return _misaligned(report, file, sentence_no, cols[1], cursor)
            cursor = extent[1]
            start, end = sent_start + extent[0], sent_start + extent[1]
        misc = dict(
            kv.split("=", 1) if "=" in kv else (kv, "") for kv in cols[9].split("|") if kv != "_"
        )
        head = int(cols[6]) if cols[6].isdigit() else 0
        out.tokens.append(
            Token(sentence_no, index, start, end, cols[3], cols[4], head, cols[7], misc)
        )
    out.text = "".join(parts)
    if not out.text:
        reason = "no '# text =' sentence lines: not a CoNLL-U document"
        report.problems.append(problem("import-malformed", file=file, reason=reason))
        return None
    return out


def _align(text: str, form: str, cursor: int) -> tuple[int, int] | None:
    while cursor < len(text) and text[cursor].isspace():
        cursor += 1
    return (cursor, cursor + len(form)) if text.startswith(form, cursor) else None


def _misaligned(report: Report, file: str, sentence: int, form: str, cursor: int) -> None:
    report.problems.append(
        problem("sentence-not-in-text", file=file, sentence=sentence, token=form, offset=cursor)
    )
    return None


def _bracket(draft: Incoming, report: Report, tok: Token, bracket: str, what: str) -> None:
    where = f"sentence {tok.sentence}, word {tok.index}"
    reason = f"the entity bracket {bracket!r} at {where} {what}"
    report.problems.append(
        problem("import-malformed", file=draft.file, doc_id=draft.doc_id, reason=reason)
    )


def _entities(
    draft: Incoming, report: Report, tokens: list[Token], wiki: WikiMap, budget: Budget
) -> None:
    """Bracketed mentions: ``(id-type-...`` opens at a word, ``id)`` closes after one. Their
    texts, and the words a name is looked for in, are charged to ``budget``."""
    open_: dict[str, list[tuple[int, list[str]]]] = {}
    mentions: list[tuple[int, int, list[str]]] = []
    for i, tok in enumerate(tokens):
        for m in _ENTITY_RE.finditer(tok.misc.get("Entity", "")):
            if m.group(1) is not None:
                fields = m.group(1).split("-", 7)
                if m.group(2):
                    mentions.append((i, i, fields))
                else:
                    open_.setdefault(fields[0], []).append((i, fields))
            elif open_.get(m.group(3)):
                first, fields = open_[m.group(3)].pop()
                mentions.append((first, i, fields))
            else:
                _bracket(draft, report, tok, m.group(0), "closes an entity that was never opened")
    for entries in open_.values():
        for first, fields in entries:
            _bracket(draft, report, tokens[first], f"({fields[0]}", "is never closed")
    identities = {f[0]: f[7] for _, _, f in mentions if len(f) > 7 and f[7] not in ("", "_")}
    clusters: dict[str, str] = {}
    cluster_ids = UniqueIds(RESERVED_CLAIMANTS)
    items: dict[str, list[dict[str, Any]]] = {}
    for first, last, fields in sorted(mentions, key=lambda m: (m[0], -m[1])):
        gid, etype = fields[0], fields[1] if len(fields) > 1 else ""
        ann_id = f"{tokens[first].sentence}-{tokens[first].index}-{gid}"
        label = _LABELS.get(etype)
        if label is None:
            code = "temporal-mention" if etype == "time" else "label-not-mapped"
            draft.drop(code, ann_id, label=etype, source="GUM")
            continue
        identity = identities.get(gid)
        if gid not in clusters:
            clusters[gid] = cluster_ids.unique(slug(identity or "", fallback=f"e{gid}"))
        span = tokens[first : last + 1]
        start, end = span[0].start, span[-1].end
        head = _head(span)
        mention_type = {"PROPN": "name", "PRON": "pronoun"}.get(head.upos, "nominal")
        item: dict[str, Any] = {
            "_src": ann_id,
            "_rules": [],
            "label": label,
            "entity": clusters[gid],
        }
        words = [
            Word(t.start, t.end, span_text(draft.text, t.start, t.end, budget), t.upos, t.xpos)
            for t in span
        ]
        head_word = words[span.index(head)]
        if mention_type == "name":
            applied: list[str] = []
            own = set((identity or "").lower().replace("_", " ").split())
            core = _name_core(words, head_word, label == "PERSON", own, applied)
            if core is None:
                mention_type, applied = "nominal", ["name-to-nominal"]
            elif (core[0].start, core[-1].end) != (start, end):
                item["source_span"] = {"start": start, "end": end}
                start, end = core[0].start, core[-1].end
                head_word = next((w for w in core if w.start == head.start), core[-1])
            item["_rules"] += applied
        item.update(draft.span(start, end, budget))
        item["mention_type"] = mention_type
        item["_head"] = head_word
        if identity:
            item["links"] = [WIKIPEDIA + url_quote(identity, safe="_(),'-.!:")]
            qid = wiki.qid(identity)
            if qid:
                item["kb_id"] = qid
                item["_rules"].append("identity-to-qid")
        items.setdefault(gid, []).append(item)
    for gid, cluster in items.items():
        _cluster_label(cluster, identities.get(gid), report)
        for item in cluster:
            del item["_head"]
            if item["entity"] is None:
                del item["entity"]
            draft.entities.append(item)


def _head(span: list[Token]) -> Token:
    """The mention's syntactic head: the token whose head lies outside the mention."""
    inside = {t.index for t in span}
    return next((t for t in span if t.head not in inside), span[0])


def _name_core(
    words: list[Word], head: Word, person: bool, own_names: set[str], applied: list[str]
) -> list[Word] | None:
    """The name in a GUM mention headed by a proper noun: the run of proper nouns and
    capitalised content words around the head, without determiner, possessive, title or the
    rest of the phrase; None when the head is in no run or a person's run is only a role."""
    trimmed = trim(words, applied)
    is_name = [
        w.upos == "PROPN" or (w.upos not in _FUNCTION_UPOS and is_capitalised(w.form))
        for w in trimmed
    ]
    found = runs(trimmed, is_name, person)
    around = [r for r in found if any(w.start == head.start for w in trimmed[r[0] : r[1]])]
    if not around:
        return None
    i, j = around[0]
    if (i, j) != (0, len(trimmed)):
        applied.append("name-from-phrase")
        trimmed = trim(trimmed[i:j], applied)
    if person and trimmed:
        titled = strip_titles(trimmed, applied, own_names)
        if titled is None:
            return None
        trimmed = strip_unmatched(titled, own_names, applied)
    return trimmed or None


def _cluster_label(cluster: list[dict[str, Any]], identity: str | None, report: Report) -> None:
    """One label per cluster where GUM's type is wider than OntoNotes: a place is GPE, FAC or
    LOC (from its identity, else its first name, else its first mention's head word); a person
    cluster whose only names are one plural proper noun ('Muslims') is NORP."""
    label = cluster[0]["label"]
    names = [m for m in cluster if m["mention_type"] == "name"]
    if label == "GPE":
        title = re.sub(r"_\(.*\)$", "", identity or "").replace("_", " ")
        candidates = [("", title)] if title else []
        candidates += [(m["_head"].form, m["text"]) for m in names[:1]]
        candidates += [(cluster[0]["_head"].form, "")]
        new, rule = "GPE", None
        for head, name in candidates:
            new, rule = place_label(head, name)
            if rule:
                break
    elif (
        label == "PERSON"
        and names
        and all(
            " " not in m["text"] and m["_head"].xpos == "NNPS" and is_group(m["text"])
            for m in names
        )
    ):
        new, rule = "NORP", "group-to-NORP"
    else:
        return
    if rule is None:
        return
    for m in cluster:
        m["label"] = new
        m["_rules"].append(rule)
        if new == "NORP" and m["mention_type"] == "name":
            m["entity"] = None


def _markup(draft: Incoming, tokens: list[Token], budget: Budget) -> None:
    """TEI elements in ``XML=``: an opening tag starts at its word, a closing tag ends after it.
    The texts of dates and quotes are charged to ``budget``."""
    stack: dict[str, list[tuple[int, dict[str, str]]]] = {}
    counts: Counter[str] = Counter()
    for i, tok in enumerate(tokens):
        for closing, tag, attrs in _TAG_RE.findall(tok.misc.get("XML", "")):
            if not closing:
                stack.setdefault(tag, []).append((i, dict(_ATTR_RE.findall(attrs))))
                continue
            if not stack.get(tag):
                continue
            first, attributes = stack[tag].pop()
            counts[tag] += 1
            start, end = tokens[first].start, tok.end
            src = f"{tokens[first].sentence}-{tokens[first].index}-{tag}"
            if tag in ("date", "time"):
                _date(draft, src, start, end, attributes, budget)
            elif tag == "quote":
                _quote(draft, src, start, end, budget)
            elif tag == "q":
                draft.drop("not-reported-speech", src, tag=tag)


def _date(
    draft: Incoming, src: str, start: int, end: int, attrs: dict[str, str], budget: Budget
) -> None:
    value = attrs.get("when") or calendar_unit(attrs.get("from", ""), attrs.get("to", ""))
    if value is None:
        shown = ", ".join(f"{k} {v}" for k, v in attrs.items() if k != "rend")
        draft.drop("date-range", src, value=shown)
        return
    if re.fullmatch(r"\d{2}:\d{2}(:\d{2})?", value):
        value = "T" + value
    if value.startswith("--"):
        value = "XXXX" + value[1:]
    ttype = "TIME" if "T" in value else "DATE"
    if value_kind(value) != "point":
        draft.drop("invalid-timex", src, type=ttype, value=value)
        return
    rules = ["date-type-from-value"]
    span = draft.span(start, end, budget)
    year = value[:4]
    anchor = "document" if year.isdigit() and year not in span["text"] else None
    if anchor:
        rules.append("date-anchor-from-text")
    draft.dates.append(
        {
            "_src": src,
            "_rules": rules,
            **span,
            "type": ttype,
            "value": value,
            "anchor": anchor,
        }
    )


def calendar_unit(first: str, last: str) -> str | None:
    """The TIMEX3 value of a ``from``/``to`` range that is exactly one calendar unit: an ISO
    week (``2014-W04``), its weekend (``2015-W38-WE``), a month, a year, a decade (``196``) or
    a century (``19``); None for any other range."""
    try:
        a, b = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:
        return None
    year, week, weekday = a.isocalendar()
    if (b - a).days == 6 and weekday == 1:
        return f"{year}-W{week:02d}"
    if (b - a).days == 1 and weekday == 6:
        return f"{year}-W{week:02d}-WE"
    if a.day == 1 and (b + timedelta(days=1)).day == 1:
        months = (b.year - a.year) * 12 + b.month - a.month + 1
        if months == 1:
            return f"{a.year}-{a.month:02d}"
        if a.month == 1 and b.month == 12:
            span = {1: 4, 10: 3, 100: 2}.get(b.year - a.year + 1)
            if span and a.year % (10 ** (4 - span)) == 0:
                return str(a.year)[:span]
    return None


def _quote(draft: Incoming, src: str, start: int, end: int, budget: Budget) -> None:
    """The quote a ``<quote>`` element holds, without the quotation marks and white space
    around it; what the element holds is charged to ``budget`` before it is looked at."""
    held = span_text(draft.text, start, end, budget)
    lead = _QUOTE_EDGE.match(held).end()
    if lead == len(held):
        draft.drop("unanchored-mention", src, what="<quote> of quotation marks only")
        return
    start, end = start + lead, end - _QUOTE_EDGE.match(held[::-1]).end()
    mixed = draft.text[start].islower()
    draft.quotes.append(
        {
            "_src": src,
            "_rules": ["quote-mixed"] if mixed else [],
            **draft.span(start, end, budget),
            "type": "mixed" if mixed else "direct",
            "speaker": None,
            "speaker_reason": "unknown",
            "speaker_explicit": False,
        }
    )
