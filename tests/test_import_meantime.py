"""MEANTIME import on the real corpus: counts checked against a separate pass over the XML."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import SHARED
from newsanno.corpus import read_documents
from newsanno.formats import Report, importer
from newsanno.formats.detokenize import rebuild_text
from newsanno.validate.runner import Summary, validate

MEANTIME = SHARED / "data" / "meantime"

pytestmark = pytest.mark.skipif(
    not MEANTIME.is_dir(), reason=f"MEANTIME not available at {MEANTIME} (shared data folder)"
)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    corpus = tmp_path_factory.mktemp("meantime") / "corpus"
    report = importer("meantime")(MEANTIME, corpus)
    return corpus, report


def _source_counts() -> Counter[str]:
    """Markables counted with regular expressions, independently of the importer's XML pass."""
    c: Counter[str] = Counter()
    for path in sorted(MEANTIME.rglob("*.xml")):
        xml = path.read_text(encoding="utf-8")
        c["files"] += 1
        for body in re.findall(r"<TIMEX3 [^>]*?(/>|>.*?</TIMEX3>)", xml, flags=re.S):
            c["timex_anchored" if "token_anchor" in body else "timex_empty"] += 1
        c["mentions"] += len(re.findall(r"<ENTITY_MENTION ", xml))
        c["creation"] += 'functionInDocument="CREATION_TIME"' in xml
    return c


def test_counts_match_the_source_or_are_explained(imported: tuple[Path, Report]) -> None:
    _, report = imported
    src = _source_counts()
    assert src["files"] == 90 and report.documents == 90
    dropped = report.dropped
    assert src["timex_empty"] == dropped["unanchored-timex"] == 24
    assert src["timex_anchored"] == report.kept["dates"] + dropped["invalid-timex"] == 337
    assert src["mentions"] == 2396
    assert src["mentions"] == report.kept["entities"] + sum(
        dropped[c]
        for c in (
            "untyped-mention",
            "label-not-mapped",
            "discontinuous-span",
            "duplicate-import",
            "name-overlap",
            "pronoun-not-annotated",
        )
    )
    # FIN and MIX are the unmapped types; the non-adjacent mentions listed in the data README.
    assert dropped["discontinuous-span"] == 9
    assert not any(p.severity == "error" for p in report.problems)


def test_clusters_match_the_referenced_entities(imported: tuple[Path, Report]) -> None:
    """Every PER/ORG/LOC/PRO entity referred to by a contiguous mention is one cluster, except
    that instances with one description and type are one entity (merge-duplicate-instance) and
    an entity referred to only by nationality adjectives ('Canadian') has no cluster (NORP), nor
    one whose every mention lies inside another name or is a relative pronoun (left out)."""
    corpus, report = imported
    expected = 0
    merged = 0
    left_out = ("name-overlap", "pronoun-not-annotated")
    overlaps = {(p.doc_id, p.annotation_id) for p in report.problems if p.code in left_out}
    for path in MEANTIME.rglob("*.xml"):
        xml = path.read_text(encoding="utf-8")
        doc_id = (
            f"meantime-{path.parent.name.removeprefix('corpus_')}-"
            + re.findall(r'doc_id="(\d+)"', xml)[0]
        )
        tokens = dict(re.findall(r'<token [^>]*?t_id="(\d+)"[^>]*>([^<]*)</token>', xml))
        entities = re.findall(r"<ENTITY ([^>]*?)/?>", xml)
        types, descriptors = {}, {}
        for attrs in entities:
            a = dict(re.findall(r'(\w+)="([^"]*)"', attrs))
            types[a["m_id"]] = a.get("ent_type", "")
            descriptors[a["m_id"]] = (
                " ".join(a.get("TAG_DESCRIPTOR", "").lower().split()),
                a.get("ent_type"),
            )
        anchors = {
            m: [int(t) for t in re.findall(r'<token_anchor t_id="(\d+)"', body)]
            for m, body in re.findall(
                r'<ENTITY_MENTION [^>]*?m_id="(\d+)"[^>]*>(.*?)</ENTITY_MENTION>', xml, flags=re.S
            )
        }
        contiguous = {m for m, ts in anchors.items() if ts and max(ts) - min(ts) == len(ts) - 1}
        targets: dict[tuple[str, str | None], set[str]] = {}
        for body in re.findall(r"<REFERS_TO [^>]*>(.*?)</REFERS_TO>", xml, flags=re.S):
            sources = re.findall(r'<source m_id="(\d+)"', body)
            (target,) = re.findall(r'<target m_id="(\d+)"', body)
            if types.get(target) in {"PER", "ORG", "LOC", "PRO"} and set(sources) & contiguous:
                words = {tokens[str(t)] for s in set(sources) & contiguous for t in anchors[s]}
                kept = {s for s in set(sources) & contiguous if (doc_id, s) not in overlaps}
                if not kept:  # every mention lies inside another name
                    continue
                targets.setdefault(descriptors[target], set()).update(words)
                merged += 1
        adjectives = re.compile(r"^[A-Z][a-z]+(an|ian|ese|ish)$")
        expected += sum(
            1
            for (descriptor, kind), words in targets.items()
            if not (
                kind == "LOC"
                and all(adjectives.match(w) and w.lower() not in descriptor for w in words)
            )
        )
        merged -= len(targets)
    assert report.converted["merge-duplicate-instance"] == merged
    assert report.kept["clusters"] == expected
    found = sum(len({m.entity for m in d.entities} - {None}) for d in read_documents(corpus))
    assert found == expected


def test_one_article_by_hand(imported: tuple[Path, Report]) -> None:
    corpus, _ = imported
    docs = {d.id: d for d in read_documents(corpus)}
    doc = docs["meantime-apple-101354"]
    lines = doc.text.split("\n")
    assert lines[0] == "Apple releases iPhone SDK, announces upcoming update"
    assert lines[1] == "March 06, 2008"
    assert lines[2].startswith("During a media event held at its Cupertino headquarters, Apple")
    assert '"App Store"' in lines[2]
    assert doc.meta.published == "2008-03-06" and doc.meta.published_source == "stated"
    assert doc.meta.license == "CC-BY-2.5" and doc.meta.redistribution == "full"
    assert "MEANTIME" in (doc.meta.attribution or "") and "CC-BY-4.0" in doc.meta.attribution
    assert doc.meta.source is not None and doc.meta.source.rule
    first = doc.entities[0]
    assert (first.text, first.label, first.entity) == ("Apple", "ORG", "apple")
    assert first.links == ["http://dbpedia.org/resource/Apple_Inc."]
    creation = next(t for t in doc.dates if t.text == "March 06, 2008")
    assert (creation.type, creation.value) == ("DATE", "2008-03-06")
    scopes = {s.layer: s.regions for s in doc.annotation.layers}
    annotated_end = sum(len(line) + 1 for line in lines[:7]) - 1
    assert scopes["entities"] is not None and scopes["entities"][0].end == annotated_end
    assert "quotes" not in scopes and scopes["zones"] is None
    assert [z.kind for z in doc.zones] == ["headline", "dateline", "body"]


def test_publication_dates(imported: tuple[Path, Report]) -> None:
    corpus, _ = imported
    docs = list(read_documents(corpus))
    assert Counter(d.meta.published_source for d in docs) == {"stated": 87, "unknown": 3}
    # Two articles lack a creation time; one gives it as '03-02-2009', which is not ISO 8601.
    notes = [d.meta.published_note or "" for d in docs if d.meta.published is None]
    assert sum("03-02-2009" in n for n in notes) == 1


def test_imported_corpus_validates(imported: tuple[Path, Report]) -> None:
    corpus, _ = imported
    summary = Summary()
    loaded = list(validate([corpus], summary))
    assert len(loaded) == 90 and all(x.ok and not x.problems for x in loaded)


def test_rebuild_rule_attaches_punctuation_and_clitics() -> None:
    tokens = [("1", 0, "Apple"), ("2", 0, "'s"), ("3", 0, "``"), ("4", 0, "App"), ("5", 0, "''")]
    tokens += [("6", 0, "costs"), ("7", 0, "$"), ("8", 0, "99"), ("9", 0, "."), ("10", 1, "Hi")]
    text, offsets, sentences = rebuild_text(tokens)
    assert text == 'Apple\'s "App" costs $99.\nHi'
    assert offsets["3"] == (8, 9) and offsets["10"] == (25, 27)
    assert sentences == [(0, 24), (25, 27)]
