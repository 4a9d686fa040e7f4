"""brat standoff: ``<id>.txt`` + ``<id>.ann`` per document, and one ``annotation.conf``.

Text-bound annotations (``T``) carry spans: entity mentions typed by their label, and ``Zone``,
``Quote``, ``Cue``, ``Claim``, ``Timex``. Enumerations and booleans are attributes (``A``);
links are relations (``R``): a quote's cue, speaker and a claim's claimant (to the first mention
of the cluster), reported_by, denies, supports, date anchors. Values without a place in brat
(annotation ids, cluster ids, Wikidata ids, TIMEX values) are JSON in ``AnnotatorNotes``
(``#``). A span containing a newline becomes fragments, as brat requires. brat offsets count
code points, as ours do. brat has no place for metadata: documents must already be in the corpus.
"""

from __future__ import annotations

import os
from collections import defaultdict
from itertools import pairwise
from pathlib import Path
from typing import Any

import orjson

from ..corpus import read_documents
from ..corpus.json_keys import repeated_keys
from ..errors import Problem, problem
from ..files import write_atomic
from ..limits import Budget
from ..model.document import Document
from ..model.labels import ENTITY_LABELS, LAYERS, QUOTE_TYPES, TIMEX_TYPES, ZONE_KINDS
from . import Report, dropped_problem
from .corpus_io import (
    corpus_document,
    fingerprints,
    record_export,
    source_text,
    text_mismatch,
)
from .pipeline import ImportRun, Incoming, count_kept, dropped, span_budget, span_text
from .registry import FormatSpec

FORMAT = "brat"
CONF = "annotation.conf"
# Text-bound type per layer (entities use their label).
TYPES = {"zones": "Zone", "quotes": "Quote", "claims": "Claim", "dates": "Timex"}
CUE = "Cue"
# Attributes: layer -> [(field, attribute, values or None for a binary attribute)].
ATTRIBUTES: dict[str, list[tuple[str, str, tuple[str, ...] | None]]] = {
    "zones": [("kind", "ZoneKind", ZONE_KINDS)],
    "entities": [
        ("mention_type", "MentionType", ("name", "nominal", "pronoun")),
        ("metonymy", "Metonymy", None),
    ],
    "quotes": [
        ("type", "QuoteType", QUOTE_TYPES),
        ("speaker_reason", "SpeakerReason", ("unnamed", "not-in-text", "anonymous", "unknown")),
        ("speaker_explicit", "SpeakerExplicit", None),
    ],
    "claims": [("claimant", "ClaimantKind", ("author", "unattributed"))],
    "dates": [("type", "TimexType", TIMEX_TYPES)],
}
# Fields kept in AnnotatorNotes, besides the id (and a span's exact extent, when fragments
# cannot show it).
NOTES = {
    "zones": (),
    "entities": ("entity", "kb_id", "links", "source_span"),
    "quotes": (),
    "claims": (),
    "dates": ("value", "mod"),
}
# What each note field must be, when given (a schema check later would name no source line).
_NOTE_KINDS: dict[str, type] = {
    "id": str,
    "entity": str,
    "kb_id": str,
    "links": list,
    "source_span": dict,
    "value": str,
    "mod": str,
}
_JSON_NAMES = {list: "array", dict: "object"}
# Relations: name -> (layer of Arg1, field, Arg2 types).
RELATIONS = {
    "Cue": ("quotes", "cue", CUE),
    "Speaker": ("quotes", "speaker", "|".join(ENTITY_LABELS)),
    "Claimant": ("claims", "claimant", "|".join(ENTITY_LABELS)),
    "ReportedBy": ("claims", "reported_by", "Quote"),
    "Denies": ("claims", "relations", "Claim"),
    "Supports": ("claims", "relations", "Claim"),
    "Anchor": ("dates", "anchor", "Timex"),
}

_ATTRIBUTE_NAMES = {name for attrs in ATTRIBUTES.values() for _, name, _ in attrs}
# Relations whose field holds one value (a quote's cue and speaker, a claim's claimant and
# reported_by, a date's anchor): a second one from the same annotation would replace the first.
_SINGLE = {name for name, (_, field, _) in RELATIONS.items() if field != "relations"}


def annotation_conf() -> str:
    lines = ["[entities]", *ENTITY_LABELS, *TYPES.values(), CUE, "", "[relations]"]
    for name, (layer, _, arg2) in RELATIONS.items():
        arg1 = "Quote" if layer == "quotes" else TYPES[layer]
        lines.append(f"{name}\tArg1:{arg1}, Arg2:{arg2}")
    lines += ["", "[events]", "", "[attributes]"]
    for layer, attrs in ATTRIBUTES.items():
        arg = "|".join(ENTITY_LABELS) if layer == "entities" else TYPES[layer]
        for _, name, values in attrs:
            lines.append(f"{name}\tArg:{arg}" + (f", Value:{'|'.join(values)}" if values else ""))
    return "\n".join(lines) + "\n"


# --- newsanno -> brat ---------------------------------------------------------------------


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at newlines (brat spans cannot hold one); the whole span when it is
    nothing but newlines."""
    out, pos = [], start
    for i in range(start, end + 1):
        if i == end or text[i] == "\n":
            if i > pos:
                out.append((pos, i))
            pos = i + 1
    return out or [(start, end)]


# a span's text in a .ann line: every character that would end the line for some reader (brat
# splits on "\n"; Python's splitlines also on "\r", U+2028, ...) or the field (a tab) is a space
_ONE_LINE = str.maketrans(dict.fromkeys("\n\r\t\v\f\x1c\x1d\x1e\x85\u2028\u2029", " "))


def _fragment_text(text: str, frags: list[tuple[int, int]]) -> str:
    return " ".join(text[a:b] for a, b in frags).translate(_ONE_LINE)


def document_to_ann(doc: Document) -> str:
    lines: list[str] = []
    tids: dict[str, str] = {}
    counter = {"T": 0, "A": 0, "R": 0, "#": 0}

    def next_id(kind: str) -> str:
        counter[kind] += 1
        return f"{kind}{counter[kind]}"

    def textbound(ttype: str, start: int, end: int, note: dict[str, Any]) -> str:
        tid = next_id("T")
        frags = fragments(doc.text, start, end)
        offsets = ";".join(f"{a} {b}" for a, b in frags)
        lines.append(f"{tid}\t{ttype} {offsets}\t{_fragment_text(doc.text, frags)}")
        if (frags[0][0], frags[-1][1]) != (start, end):
            note["extent"] = [start, end]
        if note:
            lines.append(f"{next_id('#')}\tAnnotatorNotes {tid}\t{orjson.dumps(note).decode()}")
        return tid

    def relation(name: str, arg1: str, arg2: str) -> None:
        lines.append(f"{next_id('R')}\t{name} Arg1:{arg1} Arg2:{arg2}")

    first_mention: dict[str, str] = {}
    for layer in ("zones", "entities", "quotes", "claims", "dates"):
        for ann in getattr(doc, layer):
            note: dict[str, Any] = {"id": ann.id}
            for name in NOTES[layer]:
                value = getattr(ann, name)
                if value not in (None, []):
                    note[name] = value.model_dump() if hasattr(value, "model_dump") else value
            if layer == "dates" and ann.anchor == "document":
                note["anchor"] = "document"
            ttype = ann.label if layer == "entities" else TYPES[layer]
            tid = tids[ann.id] = textbound(ttype, ann.start, ann.end, note)
            if layer == "entities" and ann.entity is not None:
                first_mention.setdefault(ann.entity, tid)
            for name, attr, values in ATTRIBUTES[layer]:
                value = getattr(ann, name)
                if values is None and value is True:
                    lines.append(f"{next_id('A')}\t{attr} {tid}")
                elif values is not None and value in values:
                    lines.append(f"{next_id('A')}\t{attr} {tid} {value}")
    for q in doc.quotes:
        if q.cue is not None:
            relation("Cue", tids[q.id], textbound(CUE, q.cue.start, q.cue.end, {}))
        if q.speaker is not None:
            relation("Speaker", tids[q.id], first_mention[q.speaker])
    for c in doc.claims:
        if c.claimant in first_mention:
            relation("Claimant", tids[c.id], first_mention[c.claimant])
        if c.reported_by is not None:
            relation("ReportedBy", tids[c.id], tids[c.reported_by])
        for r in c.relations:
            relation(r.type.capitalize(), tids[c.id], tids[r.target])
    for t in doc.dates:
        if t.anchor is not None and t.anchor != "document":
            relation("Anchor", tids[t.id], tids[t.anchor])
    return "\n".join(lines) + ("\n" if lines else "")


def export_brat(corpus: Path, out: Path) -> Report:
    report = Report()
    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / CONF, annotation_conf().encode("utf-8"))
    exported = {}
    for doc in read_documents(corpus):
        write_atomic(out / f"{doc.id}.txt", doc.text.encode("utf-8"))
        write_atomic(out / f"{doc.id}.ann", document_to_ann(doc).encode("utf-8"))
        exported[doc.id] = fingerprints(doc)
        count_kept(report, doc)
    record_export(out, exported)
    return report


# --- brat -> newsanno ---------------------------------------------------------------------


_OTHER_KINDS = {"E": "event", "N": "normalization", "*": "equivalence"}


def ann_to_layers(
    ann: str,
    text: str,
    file: str,
    doc_id: str,
    problems: list[Problem],
    budget: Budget,
) -> dict[str, list[dict[str, Any]]]:
    """Layer records from the lines of a ``.ann`` file over ``text``, keyed (``_src``) by their
    brat id and proposed the id their notes keep; links are given by brat id. Every line that is
    not imported is reported (``import-dropped``, named by its brat id). The text the lines make
    the import cut (spans, cues, the text between fragments and around them) is charged to
    ``budget``: a short line can name all of a long text."""
    lines = _Lines(text, budget)
    # lines end at "\n" only, as brat reads them ("\r\n" from an editor on Windows too)
    for n, line in enumerate(ann.split("\n"), 1):
        line = line.removesuffix("\r")
        if line.strip():
            _read_line(lines, n, line, file, doc_id, problems)
    bounds, attrs, notes, idents, broken = (
        lines.bounds,
        lines.attrs,
        lines.notes,
        lines.idents,
        lines.broken,
    )
    for tid, note in notes.items():
        if tid not in bounds and tid not in broken:
            nid = lines.note_ids[tid]
            reason = f"its target {tid} is not a text-bound annotation of the file"
            problems.append(dropped(file, doc_id, nid, f"note {nid}", reason))
        if "extent" not in note or tid not in bounds:
            continue
        wider = _with_extent(text, bounds[tid], note["extent"], budget)
        if wider is None:
            nid, (_, start, end) = lines.note_ids[tid], bounds[tid]
            what = f"extent {note['extent']} in note {nid}"
            reason = f"it disagrees with the offsets of {tid} ({start} {end}), which are kept"
            problems.append(dropped(file, doc_id, nid, what, reason))
        else:
            bounds[tid] = wider
    layer_of = {t: "entities" for t in ENTITY_LABELS} | {v: k for k, v in TYPES.items()}
    for tid, (ttype, _, _) in bounds.items():
        if ttype not in layer_of and ttype != CUE:
            reason = f"type {ttype!r} is not in annotation.conf"
            problems.append(dropped(file, doc_id, tid, f"text-bound {tid}", reason))
    for (target, name), aid in idents.items():
        if target not in bounds and target not in broken:
            reason = f"its target {target} is not a text-bound annotation of the file"
            problems.append(dropped(file, doc_id, aid, f"attribute {aid} {name}", reason))
    records: dict[str, dict[str, Any]] = {}
    layers: dict[str, list[dict[str, Any]]] = {name: [] for name in LAYERS}
    for tid, (ttype, start, end) in bounds.items():
        layer = layer_of.get(ttype)
        if layer is None:
            continue
        note = notes.get(tid, {})
        rec: dict[str, Any] = {"_src": tid, "start": start, "end": end}
        if "id" in note:
            rec["id"] = note["id"]
        if layer != "zones":
            rec["text"] = span_text(text, start, end, budget)
        if layer == "entities":
            rec["label"] = ttype
        for name in NOTES[layer]:
            if name in note:
                rec[name] = note[name]
        for name, attr, values in ATTRIBUTES[layer]:
            if attr in attrs[tid]:
                rec[name] = attrs[tid][attr]
            elif values is None:
                rec[name] = False
        own = {attr for _, attr, _ in ATTRIBUTES[layer]}
        for attr in sorted(set(attrs[tid]) - own):
            aid = idents.get((tid, attr), "")
            reason = f"{tid} is a {ttype}, which has no attribute {attr}"
            problems.append(dropped(file, doc_id, aid, f"attribute {aid} {attr}", reason))
        if layer == "dates" and note.get("anchor") == "document":
            rec["anchor"] = "document"
        layers[layer].append(rec)
        records[tid] = rec
    cues: set[str] = set()  # the cues a Cue relation links
    for rid, name, arg1, arg2 in lines.rels:
        missing = [a for a in (arg1, arg2) if a not in bounds]
        if broken.intersection(missing):
            continue
        # a Cue relation points at a cue span; every other one at an annotation
        unlinkable = missing or [
            a for a in (arg1, arg2)[: 1 if name == "Cue" else 2] if a not in records
        ]
        if unlinkable:
            reason = f"{unlinkable[0]} is not a text-bound annotation it can link"
            problems.append(dropped(file, doc_id, rid, f"relation {rid} {name}", reason))
            continue
        if name == "Cue":
            cues.add(arg2)
        _link(name, records.get(arg1), records.get(arg2), bounds.get(arg2), text, budget)
        if name == "Speaker" and records[arg1].get("speaker_reason") is not None:
            # the speaker link was added after export: the exported reason no longer applies
            aid = idents.get((arg1, "SpeakerReason"), "")
            del records[arg1]["speaker_reason"]
            reason = f"relation {rid} now gives the speaker"
            problems.append(dropped(file, doc_id, aid, f"attribute {aid} SpeakerReason", reason))
        if name == "Claimant" and (arg1, "ClaimantKind") in idents:
            # "author" or "unattributed" and a link to an entity: the link, as for speakers
            aid = idents[(arg1, "ClaimantKind")]
            reason = f"relation {rid} now gives the claimant"
            problems.append(dropped(file, doc_id, aid, f"attribute {aid} ClaimantKind", reason))
    for tid, (ttype, _, _) in bounds.items():
        if ttype == CUE and tid not in cues:
            reason = "no Cue relation links it to a quote"
            problems.append(dropped(file, doc_id, tid, f"cue {tid}", reason))
    return layers


def _read_line(
    lines: _Lines, n: int, line: str, file: str, doc_id: str, problems: list[Problem]
) -> None:
    """Read line ``n`` into ``lines``; a line that is not read is a problem naming its id."""
    ident = line.split("\t", 1)[0] if "\t" in line else ""
    try:
        lines.parse(n, line)
    except ValueError as e:  # orjson's JSONDecodeError is one
        reason = f"line {n}: {e}: {line[:80]!r}"
        problems.append(
            problem(
                "import-malformed", file=file, doc_id=doc_id, annotation_id=ident, reason=reason
            )
        )
        lines.broken.add(ident)
    except _Gaps as e:
        what = f"text-bound {ident} (line {n}, fragments {e.offsets})"
        problems.append(
            dropped_problem(
                "discontinuous-span", file=file, doc_id=doc_id, annotation_id=ident, what=what
            )
        )
    except _Other as e:
        what = f"{_OTHER_KINDS.get(e.kind, 'unknown')} line {e.ident}"
        problems.append(dropped(file, doc_id, e.ident, what, "the schema has no such record"))


class _Other(Exception):
    """A line of a kind the schema has no record for (events, normalizations)."""

    def __init__(self, ident: str) -> None:
        self.ident, self.kind = ident, ident[:1]


class _Gaps(Exception):
    """A text-bound line whose fragments are not one stretch of text."""

    def __init__(self, offsets: str) -> None:
        self.offsets = offsets


class _Lines:
    """What the lines of one ``.ann`` file give, by brat id. A line that breaks the format
    raises ValueError, and so does an id given twice, a second value of one attribute, a
    second note of one annotation or a second relation of a kind it has one of (``_SINGLE``):
    each would silently replace the first (hand-merged files)."""

    def __init__(self, text: str, budget: Budget) -> None:
        self.text, self.budget = text, budget
        self.seen: dict[str, int] = {}  # brat id -> the line that gave it
        self.bounds: dict[str, tuple[str, int, int]] = {}
        self.attrs: defaultdict[str, dict[str, Any]] = defaultdict(dict)
        self.notes: dict[str, dict[str, Any]] = {}
        self.note_ids: dict[str, str] = {}  # annotation -> the id of its note
        self.rels: list[tuple[str, str, str, str]] = []
        self.idents: dict[tuple[str, str], str] = {}  # (target, attribute) -> attribute line id
        self.single: dict[tuple[str, str], str] = {}  # (Arg1, relation of _SINGLE) -> its id
        self.broken: set[str] = set()  # ids of malformed lines: what refers to them is not reported

    def parse(self, n: int, line: str) -> None:
        if "\t" not in line:
            raise ValueError("no tab: a brat line is an id, a tab and the annotation")
        ident, rest = line.split("\t", 1)
        if not ident:
            raise ValueError("no id before the first tab")
        if ident in self.seen:
            raise ValueError(f"id {ident} is already given on line {self.seen[ident]}")
        self.seen[ident] = n
        kind = ident[0]
        if kind == "T":
            self._textbound(ident, rest)
        elif kind == "A" or kind == "M":
            self._attribute(ident, rest)
        elif kind == "R":
            self._relation(ident, rest)
        elif kind == "#":
            self._note(ident, rest)
        else:
            raise _Other(ident)

    def _textbound(self, ident: str, rest: str) -> None:
        head, tab, shown = rest.partition("\t")
        ttype, _, offsets = head.partition(" ")
        if not tab or not offsets:
            raise ValueError("a text-bound line is T<n>, a tab, TYPE START END, a tab and the text")
        frags = [self._fragment(f) for f in offsets.split(";")]
        # lengths first: a short line can name the whole text many times over (overlapping
        # fragments), and the text is put together only for a line that holds that much
        length = sum(b - a for a, b in frags) + len(frags) - 1
        if len(shown) != length:
            raise ValueError(
                f"the span text has length {len(shown):,}, but its {len(frags):,} fragments, "
                f"a space between two, have {length:,} characters"
            )
        if _fragment_text(self.text, frags) != shown.translate(_ONE_LINE):
            raise ValueError(f"span text {shown!r} is not the text at {offsets}")
        if not _one_stretch(self.text, frags, self.budget):
            raise _Gaps(offsets)
        self.bounds[ident] = (ttype, frags[0][0], frags[-1][1])

    def _fragment(self, fragment: str) -> tuple[int, int]:
        parts = fragment.split()
        if len(parts) != 2:
            raise ValueError(f"fragment {fragment[:40]!r} is not START END")
        start, end = (_offset(p, len(self.text)) for p in parts)
        if end > len(self.text):
            raise ValueError(f"offset {end} is outside the text ({len(self.text)} code points)")
        if start >= end:
            raise ValueError(f"fragment {fragment!r} does not end after it starts")
        return start, end

    def _attribute(self, ident: str, rest: str) -> None:
        parts = rest.split()
        if len(parts) not in (2, 3):
            raise ValueError("an attribute line is A<n>, a tab and NAME TARGET [VALUE]")
        name, target, *value = parts
        if name not in _ATTRIBUTE_NAMES:
            raise ValueError(f"attribute {name!r} is not in annotation.conf")
        if (target, name) in self.idents:
            raise ValueError(f"{target} already has a {name} ({self.idents[(target, name)]})")
        self.attrs[target][name] = value[0] if value else True
        self.idents[(target, name)] = ident

    def _relation(self, ident: str, rest: str) -> None:
        parts = rest.split()
        if len(parts) != 3 or parts[1][:5] != "Arg1:" or parts[2][:5] != "Arg2:":
            raise ValueError("a relation line is R<n>, a tab and NAME Arg1:ID Arg2:ID")
        name, arg1, arg2 = parts
        if name not in RELATIONS:
            raise ValueError(f"relation {name!r} is not in annotation.conf")
        source = arg1[5:]
        if name in _SINGLE:
            first = self.single.setdefault((source, name), ident)
            if first != ident:
                kind = RELATIONS[name][0].removesuffix("s")
                note_id = self.notes.get(source, {}).get("id")
                named = f"{kind} {source}" + (f" ({note_id})" if isinstance(note_id, str) else "")
                raise ValueError(
                    f"{named} already has its {name} relation ({first}, line "
                    f"{self.seen[first]}); a {kind} has one, and a second would silently "
                    "replace the first"
                )
        self.rels.append((ident, name, source, arg2[5:]))

    def _note(self, ident: str, rest: str) -> None:
        head, tab, body = rest.partition("\t")
        parts = head.split()
        if not tab or len(parts) != 2:
            raise ValueError(
                "a note line is #<n>, a tab, AnnotatorNotes TARGET, a tab and the note"
            )
        target = parts[1]
        if target in self.note_ids:
            raise ValueError(f"{target} already has a note ({self.note_ids[target]})")
        note = orjson.loads(body)
        if not isinstance(note, dict):
            raise ValueError("an AnnotatorNotes body must be a JSON object")
        if repeated := repeated_keys(body.encode("utf-8"), note):
            raise ValueError(
                f"the key {repeated[0].key!r} is given twice in the note ({repeated[0].location}); "
                "only the last value would be kept"
            )
        for key, kind in _NOTE_KINDS.items():
            if note.get(key) is not None and not isinstance(note[key], kind):
                shown = orjson.dumps(note[key]).decode()[:40]
                what = "a string" if kind is str else f"a JSON {_JSON_NAMES[kind]}"
                raise ValueError(f"{key} {shown} in the note of {target} is not {what}")
        extent = note.get("extent", [0, 0])
        if not (
            isinstance(extent, list) and len(extent) == 2 and all(type(x) is int for x in extent)
        ):
            shown = orjson.dumps(extent).decode()[:40]
            raise ValueError(f"extent {shown} is not [START, END], two integers")
        self.notes[target], self.note_ids[target] = note, ident


def _offset(digits: str, length: int) -> int:
    """An offset in ASCII digits: ``int()`` also takes '٩', '+9' and '1_0', and refuses a
    number of thousands of digits with advice meant for programmers."""
    if not (digits.isascii() and digits.isdigit()):
        raise ValueError(f"offset {digits[:20]!r} is not a number in ASCII digits")
    if len(digits.lstrip("0")) > len(str(length)):
        shown = f"{digits[:10]}... ({len(digits)} digits)" if len(digits) > 20 else digits
        raise ValueError(f"offset {shown} is outside the text ({length} code points)")
    return int(digits)


def _one_stretch(text: str, frags: list[tuple[int, int]], budget: Budget) -> bool:
    """Fragments in order with only white space between them, as the export writes a span over
    a newline (brat cuts spans there): the span is all of it. Any other gap skips words, which a
    span cannot do."""
    return all(
        a <= b and not span_text(text, a, b, budget).strip() for (_, a), (b, _) in pairwise(frags)
    )


def _with_extent(
    text: str, bounds: tuple[str, int, int], extent: list[int], budget: Budget
) -> tuple[str, int, int] | None:
    """The span of a text-bound annotation under the exact extent its note keeps; None when the
    extent is not the fragments' own.

    The export keeps an extent only for a span that starts or ends with a newline, which
    fragments cannot hold. The fragments are what brat shows and lets annotators edit, so they
    win: the extent applies only when it is their span widened by newlines. One that is not
    is stale (the span was moved in brat) and is reported and left out, never used to move the
    span back."""
    ttype, start, end = bounds
    a, b = extent
    if (
        0 <= a <= start
        and end <= b <= len(text)
        and not span_text(text, a, start, budget).strip("\n")
        and not span_text(text, end, b, budget).strip("\n")
    ):
        return ttype, a, b
    return None


def _link(
    name: str,
    source: dict[str, Any] | None,
    target: dict[str, Any] | None,
    target_bounds: tuple[str, int, int] | None,
    text: str,
    budget: Budget,
) -> None:
    if source is None or name not in RELATIONS:
        return
    field = RELATIONS[name][1]
    if name == "Cue" and target_bounds is not None:
        _, start, end = target_bounds
        source["cue"] = {"start": start, "end": end, "text": span_text(text, start, end, budget)}
    elif target is None:
        return
    elif name in ("Speaker", "Claimant"):
        if target.get("entity") is None:  # a cluster named after the mention
            target["entity"], target["_cluster_from_id"] = target["_src"], True
        source[field] = target["entity"]
    elif name in ("Denies", "Supports"):
        source.setdefault("relations", []).append({"type": name.lower(), "target": target["_src"]})
    else:
        source[field] = target["_src"]


def read_ann(ann_file: Path, run: ImportRun) -> list[Incoming]:
    """The annotations of ``<id>.ann`` for the corpus document ``<id>``; ``<id>.txt`` beside
    it, when there, must be the corpus text."""
    doc_id, file = ann_file.stem, str(ann_file)
    old = corpus_document(run.corpus, doc_id)
    if old is None:
        missing = f"metadata (no document {doc_id!r} in the corpus)"
        run.report.problems.append(
            problem(
                "import-unknown-document", file=file, doc_id=doc_id, format=FORMAT, missing=missing
            )
        )
        return []
    problems: list[Problem] = []
    txt = ann_file.with_suffix(".txt")
    text = run.read_text(txt, doc_id) if os.path.lexists(txt) else old.text
    data = run.read(ann_file, doc_id)
    ann = source_text(data, ann_file, doc_id)
    if text != old.text:
        run.report.problems.append(text_mismatch(FORMAT, str(txt), doc_id, text, old.text))
        return []
    layers = ann_to_layers(ann, text, file, doc_id, problems, span_budget(ann_file, len(data)))
    return [Incoming(FORMAT, file, doc_id, text, layers, problems=problems)]


SPEC = FormatSpec(
    name=FORMAT,
    description="brat standoff (.txt, .ann, annotation.conf)",
    read=read_ann,
    glob="*.ann",
    write=export_brat,
)
