"""One document as an HTML page: the exact text with every annotation of every layer drawn over
it, and a details card per annotation that a click on it (or on a link to it) shows.

Every piece of document data passes through :func:`html.escape` on its way into the page; the
cards are rendered here, in Python, so the page script only shows and hides elements and never
builds markup from data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..model.document import Claim, Document, EntityMention, Quote, Timex, Zone
from ..model.labels import AUTHOR, DOCUMENT_ANCHOR, UNATTRIBUTED
from ..model.layers import layer_names
from .page import esc, page
from .palette import ENTITY_COLOURS
from .segments import MAX_DEPTH, Mark, attributes, render_marks

ID_PREFIX = "ann-"
EXCERPT = 60
# A card quotes its annotation's text up to this many characters, then its start and end: the
# page stays linear in the text however many long spans cross it (the text itself is on the
# page once, and a card says how long its span is)
CARD_TEXT = 1000


@dataclass(frozen=True, slots=True)
class Cluster:
    """An entity cluster as the page names it: its first proper name, else its first mention
    (cut to an excerpt: the name is repeated on every card and arrow of the cluster)."""

    name: str
    mention: str
    members: tuple[str, ...]


def clusters(doc: Document) -> dict[str, Cluster]:
    members: dict[str, list[EntityMention]] = defaultdict(list)
    for m in doc.entities:
        if m.entity is not None:
            members[m.entity].append(m)
    out = {}
    for cluster, mentions in members.items():
        best = next((m for m in mentions if m.mention_type == "name"), mentions[0])
        out[cluster] = Cluster(_excerpt(best.text), best.id, tuple(m.id for m in mentions))
    return out


def document_marks(doc: Document, named: dict[str, Cluster]) -> list[Mark]:
    """Marks in tie-break order: for identical spans, zones are outermost and entities innermost,
    so the small coloured mention sits inside the underlines of claims and quotes."""
    marks = [
        Mark(z.start, z.end, z.id, f"ann z z-{z.kind}", [("data-kind", z.kind)], rank=0)
        for z in doc.zones
    ]
    for c in doc.claims:
        kinds = "".join(f" c-{k}" for k in sorted({r.type for r in c.relations}))
        title = f"claim {c.id} by {_claimant_name(c.claimant, named)}"
        after = "".join(_relation_chip(c.id, r.type, r.target) for r in c.relations)
        marks.append(Mark(c.start, c.end, c.id, f"ann c{kinds}", [("title", title)], after=after))
    for q in doc.quotes:
        if q.cue is not None:
            cue_title = f"cue of quote {q.id}"
            marks.append(
                Mark(q.cue.start, q.cue.end, q.id, "ann cue", [("title", cue_title)], anchor=False)
            )
        marks.append(
            Mark(
                q.start,
                q.end,
                q.id,
                f"ann q q-{q.type}",
                [("title", f"{q.type} quote {q.id}")],
                after=_speaker_arrow(q, named),
            )
        )
    for t in doc.dates:
        attrs = [("title", f"{t.type} {t.value}"), ("data-value", t.value)]
        marks.append(Mark(t.start, t.end, t.id, f"ann t t-{t.type}", attrs))
    for m in doc.entities:
        title = " · ".join(x for x in (m.label, m.entity, m.kb_id) if x)
        marks.append(
            Mark(m.start, m.end, m.id, f"ann e e-{m.label} e-{m.mention_type}", [("title", title)])
        )
    return marks


def _claimant_name(claimant: str, named: dict[str, Cluster]) -> str:
    return named[claimant].name if claimant in named else claimant


def _speaker_arrow(q: Quote, named: dict[str, Cluster]) -> str:
    """An empty element after the quote whose CSS draws '→ speaker'; a click goes to the speaker."""
    pairs = [("data-for", q.id)]
    if q.speaker is not None and q.speaker in named:
        who = named[q.speaker]
        pairs += [("data-goto", who.mention), ("data-speaker", who.name)]
        pairs.append(("title", f"speaker of {q.id}: {who.name}"))
    else:
        pairs.append(("data-speaker", f"({q.speaker_reason or 'no speaker'})"))
        pairs.append(("title", f"quote {q.id} has no speaker link"))
    return f'<span class="arrow"{attributes(pairs)}></span>'


def _relation_chip(claim: str, kind: str, target: str) -> str:
    """An empty element after a claim whose CSS draws 'denies c7'; a click goes to c7."""
    pairs = [("data-for", claim), ("data-goto", target), ("data-label", f"{kind} {target}")]
    pairs.append(("title", f"claim {claim} {kind} claim {target}"))
    return f'<span class="rel rel-{kind}"{attributes(pairs)}></span>'


# --- details cards ------------------------------------------------------------------------------


def _goto(ann_id: str, label: str | None = None) -> str:
    return (
        f'<a href="#{ID_PREFIX}{esc(ann_id)}" data-goto="{esc(ann_id)}">{esc(label or ann_id)}</a>'
    )


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def _rows(rows: Iterable[tuple[str, str]]) -> str:
    return "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows)


def _card(ann_id: str, layer: str, heading: str, text: str, rows: list[tuple[str, str]]) -> str:
    if len(text) > CARD_TEXT:
        cut = len(text) - CARD_TEXT
        head, tail = text[: CARD_TEXT * 3 // 4], text[-(CARD_TEXT // 4) :]
        quoted = f"{esc(head)} <em>[… {cut:,} characters …]</em> {esc(tail)}"
    else:
        quoted = esc(text)
    return (
        f'<section class="card card-{layer}" data-detail="{esc(ann_id)}" hidden>'
        f"<h3>{heading} <code>{esc(ann_id)}</code></h3>"
        f'<blockquote dir="auto">{quoted}</blockquote><dl>{_rows(rows)}</dl></section>'
    )


def _chip(css: str, label: str) -> str:
    return f'<span class="chip {css}">{esc(label)}</span>'


class _Cards:
    """Details cards for one document, with the reverse links each card shows."""

    def __init__(self, doc: Document, named: dict[str, Cluster]) -> None:
        self.doc, self.named = doc, named
        self.texts = {a.id: a.text for layer in (doc.quotes, doc.claims, doc.dates) for a in layer}
        self.position = {m: i for c in named.values() for i, m in enumerate(c.members)}
        self.spoken: dict[str, list[str]] = defaultdict(list)
        self.in_quote: dict[str, list[str]] = defaultdict(list)
        self.claimed: dict[str, list[str]] = defaultdict(list)
        self.related: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for q in doc.quotes:
            if q.speaker is not None:
                self.spoken[q.speaker].append(q.id)
        for c in doc.claims:
            self.claimed[c.claimant].append(c.id)
            if c.reported_by is not None:
                self.in_quote[c.reported_by].append(c.id)
            for r in c.relations:
                self.related[r.target].append((r.type, c.id))

    def all(self) -> str:
        d = self.doc
        cards = [self.zone(z) for z in d.zones]
        cards += [self.entity(m) for m in d.entities]
        cards += [self.quote(q) for q in d.quotes]
        cards += [self.claim(c) for c in d.claims]
        cards += [self.date(t) for t in d.dates]
        return "\n".join(cards)

    def links(self, ids: Iterable[str]) -> str:
        return ", ".join(_goto(i) for i in ids) or "—"

    def who(self, cluster: str) -> str:
        if cluster in self.named:
            c = self.named[cluster]
            return f"{_goto(c.mention, c.name)} <small>(cluster {esc(cluster)})</small>"
        return f"<em>{esc(cluster)}</em>"

    def offsets(self, a: Zone | EntityMention | Quote | Claim | Timex) -> tuple[str, str]:
        return ("offsets", f"[{a.start}, {a.end})")

    def zone(self, z: Zone) -> str:
        text = self.doc.text[z.start : z.end]
        rows = [("kind", esc(z.kind)), self.offsets(z), ("characters", str(z.end - z.start))]
        return _card(z.id, "zones", _chip(f"zc z-{z.kind}", f"zone: {z.kind}"), text, rows)

    def entity(self, m: EntityMention) -> str:
        rows = [("label", esc(m.label)), ("mention type", esc(m.mention_type))]
        if m.entity is not None:
            rows += self.cluster_rows(m.id, m.entity)
        else:
            rows.append(("cluster", "—"))
        rows.append(("kb id", _kb_link(m.kb_id) if m.kb_id else "—"))
        if m.links:
            rows.append(("links", "<br>".join(_uri(u) for u in m.links)))
        rows += [("metonymy", "yes" if m.metonymy else "no"), self.offsets(m)]
        return _card(m.id, "entities", _chip(f"e-{m.label}", m.label), m.text, rows)

    def cluster_rows(self, mention: str, cluster: str) -> list[tuple[str, str]]:
        """The cluster with links to the previous and next mention, not to all of them (that
        would grow with the square of the mentions); the cluster's named mention also lists
        the quotes and claims the cluster speaks and makes."""
        c = self.named[cluster]
        i = self.position[mention]
        nav = [f"mention {i + 1} of {len(c.members)}"]
        if i > 0:
            nav.append("← " + _goto(c.members[i - 1]))
        if i + 1 < len(c.members):
            nav.append(_goto(c.members[i + 1]) + " →")
        rows = [("cluster", f"{esc(cluster)} “{_goto(c.mention, c.name)}”: " + " · ".join(nav))]
        if mention == c.mention:
            if self.spoken.get(cluster):
                rows.append(("speaker of", self.links(self.spoken[cluster])))
            if self.claimed.get(cluster):
                rows.append(("claimant of", self.links(self.claimed[cluster])))
        return rows

    def quote(self, q: Quote) -> str:
        speaker = self.who(q.speaker) if q.speaker else f"none ({esc(q.speaker_reason)})"
        cue = f"“{esc(_excerpt(q.cue.text))}” [{q.cue.start}, {q.cue.end})" if q.cue else "—"
        rows = [
            ("type", esc(q.type)),
            ("speaker", speaker),
            ("speaker explicit", "yes" if q.speaker_explicit else "no"),
            ("cue", cue),
            ("claims in it", self.links(self.in_quote.get(q.id, []))),
            self.offsets(q),
        ]
        return _card(q.id, "quotes", _chip("qc", f"{q.type} quote"), q.text, rows)

    def claim(self, c: Claim) -> str:
        if c.claimant in (AUTHOR, UNATTRIBUTED):
            claimant = f"<em>{esc(c.claimant)}</em>"
        else:
            claimant = self.who(c.claimant)
        rows = [
            ("claimant", claimant),
            ("reported in", _goto(c.reported_by) if c.reported_by else "—"),
        ]
        rows += [(r.type, self._claim_ref(r.target)) for r in c.relations]
        rows += [(f"{kind} by", self._claim_ref(src)) for kind, src in self.related.get(c.id, [])]
        rows.append(self.offsets(c))
        return _card(c.id, "claims", _chip("cc", "claim"), c.text, rows)

    def _claim_ref(self, claim_id: str) -> str:
        return f"{_goto(claim_id)} “{esc(_excerpt(self.texts.get(claim_id, '')))}”"

    def date(self, t: Timex) -> str:
        if t.anchor == DOCUMENT_ANCHOR:
            anchor = f"publication date ({esc(self.doc.meta.published or 'unknown')})"
        elif t.anchor is not None:
            anchor = self._date_ref(t.anchor)
        else:
            anchor = "— (absolute)"
        rows = [("type", esc(t.type)), ("value", f"<code>{esc(t.value)}</code>")]
        rows += [("anchor", anchor), ("mod", esc(t.mod) if t.mod else "—"), self.offsets(t)]
        return _card(t.id, "dates", _chip("tc", t.type), t.text, rows)

    def _date_ref(self, date_id: str) -> str:
        return f"{_goto(date_id)} “{esc(_excerpt(self.texts.get(date_id, '')))}”"


def _kb_link(qid: str) -> str:
    return _uri(f"https://www.wikidata.org/wiki/{qid}", qid)


def _uri(uri: str, label: str | None = None) -> str:
    """Only web links become links: a ``javascript:`` URI in the data stays inert text."""
    if uri.startswith(("https://", "http://")):
        return f'<a href="{esc(uri)}" rel="noopener noreferrer">{esc(label or uri)}</a>'
    return f"<code>{esc(uri)}</code>"


# --- the page -----------------------------------------------------------------------------------


def _meta_line(doc: Document) -> str:
    m, a = doc.meta, doc.annotation
    parts = [f"<code>{esc(doc.id)}</code>"]
    if m.published:
        parts.append(f"published {esc(m.published)} ({esc(m.published_source)})")
    if m.publisher:
        parts.append(f"<bdi>{esc(m.publisher)}</bdi>")
    parts += [f"language {esc(m.language)}", f"licence {esc(m.license)}"]
    parts.append(f"{esc(a.status)} · guidelines {esc(a.guideline_version)}")
    if m.synthetic:
        parts.append("synthetic")
    return " · ".join(parts)


def _controls(doc: Document) -> str:
    declared = {s.layer for s in doc.annotation.layers}
    boxes = []
    for layer in layer_names():
        count = len(getattr(doc, layer))
        if layer in declared:
            box = f'<input type="checkbox" data-layer="{layer}" checked> {layer} ({count})'
        else:
            box = f'<input type="checkbox" data-layer="{layer}" disabled> {layer} (not annotated)'
        boxes.append(f'<label class="toggle l-{layer}">{box}</label>')
    used = sorted({m.label for m in doc.entities}, key=list(ENTITY_COLOURS).index)
    legend = "".join(_chip(f"e-{label}", label) for label in used)
    return (
        f'<div class="controls"><div class="toggles">{"".join(boxes)}</div>'
        f'<div class="legend">{legend}</div></div>'
    )


def document_body(doc: Document, nav: str = "") -> str:
    """The page body for ``doc``; ``nav`` is markup for links to the rest of a site."""
    named = clusters(doc)
    text, clipped = render_marks(doc.text, document_marks(doc, named), id_prefix=ID_PREFIX)
    notice = ""
    if doc.meta.redistribution != "full":
        notice = (
            '<p class="notice">The text of this article is not licensed for redistribution '
            f"({esc(doc.meta.license)}): keep this page private.</p>"
        )
    if clipped:
        ids = list(dict.fromkeys(clipped))  # a quote and its cue are two marks of one id
        shown = ", ".join(ids[:20])
        more = f" and {len(ids) - 20} more" if len(ids) > 20 else ""
        notice += (
            f'<p class="notice">More than {MAX_DEPTH} annotations overlap in places. Not drawn '
            f"in full there ({len(ids)}): {esc(shown)}{more}. Their details are in the panel.</p>"
        )
    return (
        f'<header class="top">{nav}<h1 dir="auto">{esc(doc.meta.title)}</h1>'
        f'<p class="meta">{_meta_line(doc)}</p>{notice}</header>\n'
        f"{_controls(doc)}\n"
        '<main class="layout">\n'
        f'<article id="doc" class="text" dir="auto" lang="{esc(doc.meta.language)}">'
        f"{text}</article>\n"
        '<aside id="panel" aria-live="polite"><p class="hint">Click or tap an annotation to see '
        f'its details.</p><div id="cards">\n{_Cards(doc, named).all()}\n</div></aside>\n</main>'
    )


def render_document(doc: Document, nav: str = "") -> str:
    """A self-contained HTML page showing ``doc`` and all its annotations."""
    return page(doc.meta.title, document_body(doc, nav))
