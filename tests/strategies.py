"""Hypothesis strategies for valid documents, shared by every round-trip test.

Texts mix the characters that break naive code: NBSP, curly quotes, emoji outside the BMP
(two UTF-16 units), right-to-left script, combining marks, and LF newlines (never CR)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from newsanno.model import ENTITY_LABELS, Document

ALPHABET = (
    "abcdefghijklmnopqrstuvwxyz ABCXYZ .,;:!?'\"-\n0123456789"
    "\u00a0\u201c\u201d\u2018\u2019\u2014\u00e9\u0301\U0001f600\U0001f30d\u05e9\u05dc\u05d5\u05dd"
    "\u0645\u0631\u062d\u0628\u0627\u4e2d"
)
TIMEX = [
    ("DATE", "2022-04-06"),
    ("DATE", "XXXX-02-24"),
    ("DATE", "2022-W14"),
    ("DATE", "PRESENT_REF"),
    ("TIME", "2022-04-06T10:30"),
    ("TIME", "2022-04-06TMO"),
    ("DURATION", "P3D"),
    ("DURATION", "PT2M"),
    ("SET", "P1W"),
    ("SET", "XXXX-WXX-1"),
]
CLUSTERS = ["e1", "e2", "e3"]

texts = st.text(alphabet=ALPHABET, min_size=1, max_size=400)


def _span(draw: st.DrawFn, text: str) -> dict[str, Any]:
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, min(len(text), start + 40)))
    return {"start": start, "end": end, "text": text[start:end]}


def _unique_spans(draw: st.DrawFn, text: str, n: int) -> list[dict[str, Any]]:
    """Spans at distinct offsets, so no two annotations of a layer are identical."""
    spans: dict[tuple[int, int], dict[str, Any]] = {}
    for _ in range(n):
        span = _span(draw, text)
        spans.setdefault((span["start"], span["end"]), span)
    return list(spans.values())


@st.composite
def document_dicts(draw: st.DrawFn, text: str | None = None) -> dict[str, Any]:
    text = text if text is not None else draw(texts)
    entities = []
    for i, span in enumerate(_unique_spans(draw, text, draw(st.integers(0, 8)))):
        entity = draw(st.sampled_from(CLUSTERS + [None]))
        entities.append(
            {
                "id": f"m{i}",
                **span,
                "label": draw(st.sampled_from(ENTITY_LABELS)),
                "entity": entity,
                "kb_id": None,
                "metonymy": draw(st.booleans()),
            }
        )
    clusters = sorted({e["entity"] for e in entities if e["entity"]})
    quotes = []
    for i, span in enumerate(_unique_spans(draw, text, draw(st.integers(0, 3)))):
        speaker = draw(st.sampled_from(clusters + [None])) if clusters else None
        quotes.append(
            {
                "id": f"q{i}",
                **span,
                "type": draw(st.sampled_from(["direct", "indirect", "mixed"])),
                "cue": draw(st.none() | st.just(_span(draw, text))),
                "speaker": speaker,
                "speaker_reason": None if speaker else "unnamed",
                "speaker_explicit": draw(st.booleans()),
            }
        )
    claims = []
    for i, span in enumerate(_unique_spans(draw, text, draw(st.integers(0, 3)))):
        relations = [{"type": "denies", "target": f"c{j}"} for j in range(i) if draw(st.booleans())]
        claims.append(
            {
                "id": f"c{i}",
                **span,
                "claimant": draw(st.sampled_from(clusters + ["author", "unattributed"])),
                "reported_by": draw(st.sampled_from([q["id"] for q in quotes] + [None])),
                "relations": relations,
            }
        )
    dates = []
    for i, span in enumerate(_unique_spans(draw, text, draw(st.integers(0, 3)))):
        ttype, value = draw(st.sampled_from(TIMEX))
        anchor = draw(st.sampled_from(["document", None] + [d["id"] for d in dates]))
        dates.append({"id": f"t{i}", **span, "type": ttype, "value": value, "anchor": anchor})
    cut = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=4))) | {0, len(text)})
    zones = [
        {"id": f"z{i}", "start": a, "end": b, "kind": draw(st.sampled_from(["headline", "body"]))}
        for i, (a, b) in enumerate(zip(cut, cut[1:], strict=False))
    ]
    layers = {
        "zones": zones,
        "entities": entities,
        "quotes": quotes,
        "claims": claims,
        "dates": dates,
    }
    return {
        "id": draw(st.from_regex(r"\A[a-z0-9][a-z0-9_-]{0,20}\Z")),
        "text": text,
        "meta": {
            "title": draw(st.text(alphabet=ALPHABET, max_size=30)),
            "url": None,
            "publisher": None,
            "authors": [],
            "published": "2022-04-06",
            "published_source": "stated",
            "language": "en",
            "license": "CC-BY-4.0",
            "redistribution": "full",
        },
        "annotation": {
            "annotators": ["test"],
            "status": "gold",
            "guideline_version": "1.0",
            "layers": [{"layer": name} for name in layers],
        },
        **layers,
    }


@st.composite
def documents(draw: st.DrawFn) -> Document:
    return Document.model_validate(draw(document_dicts()))


@st.composite
def name_documents(draw: st.DrawFn) -> Document:
    """Documents whose entity mentions are names that never overlap: what token-tagging formats
    (CoNLL BIO, spaCy ``doc.ents``) can carry whole."""
    data = draw(document_dicts())
    kept: list[dict[str, Any]] = []
    for m in data["entities"]:
        if all(m["end"] <= k["start"] or k["end"] <= m["start"] for k in kept):
            kept.append(m)
    clusters = {m["entity"] for m in kept if m["entity"]}
    quotes = [
        {**q, "speaker": None, "speaker_reason": "unnamed"} if q["speaker"] not in clusters else q
        for q in data["quotes"]
    ]
    claims = [
        c if c["claimant"] in clusters | {"author", "unattributed"} else {**c, "claimant": "author"}
        for c in data["claims"]
    ]
    return Document.model_validate({**data, "entities": kept, "quotes": quotes, "claims": claims})


# Random offsets cut words and start on spaces on purpose: validation warns about those spans
# (they are valid), and a round trip must keep them exactly; no other problem may appear.
EDGE_WARNINGS = frozenset({"span-cuts-word", "span-edge-whitespace"})


def beyond_edges(problems: list) -> list:  # type: ignore[type-arg]
    return [p for p in problems if p.code not in EDGE_WARNINGS]
