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
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote as url_quote

from ..corpus.manifest import Manifest, SplitPolicy
from ..errors import problem
from ..model.labels import RESERVED_CLAIMANTS
from ..model.timex import value_kind
from . import Report
from .draft import Draft, drop, import_files
from .mapping import Mapping, targets
from .wikinews import ANNOTATION_LICENSE, SourceCorpus, slug, unique, wikinews_meta

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

MAPPING: tuple[Mapping, ...] = (
    Mapping("entities", "person", "PERSON"),
    Mapping("entities", "organization", "ORG"),
    Mapping(
        "entities",
        "place",
        "GPE",
        "GUM has one place type; countries, cities and states dominate news. Facilities and "
        "natural places also become GPE.",
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
        "PROPN: name, PRON: pronoun, else nominal; the head is the token whose syntactic "
        "head lies outside the mention",
        lossy=True,
    ),
    Mapping("entities", "entity id (GRP)", "entity", "cluster id: slug of the identity or e<id>"),
    Mapping(
        "entities",
        "identity (Wikipedia title)",
        "links",
        "https://en.wikipedia.org/wiki/<title>, on every mention of the cluster",
    ),
    Mapping("dates", '<date when:::"ISO">', "type DATE, value", "TIME when the value has a time"),
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
        "quote, type direct",
        "speakerless: GUM marks no speakers, so speaker null and speaker_reason 'unknown' "
        "(not 'the text names nobody'); quotation marks at the edges are left out of the span",
        lossy=True,
    ),
    Mapping(
        "quotes",
        "<q>",
        None,
        "quoted words that are not speech: titles, scare quotes",
        code="not-reported-speech",
    ),
    Mapping("meta", "meta::dateCreated", "published", "stated"),
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
_QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb`"
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
    head: int
    misc: dict[str, str]


@dataclass
class Parsed:
    meta: dict[str, str] = field(default_factory=dict)
    text: str = ""
    tokens: list[Token] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)


def import_gum(src: Path, corpus: Path) -> Report:
    """Import every ``*.conllu`` under ``src`` (or the file ``src``) into ``corpus``."""
    return import_files(
        src,
        corpus,
        ".conllu",
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
        read_document,
    )


def read_document(path: Path, report: Report, carried: Counter[str]) -> Draft | None:
    """One GUM file as a draft; annotations without a layer here are added to ``carried``."""
    data = path.read_bytes()
    file = str(path)
    parsed = _parse(data.decode("utf-8"), file, report)
    if parsed is None:
        return None
    meta = parsed.meta
    doc_id = "gum-" + slug(
        meta.get("newdoc id", path.stem).removeprefix("GUM_news_"), fallback="doc"
    )
    url = meta.get("meta::sourceURL")
    draft = Draft(
        doc_id=doc_id,
        text=parsed.text,
        meta=wikinews_meta(
            CORPUS,
            title=meta.get("meta::title", path.stem),
            url=url if url and url.startswith("http") else None,
            published=meta.get("meta::dateCreated"),
            source={
                "format": "gum",
                "name": path.name,
                "sha256": hashlib.sha256(data).hexdigest(),
                "rule": RULE,
                "settings": {"newdoc_id": meta.get("newdoc id", "")},
            },
        ),
        annotation={
            "annotators": ["GUM annotators"],
            "status": "gold",
            "guideline_version": "GUM",
            "layers": [{"layer": "entities"}, {"layer": "quotes"}, {"layer": "dates"}],
        },
        file=file,
    )
    _entities(draft, report, parsed.tokens)
    _markup(draft, report, parsed.tokens)
    carried["documents' syntax, discourse and salience annotations"] += 1
    return draft


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
    mwt_end = 0
    mwt_extent = (0, 0)
    for line in content.splitlines():
        if line.startswith("# "):
            key, _, value = line[2:].partition(" = ")
            if key == "newpar" or key.startswith("newpar "):
                newpar = True
            elif key == "text":
                sent_text = value
                sep = "" if not parts else ("\n\n" if newpar else " ")
                parts.append(sep + value)
                pos += len(sep)
                sent_start, cursor, mwt_end = pos, 0, 0
                pos += len(value)
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
        if "-" in cols[0]:
            first, last = (int(x) for x in cols[0].split("-"))
            extent = _align(sent_text, cols[1], cursor)
            if extent is None:
                return _misaligned(report, file, sentence_no, cols[1], cursor)
            cursor = extent[1]
            mwt_end, mwt_extent = last, (sent_start + extent[0], sent_start + extent[1])
            continue
        index = int(cols[0])
        if index <= mwt_end:
            start, end = mwt_extent
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
        out.tokens.append(Token(sentence_no, index, start, end, cols[3], head, misc))
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


def _entities(draft: Draft, report: Report, tokens: list[Token]) -> None:
    """Bracketed mentions: ``(id-type-...`` opens at a word, ``id)`` closes after one."""
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
            else:
                first, fields = open_[m.group(3)].pop()
                mentions.append((first, i, fields))
    identities = {f[0]: f[7] for _, _, f in mentions if len(f) > 7 and f[7] not in ("", "_")}
    clusters: dict[str, str] = {}
    taken = set(RESERVED_CLAIMANTS)
    for first, last, fields in sorted(mentions, key=lambda m: (m[0], -m[1])):
        gid, etype = fields[0], fields[1] if len(fields) > 1 else ""
        ann_id = f"{tokens[first].sentence}-{tokens[first].index}-{gid}"
        label = _LABELS.get(etype)
        if label is None:
            code = "temporal-mention" if etype == "time" else "label-not-mapped"
            drop(report, code, draft, ann_id, label=etype, source="GUM")
            continue
        identity = identities.get(gid)
        if gid not in clusters:
            clusters[gid] = unique(slug(identity or "", fallback=f"e{gid}"), taken)
        span = tokens[first : last + 1]
        draft.entities.append(
            {
                "_src": ann_id,
                **draft.span(span[0].start, span[-1].end),
                "label": label,
                "mention_type": _mention_type(span),
                "entity": clusters[gid],
                **(
                    {"links": [WIKIPEDIA + url_quote(identity, safe="_(),'-.!:")]}
                    if identity
                    else {}
                ),
            }
        )


def _mention_type(span: list[Token]) -> str:
    inside = {t.index for t in span}
    head = next((t for t in span if t.head not in inside), span[0])
    return {"PROPN": "name", "PRON": "pronoun"}.get(head.upos, "nominal")


def _markup(draft: Draft, report: Report, tokens: list[Token]) -> None:
    """TEI elements in ``XML=``: an opening tag starts at its word, a closing tag ends after it."""
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
                _date(draft, report, src, start, end, attributes)
            elif tag == "quote":
                _quote(draft, report, src, start, end)
            elif tag == "q":
                drop(report, "not-reported-speech", draft, src, tag=tag)


def _date(
    draft: Draft, report: Report, src: str, start: int, end: int, attrs: dict[str, str]
) -> None:
    value = attrs.get("when") or calendar_unit(attrs.get("from", ""), attrs.get("to", ""))
    if value is None:
        shown = ", ".join(f"{k} {v}" for k, v in attrs.items() if k != "rend")
        drop(report, "date-range", draft, src, value=shown)
        return
    if re.fullmatch(r"\d{2}:\d{2}(:\d{2})?", value):
        value = "T" + value
    if value.startswith("--"):
        value = "XXXX" + value[1:]
    ttype = "TIME" if "T" in value else "DATE"
    if value_kind(value) != "point":
        drop(report, "invalid-timex", draft, src, type=ttype, value=value)
        return
    draft.dates.append({"_src": src, **draft.span(start, end), "type": ttype, "value": value})


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


def _quote(draft: Draft, report: Report, src: str, start: int, end: int) -> None:
    while start < end and (draft.text[start] in _QUOTE_MARKS or draft.text[start].isspace()):
        start += 1
    while end > start and (draft.text[end - 1] in _QUOTE_MARKS or draft.text[end - 1].isspace()):
        end -= 1
    if end <= start:
        drop(report, "unanchored-mention", draft, src, what="<quote> of quotation marks only")
        return
    draft.quotes.append(
        {
            "_src": src,
            **draft.span(start, end),
            "type": "direct",
            "speaker": None,
            "speaker_reason": "unknown",
            "speaker_explicit": False,
        }
    )
