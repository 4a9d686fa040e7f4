"""One synthetic document from ``(seed, index)``: deterministic, valid, gold in every layer.

A document reads like a wire story: headline (with a metonymic place name), standfirst,
caption (with emoji), body paragraphs with direct, indirect, mixed and anonymous quotes, the
claims they carry (one denying another), dates of every TIMEX3 type resolved against the
publication date, and a boilerplate credit line. Sizes match the benchmark reference
(~3,900 characters, ~30 entity mentions, 5 quotes, 5 claims, ~8 dates).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .. import __version__
from .words import (
    COMBINING_NAMES,
    EMOJI,
    FILLER,
    FIRST_NAMES,
    INDIRECT_CONTENTS,
    MONTHS,
    NBSP,
    NORPS,
    NUMBER_WORDS,
    ORG_KINDS,
    ORG_STEMS,
    PLACES,
    QUOTE_CONTENTS,
    RTL_ORGS,
    SURNAMES,
    WEEKDAYS,
)

TARGET_CHARS = 3900
FIRST_DAY = date(2015, 1, 1)


@dataclass(frozen=True)
class _Entity:
    cluster: str
    name: str
    label: str
    kb_id: str | None
    short: str  # later mentions: the surname of a person, the name otherwise


class _Builder:
    """Appends text and records each annotation at the offsets it was written to."""

    def __init__(self, rng: random.Random, published: date) -> None:
        self.rng = rng
        self.published = published
        self.parts: list[str] = []
        self.length = 0
        self.zone_start = 0
        self.layers: dict[str, list[dict[str, Any]]] = {
            name: [] for name in ("zones", "entities", "quotes", "claims", "dates")
        }
        self.seen: set[str] = set()

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def span(self, text: str) -> dict[str, Any]:
        start = self.length
        self.add(text)
        return {"start": start, "end": self.length, "text": text}

    def _id(self, layer: str, prefix: str) -> str:
        return f"{prefix}{len(self.layers[layer]) + 1}"

    def zone(self, kind: str) -> None:
        """Close the zone that began at the last ``new_zone``."""
        zones = self.layers["zones"]
        zones.append(
            {
                "id": self._id("zones", "z"),
                "start": self.zone_start,
                "end": self.length,
                "kind": kind,
            }
        )

    def new_zone(self) -> None:
        self.add("\n\n")
        self.zone_start = self.length

    def mention(self, ent: _Entity, *, metonymy: bool = False) -> None:
        name = ent.short if ent.cluster in self.seen else ent.name
        self.seen.add(ent.cluster)
        record = {"id": self._id("entities", "m"), **self.span(name), "label": ent.label}
        record["entity"] = ent.cluster
        if ent.kb_id is not None:
            record["kb_id"] = ent.kb_id
        if metonymy:
            record["metonymy"] = True
        self.layers["entities"].append(record)

    def value(self, text: str, label: str) -> None:
        """A mention outside any coreference cluster (nationalities, amounts, counts)."""
        record = {"id": self._id("entities", "m"), **self.span(text), "label": label}
        self.layers["entities"].append(record)

    def timex(self, text: str, ttype: str, value: str, anchor: str | None) -> str:
        tid = self._id("dates", "t")
        self.layers["dates"].append(
            {"id": tid, **self.span(text), "type": ttype, "value": value, "anchor": anchor}
        )
        return tid

    def relative_date(self) -> None:
        """A date resolved against the publication date, of a randomly chosen form."""
        pub, rng = self.published, self.rng
        form = rng.randrange(5)
        if form == 0:
            weekday = rng.randrange(7)
            day = pub - timedelta(days=(pub.weekday() - weekday) % 7)
            self.add("on ")
            self.timex(WEEKDAYS[weekday], "DATE", day.isoformat(), "document")
        elif form == 1:
            self.timex("this morning", "TIME", f"{pub.isoformat()}TMO", "document")
        elif form == 2:
            year, week, _ = (pub - timedelta(days=7)).isocalendar()
            self.timex("last week", "DATE", f"{year}-W{week:02d}", "document")
        elif form == 3:
            self.timex("now", "DATE", "PRESENT_REF", "document")
        else:
            self.add("on ")
            self.timex("Tuesday evening", "TIME", f"{_last(pub, 1).isoformat()}TEV", "document")

    def quote(
        self,
        content: dict[str, Any],
        qtype: str,
        cue: dict[str, Any],
        speaker: _Entity | None,
        *,
        relations: list[dict[str, str]] | None = None,
    ) -> None:
        qid = self._id("quotes", "q")
        quote: dict[str, Any] = {"id": qid, **content, "type": qtype, "cue": cue}
        quote["speaker"] = speaker.cluster if speaker else None
        if speaker is None:
            quote["speaker_reason"] = "anonymous"
        quote["speaker_explicit"] = speaker is not None
        self.layers["quotes"].append(quote)
        claim: dict[str, Any] = {"id": self._id("claims", "c"), **content}
        claim["claimant"] = speaker.cluster if speaker else "unattributed"
        claim["reported_by"] = qid
        if relations:
            claim["relations"] = relations
        self.layers["claims"].append(claim)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _last(pub: date, weekday: int) -> date:
    """The latest ``weekday`` on or before ``pub``."""
    return pub - timedelta(days=(pub.weekday() - weekday) % 7)


def _cast(rng: random.Random) -> tuple[list[_Entity], list[_Entity], list[_Entity]]:
    """People, organisations and places of one story, each its own coreference cluster."""
    people = []
    for k in range(4):
        if k == 3 and rng.random() < 0.5:
            full = rng.choice(COMBINING_NAMES)
        else:
            full = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        kb = f"Q{rng.randrange(10**6, 10**8)}" if rng.random() < 0.5 else None
        people.append(_Entity(f"e{k + 1}", full, "PERSON", kb, full.split(" ")[-1]))
    orgs = []
    for k, stem in enumerate(rng.sample(ORG_STEMS, 2)):
        name = f"{stem} {rng.choice(ORG_KINDS)}"
        orgs.append(_Entity(f"e{k + 5}", name, "ORG", None, stem))
    rtl = rng.choice(RTL_ORGS)
    orgs.append(_Entity("e7", rtl, "ORG", None, rtl))
    places = [
        _Entity(f"e{k + 8}", name, "GPE", qid, name)
        for k, (name, qid) in enumerate(rng.sample(PLACES, 3))
    ]
    return people, orgs, places


# A synthetic document's id, and what matches every one of them (``synth`` removes documents
# of an earlier run by it): seed, index
ID_PATTERN = re.compile(r"synth-(-?\d+)-(\d{7,})")


def synthetic_id(seed: int, index: int) -> str:
    return f"synth-{seed}-{index:07d}"


def synth_document(seed: int, index: int) -> dict[str, Any]:
    """The document numbered ``index`` of the synthetic corpus ``seed``, as a ``Document``
    dict. Depends on nothing else, so shards generated in any order agree."""
    rng = random.Random(f"newsanno-synth:{seed}:{index}")
    published = FIRST_DAY + timedelta(days=rng.randrange(3650))
    b = _Builder(rng, published)
    people, orgs, places = _cast(rng)
    p1, p2, p3, p4 = people
    o1, o2, rtl = orgs
    g1, g2, g3 = places

    b.mention(g1, metonymy=True)
    b.add(" says talks with ")
    b.mention(g2)
    b.add(f" are \u2018dragging\u2019 {rng.choice(EMOJI)}")
    b.zone("headline")
    title = b.text
    b.new_zone()
    b.mention(p1)
    b.add(" accuses ")
    b.mention(o1)
    b.add(" of stalling ")
    b.relative_date()
    b.add(f"{NBSP}\u2014 {rng.choice(FILLER)}")
    b.zone("standfirst")
    b.new_zone()
    b.add(f"{rng.choice(EMOJI)} Delegates arrive in ")
    b.mention(g3)
    b.add(". Photo: ")
    b.mention(rtl)
    b.zone("caption")

    def body(paragraph: Any) -> None:
        b.new_zone()
        paragraph()
        while b.length - b.zone_start < 330:
            b.add(" " + rng.choice(FILLER))
        b.zone("body")

    def direct() -> None:
        b.add("\u201c")
        content = b.span(rng.choice(QUOTE_CONTENTS))
        b.add(",\u201d ")
        b.mention(p1)
        b.add(" ")
        cue = b.span("said")
        b.add(" ")
        b.relative_date()
        b.add(f". Ms{NBSP}")
        b.mention(p1)
        b.add(" has advised ")
        b.mention(o2)
        b.add(" since ")
        year = published.year - rng.randrange(2, 9)
        b.timex(str(year), "DATE", str(year), None)
        b.add(".")
        b.quote(content, "direct", cue, p1)

    def indirect() -> None:
        b.mention(p2)
        b.add(", who leads ")
        b.mention(o1)
        b.add(" in ")
        b.mention(g1)
        b.add(", ")
        cue = b.span("told")
        b.add(" reporters ")
        b.relative_date()
        b.add(" that ")
        content = b.span(rng.choice(INDIRECT_CONTENTS))
        b.add(".")
        b.quote(content, "indirect", cue, p2)

    def facts() -> None:
        b.value(rng.choice(NORPS), "NORP")
        b.add(" negotiators met ")
        b.mention(o2)
        b.add(" executives in ")
        b.mention(g2)
        b.add(" for ")
        n = rng.randrange(len(NUMBER_WORDS))
        b.timex(f"{NUMBER_WORDS[n]} days", "DURATION", f"P{n + 2}D", None)
        b.add(" from ")
        start = published - timedelta(days=rng.randrange(10, 60))
        tid = b.timex(
            f"{MONTHS[start.month - 1]}{NBSP}{start.day}, {start.year}",
            "DATE",
            start.isoformat(),
            None,
        )
        b.add("; a draft followed ")
        later = (start + timedelta(days=2)).isoformat()
        b.timex("two days later", "DATE", later, tid)
        b.add(". Fuel costs rose ")
        b.value(f"{rng.randrange(2, 40)}{NBSP}per{NBSP}cent", "PERCENT")
        b.add(" to ")
        b.value(f"${rng.randrange(2, 900)}{NBSP}million", "MONEY")
        b.add(", and ")
        b.value(str(rng.randrange(100, 5000)), "CARDINAL")
        b.add(" people queued ")
        b.timex("every Monday", "SET", "XXXX-WXX-1", None)
        b.add(".")

    def context() -> None:
        b.add("Envoys from ")
        b.mention(g3)
        b.add(" and ")
        b.mention(g2)
        b.add(", among them ")
        b.mention(p3)
        b.add(" of ")
        b.mention(o2)
        b.add(", have asked ")
        b.mention(o1)
        b.add(" for the minutes.")

    def mixed() -> None:
        b.mention(p3)
        b.add(" ")
        cue = b.span("called")
        b.add(" the plan \u201c")
        content = b.span(rng.choice(QUOTE_CONTENTS))
        b.add("\u201d in an interview with ")
        b.mention(rtl)
        b.add(", whose name is written right to left.")
        b.quote(content, "mixed", cue, p3)

    def anonymous() -> None:
        b.add("\u201c")
        content = b.span(rng.choice(QUOTE_CONTENTS))
        b.add(",\u201d an official ")
        cue = b.span("said")
        b.add(", speaking on condition of anonymity because ")
        b.mention(p4)
        b.add(" had not authorised the briefing.")
        b.quote(content, "direct", cue, None)

    def denial() -> None:
        b.mention(o1)
        b.add(" ")
        cue = b.span("denied")
        b.add(" that ")
        content = b.span(rng.choice(INDIRECT_CONTENTS))
        b.add(", contradicting ")
        b.mention(p1)
        b.add(" and ")
        b.mention(p4)
        b.add(".")
        b.quote(content, "indirect", cue, o1, relations=[{"type": "denies", "target": "c1"}])

    for paragraph in (direct, facts, indirect, context, mixed, anonymous, denial):
        body(paragraph)
    while b.length < TARGET_CHARS - 300:
        body(lambda: b.add(rng.choice(FILLER)))
    b.new_zone()
    b.add("Reporting by ")
    b.mention(p2)
    b.add(f"; editing by the desk {rng.choice(EMOJI)}")
    b.zone("boilerplate")

    return {
        "id": synthetic_id(seed, index),
        "text": b.text,
        "meta": {
            "title": title,
            "url": f"https://example.org/synthetic/{seed}/{index}",
            "publisher": "newsanno synthetic wire",
            "published": published.isoformat(),
            "published_source": "stated",
            "language": "en",
            "license": "CC0-1.0",
            "redistribution": "full",
            "synthetic": True,
            "source": {
                "format": "synthetic",
                "extractor": f"newsanno synth {__version__}",
                "settings": {"seed": seed, "index": index},
            },
        },
        "annotation": {
            "annotators": ["newsanno synth"],
            "status": "gold",
            "guideline_version": "1.0",
            "layers": [{"layer": name} for name in b.layers],
        },
        **b.layers,
    }
