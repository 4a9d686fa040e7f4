"""NewsReader MEANTIME (CAT XML) -> newsanno corpus.

MEANTIME keeps tokens, not the article's spacing, so the text is rebuilt by :data:`RULE` and the
rule is stored in each document's ``meta.source.rule``. Only the title, the date line and the
first five sentences (sentences 0-6) are annotated, so the ``entities`` and ``dates`` layers are
declared over that region only. Entity mentions take their type and cluster from the ``ENTITY``
instance they ``REFERS_TO``; the instance's DBpedia URL goes into ``links`` verbatim.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ..corpus.manifest import Manifest, SplitPolicy
from ..limits import Budget
from ..model.labels import RESERVED_CLAIMANTS
from ..model.timex import TYPE_KINDS, value_kind
from . import Report
from .detokenize import RULE, rebuild_text
from .ids import UniqueIds, slug
from .mapping import Mapping, Rule, targets
from .names import (
    Word,
    finish_entities,
    is_capitalised,
    is_demonym,
    place_label,
    runs,
    strip_titles,
    strip_unmatched,
    trim,
)
from .pipeline import ImportRun, Incoming, parse_xml, span_budget, span_text
from .wiki import WikiMap, dbpedia_title
from .wikinews import ANNOTATION_LICENSE, SourceCorpus, source_corpus_spec, wikinews_meta

CORPUS = SourceCorpus(
    name="NewsReader MEANTIME corpus",
    credit="(c) 2015 Fondazione Bruno Kessler, VU University Amsterdam, Universidad del Pais Vasco",
    homepage="http://www.newsreader-project.eu/results/data/wikinews/",
    citation="Minard, A.-L., Speranza, M., Urizar, R., Altuna, B., van Erp, M., Schoen, A., "
    "van Son, C. (2016). MEANTIME, the NewsReader Multilingual Event and Time Corpus. LREC 2016.",
)
GUIDELINES = "NWR-2014-2-2"
RELEASE = "2015 release, English intra-document annotation"
SOURCE = "MEANTIME (NewsReader, 2015)"
ANNOTATORS = ["NewsReader MEANTIME annotators"]
ANNOTATED_SENTENCES = 7  # title, date line, first five sentences
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
        "EVENT",
    }
)
RULES: tuple[Rule, ...] = (
    Rule(
        "merge-duplicate-instance",
        "entities",
        "MEANTIME: two entity instances of one document with the same description and type "
        "(one of them without a DBpedia link, made for an apposition) are one cluster.",
    ),
    Rule(
        "dbpedia-to-qid",
        "entities",
        "A mention whose DBpedia resource title is in GUM's wiki_map.tab gets its QID "
        "(counted per mention).",
    ),
)

MAPPING: tuple[Mapping, ...] = (
    Mapping("entities", "PER", "PERSON"),
    Mapping("entities", "ORG", "ORG"),
    Mapping(
        "entities",
        "LOC",
        "GPE",
        "GPE, or FAC or LOC by the rules place-to-FAC and place-to-LOC, decided once per "
        "cluster from the instance's description",
        lossy=True,
    ),
    Mapping("entities", "PRO", "PRODUCT"),
    Mapping(
        "entities",
        "FIN",
        None,
        "financial objects (contracts, stakes, markets, debts) are no OntoNotes type; MONEY "
        "is for amounts only",
        code="label-not-mapped",
    ),
    Mapping("entities", "MIX", None, "mixed-type groups", code="label-not-mapped"),
    Mapping(
        "entities",
        "ENTITY_MENTION without REFERS_TO",
        None,
        "no entity instance, hence no type",
        code="untyped-mention",
    ),
    Mapping(
        "entities",
        "ENTITY_MENTION over non-adjacent tokens",
        None,
        "a span cannot have gaps",
        code="discontinuous-span",
    ),
    Mapping(
        "entities",
        "second REFERS_TO of a mention",
        None,
        "the first instance is kept",
        code="extra-referent",
    ),
    Mapping("entities", "syntactic_type NAM, PRE.NAM", "mention_type name"),
    Mapping("entities", "syntactic_type PRO", "mention_type pronoun"),
    Mapping(
        "entities",
        "syntactic_type NOM, PRE.NOM, APP, CONJ, ARC, HLS, PTV",
        "mention_type nominal",
        "appositions, conjunctions and partitives are phrases around names",
        lossy=True,
    ),
    Mapping(
        "entities",
        "syntactic_type empty",
        "mention_type inferred",
        "a single pronoun token is a pronoun; capitalised words only: a name; else nominal",
        lossy=True,
    ),
    Mapping(
        "entities",
        "ENTITY external_ref",
        "links, kb_id",
        "DBpedia URL kept verbatim on every mention of the cluster; kb_id when the title is in "
        "GUM's wiki_map.tab",
    ),
    Mapping("entities", "REFERS_TO target ENTITY", "entity", "cluster id: slug of the instance"),
    Mapping("dates", "TIMEX3 type, value", "type, value"),
    Mapping(
        "dates",
        "TIMEX3 anchorTimeID",
        "anchor",
        "'document' when it is the creation time, else the anchor's id; self-anchored: null",
    ),
    Mapping(
        "dates",
        "TIMEX3 without token anchor",
        None,
        "an empty TIMEX3 has a value but no text",
        code="unanchored-timex",
    ),
    Mapping(
        "dates",
        "TIMEX3 value outside TIMEX3 grammar",
        None,
        "for example FY2007, PM6",
        code="invalid-timex",
    ),
    Mapping("meta", "TIMEX3 functionInDocument=CREATION_TIME", "published", "stated"),
    Mapping(
        "meta",
        "EVENT_MENTION, SIGNAL, VALUE, TLINK, CLINK, SLINK, GLINK, HAS_PARTICIPANT",
        None,
        "no such layer in the schema; not counted per item",
        code="not-carried",
    ),
)
_LABELS = targets(MAPPING, "entities")
_PROVENANCE = {
    "annotators": ANNOTATORS,
    "status": "gold",
    "method": "imported",
    "source": SOURCE,
    "guideline_version": GUIDELINES,
}
_MENTION_TYPES = {
    "NAM": "name",
    "PRE.NAM": "name",
    "PRO": "pronoun",
    **dict.fromkeys(("NOM", "PRE.NOM", "APP", "CONJ", "ARC", "HLS", "PTV"), "nominal"),
}
_PRONOUNS = frozenset(
    [
        "i",
        "me",
        "my",
        "mine",
        "we",
        "us",
        "our",
        "ours",
        "you",
        "your",
        "yours",
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "it",
        "its",
        "they",
        "them",
        "their",
        "theirs",
        "this",
        "that",
        "these",
        "those",
        "who",
        "whom",
        "whose",
        "which",
        "what",
    ]
)


SPEC = source_corpus_spec(
    "meantime",
    CORPUS,
    RELEASE,
    Manifest(
        name="meantime",
        version="1.0.0",
        description="NewsReader MEANTIME English Wikinews articles (entities, coreference, "
        "TIMEX3), converted to newsanno.",
        license=ANNOTATION_LICENSE,
        homepage=CORPUS.homepage,
        citation=CORPUS.citation,
        splits=SplitPolicy(ratios={"train": 0.7, "validation": 0.1, "test": 0.2}),
    ),
    "**/*.xml",
    lambda path, run, wiki: read_document(path, run, wiki),
    LABELS_NOT_ANNOTATED,
)


def read_document(path: Path, run: ImportRun, wiki: WikiMap | None = None) -> list[Incoming]:
    """One MEANTIME file as a document; markup without a layer here is counted in
    ``run.carried``."""
    report = run.report
    data = run.read(path)
    root = parse_xml(data, path, report.problems)
    if root is None:
        return []
    tokens = [
        (t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")
    ]
    text, offsets, sentences = rebuild_text(tokens)
    doc_id = f"meantime-{slug(path.parent.name.removeprefix('corpus_'), fallback='x')}-" + slug(
        root.get("doc_id") or path.stem, fallback="doc"
    )
    markables = root.find("Markables")
    relations = root.find("Relations")
    items = list(markables) if markables is not None else []
    timexes = [m for m in items if m.tag == "TIMEX3"]
    creation = next((t for t in timexes if t.get("functionInDocument") == "CREATION_TIME"), None)
    published = _iso_date(creation.get("value", "")) if creation is not None else None
    title = text[: sentences[0][1]] if sentences else path.stem
    annotated_end = sentences[min(ANNOTATED_SENTENCES, len(sentences)) - 1][1] if sentences else 0
    region = [{"start": 0, "end": annotated_end}] if annotated_end else []
    meta = wikinews_meta(
        CORPUS,
        title=title,
        url=root.get("url"),
        published=published,
        source={
            "format": "meantime",
            "name": f"{path.parent.name}/{path.name}",
            "sha256": hashlib.sha256(data).hexdigest(),
            "rule": RULE,
            "settings": {
                "corpus": CORPUS.name,
                "corpus_release": RELEASE,
                "doc_id": root.get("doc_id", ""),
                "annotated_sentences": "0-6",
            },
        },
    )
    if creation is None:
        meta["published_note"] = "MEANTIME marks no creation-time TIMEX3 in this article."
    elif published is None:
        meta["published_note"] = (
            f"The creation-time TIMEX3 value {creation.get('value')!r} is not an ISO 8601 date."
        )
    draft = Incoming(
        format="meantime",
        file=str(path),
        doc_id=doc_id,
        text=text,
        meta=meta,
        annotation={
            "annotators": ANNOTATORS,
            "status": "gold",
            "guideline_version": GUIDELINES,
            "layers": [
                {"layer": "zones", **_PROVENANCE},
                {"layer": "entities", "regions": region, **_PROVENANCE},
                {"layer": "dates", "regions": region, **_PROVENANCE},
            ],
        },
        whole=True,
    )
    draft.zones = list(_zones(sentences, creation, offsets, tokens))
    # markables anchored to one long token would each keep a copy of it
    budget = span_budget(path, len(data))
    _entities(draft, report, items, relations, offsets, wiki or WikiMap(), budget)
    finish_entities(draft)
    _dates(draft, timexes, creation, offsets, budget)
    skip = {"ENTITY_MENTION", "ENTITY", "TIMEX3", "REFERS_TO"}
    elements = [*items, *(relations if relations is not None else ())]
    run.carried.update(e.tag for e in elements if e.tag not in skip)
    return [draft]


def _iso_date(value: str) -> str | None:
    """The creation time as an ISO date (its day: times in MEANTIME carry no zone)."""
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _zones(
    sentences: list[tuple[int, int]],
    creation: ET.Element | None,
    offsets: dict[str, tuple[int, int]],
    tokens: list[tuple[str, int, str]],
) -> Iterator[dict[str, Any]]:
    """Sentence 0 is the headline, sentence 1 the date line when it holds the creation time."""
    if not sentences:
        return
    yield {"start": sentences[0][0], "end": sentences[0][1], "kind": "headline"}
    body_from = 1
    anchors = [] if creation is None else [a.get("t_id") for a in creation.iter("token_anchor")]
    sentence_of = {t_id: s for t_id, s, _ in tokens}
    if len(sentences) > 1 and anchors and all(sentence_of.get(a) == 1 for a in anchors):
        yield {"start": sentences[1][0], "end": sentences[1][1], "kind": "dateline"}
        body_from = 2
    if len(sentences) > body_from:
        yield {"start": sentences[body_from][0], "end": sentences[-1][1], "kind": "body"}


def _token_ids(el: ET.Element, offsets: dict[str, tuple[int, int]]) -> list[str] | None | bool:
    """The element's token ids in order; None without tokens, False with gaps."""
    ids = [a.get("t_id", "") for a in el.iter("token_anchor")]
    if not ids or any(i not in offsets for i in ids):
        return None
    numbers = sorted(int(i) for i in ids)
    if numbers != list(range(numbers[0], numbers[-1] + 1)):
        return False
    return [str(n) for n in numbers]


def _extent(el: ET.Element, offsets: dict[str, tuple[int, int]]) -> tuple[int, int] | None | bool:
    """``(start, end)`` of the element's tokens; None without tokens, False with gaps."""
    ids = _token_ids(el, offsets)
    if not ids:
        return ids
    return offsets[ids[0]][0], offsets[ids[-1]][1]


def _canonical_instances(items: list[ET.Element], report: Report) -> dict[str, str]:
    """Instance id -> the id of the instance it is merged into (rule merge-duplicate-instance):
    instances with the same description and type are one entity; the first one with a DBpedia
    link, else the first one, stands for all."""
    groups: dict[tuple[str, str], list[ET.Element]] = {}
    for e in items:
        if e.tag == "ENTITY":
            key = (" ".join((e.get("TAG_DESCRIPTOR") or "").lower().split()), e.get("ent_type", ""))
            groups.setdefault(key, []).append(e)
    out: dict[str, str] = {}
    for (descriptor, _), members in groups.items():
        linked = [e for e in members if (e.get("external_ref") or "").strip()]
        refs = {(e.get("external_ref") or "").strip() for e in linked}
        if not descriptor or len(refs) > 1:  # two different links: two entities
            out.update((e.get("m_id", ""), e.get("m_id", "")) for e in members)
            continue
        head = (linked or members)[0].get("m_id", "")
        for e in members:
            out[e.get("m_id", "")] = head
        report.converted["merge-duplicate-instance"] += len(members) - 1
    return out


def _entities(
    draft: Incoming,
    report: Report,
    items: list[ET.Element],
    relations: ET.Element | None,
    offsets: dict[str, tuple[int, int]],
    wiki: WikiMap,
    budget: Budget,
) -> None:
    """The mentions that refer to an entity instance; their texts, and the words a name is
    looked for in, are charged to ``budget``."""
    instances = {e.get("m_id"): e for e in items if e.tag == "ENTITY"}
    canonical = _canonical_instances(items, report)
    referents: dict[str, list[str]] = {}
    for rel in relations.iter("REFERS_TO") if relations is not None else ():
        target = rel.find("target")
        if target is None or target.get("m_id") not in instances:
            continue
        for s in rel.iter("source"):
            referents.setdefault(s.get("m_id", ""), []).append(target.get("m_id", ""))
    # What each (merged) entity is called: its descriptions and DBpedia titles, as words.
    own_names: dict[str, set[str]] = {}
    links: dict[str, str] = {}
    for m_id, e in instances.items():
        head = canonical[m_id or ""]
        ref = (e.get("external_ref") or "").strip()
        title = dbpedia_title(ref) or ""
        words = f"{e.get('TAG_DESCRIPTOR') or ''} {title.replace('_', ' ')}".lower()
        own_names.setdefault(head, set()).update(w.strip(".,()'\"") for w in words.split())
        if ref.startswith("http"):
            links.setdefault(head, ref)
    clusters: dict[str, str] = {}
    cluster_ids = UniqueIds(RESERVED_CLAIMANTS)
    for m in items:
        if m.tag != "ENTITY_MENTION":
            continue
        m_id = m.get("m_id", "")
        ids = _token_ids(m, offsets)
        if ids is None:
            draft.drop("unanchored-mention", m_id, what="ENTITY_MENTION")
            continue
        if ids is False:
            draft.drop("discontinuous-span", m_id, what="ENTITY_MENTION")
            continue
        refs = referents.get(m_id, [])
        if not refs:
            draft.drop("untyped-mention", m_id)
            continue
        for extra in refs[1:]:
            draft.drop("extra-referent", m_id, target=extra)
        head = canonical[refs[0]]
        instance = instances[head]
        ent_type = instance.get("ent_type", "")
        label = _LABELS.get(ent_type)
        if label is None:
            draft.drop("label-not-mapped", m_id, label=ent_type, source="MEANTIME")
            continue
        if head not in clusters:
            name = slug(instance.get("TAG_DESCRIPTOR", ""), fallback=f"e{head}")
            clusters[head] = cluster_ids.unique(name)
        start, end = offsets[ids[0]][0], offsets[ids[-1]][1]
        words = [Word(*offsets[i], span_text(draft.text, *offsets[i], budget)) for i in ids]
        words = [w for w in words if w.end > w.start]
        mention_type = _mention_type(m.get("syntactic_type") or "", draft.text[start:end])
        rules: list[str] = []
        item: dict[str, Any] = {
            "_src": m_id,
            "_rules": rules,
            "label": label,
            "entity": clusters[head],
        }
        if mention_type == "name":
            applied: list[str] = []
            core = _name_core(words, own_names.get(head, set()), label == "PERSON", applied)
            if core is None:
                mention_type = "nominal"
                applied = ["name-to-nominal"]
            else:
                if (core[0].start, core[-1].end) != (start, end):
                    item["source_span"] = {"start": start, "end": end}
                    start, end = core[0].start, core[-1].end
            rules += applied
        if label == "GPE":
            core_words = [w for w in words if start <= w.start and w.end <= end]
            item["label"], rule = _place_label(instance, core_words)
            if rule:
                rules.append(rule)
            single = draft.text[start:end]
            if mention_type == "name" and is_demonym(single, own_names.get(head, set())):
                item["label"], item["entity"] = "NORP", None
                rules.append("demonym-to-NORP")
        item.update(draft.span(start, end, budget))
        item["mention_type"] = mention_type
        if item["entity"] is not None and head in links:
            item["links"] = [links[head]]
            qid = wiki.qid(dbpedia_title(links[head]) or "")
            if qid:
                item["kb_id"] = qid
                rules.append("dbpedia-to-qid")
        if item["entity"] is None:
            del item["entity"]
        draft.entities.append(item)


def _name_core(
    words: list[Word], own_names: set[str], person: bool, applied: list[str]
) -> list[Word] | None:
    """The name inside a MEANTIME name mention (rules in :mod:`.names`); None when it holds
    none. Without parts of speech, name words are the capitalised ones; of several runs, the
    one sharing most words with the entity's own names wins, then the head of a comma
    apposition ('Mobile, Alabama'), then the last (a descriptor comes first: 'engine maker
    Europrop'). A possessor ('Boeing's 787') is not the name of the phrase, and a person's
    mention that shares no word with the person's name is a role ('Prime Minister of
    Canada'), not a name."""
    trimmed = trim(words, applied)
    found = runs(trimmed, [is_capitalised(w.form) for w in trimmed], person)
    if not found:
        return None
    heads = [r for r in found if not _possessor(trimmed, r[1])] or found

    def hits(part: list[Word]) -> int:
        return sum(w.form.lower().strip(".,") in own_names for w in part)

    def score(run: tuple[int, int]) -> tuple[int, bool, int]:
        comma = run[1] < len(trimmed) and trimmed[run[1]].form == ","
        return hits(trimmed[run[0] : run[1]]), comma, run[0]

    i, j = max(heads, key=score)
    matched = hits(trimmed[i:j]) > 0
    if not matched and (person or (found != [(0, len(trimmed))] and _common(trimmed, i))):
        return None
    if (i, j) != (0, len(trimmed)):
        applied.append("name-from-phrase")
        trimmed = trim(trimmed[i:j], applied)
    if person:
        titled = strip_titles(trimmed, applied, own_names)
        if titled is None:
            return None
        trimmed = strip_unmatched(titled, own_names, applied)
    if trimmed and trimmed[-1].form.endswith(","):  # a token like 'Inc.,'
        last = trimmed[-1]
        trimmed[-1] = Word(last.start, last.end - 1, last.form[:-1])
        if "name-strip-punctuation" not in applied:
            applied.append("name-strip-punctuation")
    return trimmed or None


def _common(words: list[Word], first: int) -> bool:
    """A phrase headed by a common noun ('European aircraft manufacturer'): it ends in a
    lower-case word, or its only capitalised word is a nationality."""
    return words[-1].form[:1].islower() or is_demonym(words[first].form, set())


def _possessor(words: list[Word], end: int) -> bool:
    return end < len(words) and words[end].form in ("'s", "'", "\u2019s", "\u2019")


def _place_label(instance: ET.Element, words: list[Word]) -> tuple[str, str | None]:
    """GPE, FAC or LOC for a MEANTIME location: from its instance's description when that
    decides (one decision per cluster), else from the mention's last word."""
    descriptor = " ".join((instance.get("TAG_DESCRIPTOR") or "").split())
    label, rule = place_label(descriptor.split()[-1] if descriptor else "", descriptor)
    if rule is None and words:
        label, rule = place_label(words[-1].form, " ".join(w.form for w in words))
    return label, rule


def _mention_type(syntactic_type: str, text: str) -> str:
    known = _MENTION_TYPES.get(syntactic_type)
    if known:
        return known
    words = text.split()
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return "pronoun"
    if all(w[0].isupper() or not w[0].isalpha() for w in words):
        return "name"
    return "nominal"


def _dates(
    draft: Incoming,
    timexes: list[ET.Element],
    creation: ET.Element | None,
    offsets: dict[str, tuple[int, int]],
    budget: Budget,
) -> None:
    creation_id = creation.get("m_id") if creation is not None else None
    for t in timexes:
        m_id = t.get("m_id", "")
        extent = _extent(t, offsets)
        if extent is None:
            draft.drop("unanchored-timex", m_id, value=t.get("value", ""))
            continue
        if extent is False:
            draft.drop("discontinuous-span", m_id, what="TIMEX3")
            continue
        ttype, value = t.get("type", ""), t.get("value", "")
        kind = value_kind(value)
        if ttype not in TYPE_KINDS or kind not in TYPE_KINDS[ttype]:
            draft.drop("invalid-timex", m_id, type=ttype, value=value)
            continue
        anchor_src = t.get("anchorTimeID") or None
        if anchor_src == m_id:
            anchor: str | None = None
        elif anchor_src is not None and anchor_src == creation_id:
            anchor = "document"
        else:
            anchor = anchor_src
        draft.dates.append(
            {
                "_src": m_id,
                **draft.span(*extent, budget),
                "type": ttype,
                "value": value,
                "anchor": anchor,
            }
        )
