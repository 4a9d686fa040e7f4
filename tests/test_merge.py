"""newsanno merge: an independent annotation fills the regions the corpus has not annotated."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from conftest import SMALL_TEXT, small_doc_dict, span
from newsanno.cli import main
from newsanno.corpus import load_document, write_document
from newsanno.corpus.layout import annotation_path
from newsanno.corpus.writer import init_corpus
from newsanno.ingest.merge import merge_documents, subtract, union
from newsanno.model import Document

HEADLINE_END = SMALL_TEXT.index("\n")


def base_dict() -> dict[str, Any]:
    """A source corpus's gold: entities and dates in the headline only, no quotes or claims."""
    d = small_doc_dict()
    region = [{"start": 0, "end": HEADLINE_END}]
    d["annotation"] = {
        "annotators": ["source annotators"],
        "status": "gold",
        "guideline_version": "src-1",
        "layers": [
            {"layer": "zones"},
            {"layer": "entities", "regions": region, "method": "imported", "source": "src"},
        ],
    }
    d["entities"] = [{"id": "m1", **span(SMALL_TEXT, "Moscow"), "label": "GPE", "entity": "moscow"}]
    d["quotes"], d["claims"], d["dates"] = [], [], []
    return d


def incoming_dict() -> dict[str, Any]:
    """Another annotator's whole-text annotation, with cluster ids of their own."""
    d = small_doc_dict()
    d["annotation"] = {
        "annotators": ["annotator-b"],
        "status": "gold",
        "guideline_version": "2.0",
        "layers": [
            {"layer": x, "method": "manual"} for x in ("entities", "quotes", "claims", "dates")
        ],
    }
    d["zones"] = []
    d["entities"][0]["entity"] = "russia-gov"
    d["claims"][1]["claimant"] = "russia-gov"
    return d


def corpora(tmp_path: Path, base: dict[str, Any], incoming: dict[str, Any]) -> tuple[Path, Path]:
    out = []
    for name, d in (("corpus", base), ("incoming", incoming)):
        corpus = tmp_path / name
        write_document(corpus, Document.model_validate(d))
        out.append(corpus)
    return out[0], out[1]


def test_subtract_leaves_the_parts_outside() -> None:
    assert subtract([(0, 10)], [(2, 4), (6, 7)]) == [(0, 2), (4, 6), (7, 10)]
    assert subtract([(0, 10)], [(0, 10)]) == []
    assert subtract([(0, 10), (20, 30)], [(5, 25)]) == [(0, 5), (25, 30)]


extents = st.tuples(st.integers(0, 30), st.integers(1, 8)).map(lambda se: (se[0], se[0] + se[1]))


@given(st.lists(extents, max_size=6), st.lists(extents, max_size=6))
def test_subtract_keeps_the_characters_no_taken_interval_covers(
    regions: list[tuple[int, int]], taken: list[tuple[int, int]]
) -> None:
    """Taken intervals in any order, overlapping or not (the regions of several declarations)."""
    covered = {i for a, b in taken for i in range(a, b)}
    expected = []
    for start, end in regions:
        free = [i for i in range(start, end) if i not in covered]
        runs = [i for i in free if i - 1 not in free]  # each run of free characters: its start
        expected += [(i, next(j for j in range(i, end + 1) if j not in free)) for i in runs]
    assert subtract(regions, union(taken)) == expected


def test_merge_fills_undeclared_regions_and_links_to_corpus_clusters(tmp_path: Path) -> None:
    corpus, incoming = corpora(tmp_path, base_dict(), incoming_dict())
    before = load_document(annotation_path(corpus, "small-doc")).document
    assert main(["merge", str(incoming), "--into", str(corpus)]) == 0
    doc = load_document(annotation_path(corpus, "small-doc")).document
    assert doc is not None and before is not None
    # the source's headline region is untouched; the rest of the text is the annotator's
    assert doc.entities[0] == before.entities[0]
    scopes = [(s.layer, s.method, s.annotators) for s in doc.annotation.layers]
    assert ("entities", "manual", ["annotator-b"]) in scopes
    entities = [s for s in doc.annotation.layers if s.layer == "entities"]
    assert [(r.start, r.end) for s in entities for r in s.regions or ()] == [
        (0, HEADLINE_END),
        (HEADLINE_END, len(SMALL_TEXT)),
    ]
    assert [m.text for m in doc.entities] == ["Moscow", "Dmitry Peskov"]
    # the claimant "russia-gov" shares its mention with the corpus cluster "moscow"
    claimants = {c.text: c.claimant for c in doc.claims}
    assert claimants["Moscow denies it"] == "moscow"
    assert doc.quotes[0].speaker == "peskov"
    claims = {c.text: c for c in doc.claims}
    talks, denial = claims["talks are dragging"], claims["Moscow denies it"]
    assert talks.reported_by == doc.quotes[0].id
    assert denial.relations[0].target == talks.id


def test_a_speaker_the_corpus_did_not_annotate_is_inserted(tmp_path: Path) -> None:
    base = base_dict()
    base["annotation"]["layers"][1]["regions"] = None  # entities over the whole text
    corpus, incoming = corpora(tmp_path, base, incoming_dict())
    assert main(["merge", str(incoming), "--into", str(corpus)]) == 0
    doc = load_document(annotation_path(corpus, "small-doc")).document
    assert doc is not None
    assert [m.text for m in doc.entities] == ["Moscow", "Dmitry Peskov"]
    assert doc.quotes[0].speaker == "peskov"


def _speakers_doc(
    text: str,
    layers: list[str],
    mentions: list[tuple[str, str | None]],
    quotes: list[tuple[str, str]] = (),
    claims: list[tuple[str, str]] = (),
) -> Document:
    """A document over ``text`` declaring ``layers`` with one mention per (name, cluster), one
    quote per (words, speaker) and one claim per (words, claimant), each at the first place its
    text occurs."""
    d = small_doc_dict()
    d["text"] = text
    d["annotation"]["layers"] = [{"layer": x} for x in layers]
    d["entities"] = [
        {"id": f"m{i}", **span(text, name), "label": "PERSON", "entity": cluster}
        for i, (name, cluster) in enumerate(mentions, 1)
    ]
    d["quotes"] = [
        {
            "id": f"q{i}",
            **span(text, words),
            "type": "indirect",
            "speaker": speaker,
            "speaker_explicit": True,
        }
        for i, (words, speaker) in enumerate(quotes, 1)
    ]
    d["claims"] = [
        {"id": f"c{i}", **span(text, words), "claimant": claimant}
        for i, (words, claimant) in enumerate(claims, 1)
    ]
    d["zones"], d["dates"] = [], []
    return Document.model_validate(d)


def test_only_speakers_and_claimants_without_a_mention_get_theirs_inserted() -> None:
    text = "Ann and Al said yes. Bob said no. Cy said so. Dee said it. Fay nodded."
    # the corpus annotated the names (Dee with no cluster), not the quotes or claims
    base = _speakers_doc(text, ["entities"], [("Cy", "cy"), ("Dee", None)])
    incoming = _speakers_doc(
        text,
        ["entities", "quotes", "claims"],
        [("Ann", "a"), ("Al", "a"), ("Bob", "b"), ("Cy", "c"), ("Dee", "d"), ("Fay", "f")],
        quotes=[("yes", "a"), ("no", "b"), ("so", "c"), ("it", "d")],
        claims=[("no", "b")],
    )
    merged, report = merge_documents(base, incoming)
    # a's and b's mentions go in; c is the corpus's cy; Dee's span is taken; f speaks no quote
    assert report.inserted == 3
    assert [(m["text"], m["entity"]) for m in merged["entities"]] == [
        ("Ann", "a"),
        ("Al", "a"),
        ("Bob", "b"),
        ("Cy", "cy"),
        ("Dee", None),
    ]
    assert [q["speaker"] for q in merged["quotes"]] == ["a", "b", "cy", "d"]


def test_the_mentions_of_many_speakers_are_inserted_in_linear_time() -> None:
    n = 10_000  # going through every incoming mention for each speaker took about 8 s
    text = " ".join(f"W{i} says Q{i}." for i in range(n))  # each name first occurs in its own
    base = _speakers_doc(text, ["entities"], [])
    incoming = _speakers_doc(
        text,
        ["entities", "quotes"],
        [(f"W{i}", f"e{i}") for i in range(n)],
        quotes=[(f"Q{i}", f"e{i}") for i in range(n)],
    )
    started = time.process_time()
    merged, report = merge_documents(base, incoming)
    assert time.process_time() - started < 2
    assert report.inserted == n
    assert [m["entity"] for m in merged["entities"]] == [f"e{i}" for i in range(n)]


def test_a_copy_of_another_text_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    corpus, _ = corpora(tmp_path, base_dict(), incoming_dict())
    text = SMALL_TEXT.replace("\U0001f600", "!")
    other = small_doc_dict(text)
    elsewhere = tmp_path / "elsewhere"
    write_document(elsewhere, Document.model_validate(other))
    before = annotation_path(corpus, "small-doc").read_bytes()
    assert main(["merge", str(elsewhere), "--into", str(corpus)]) == 1
    assert annotation_path(corpus, "small-doc").read_bytes() == before
    json.loads(before)


def test_gold_supersedes_silver_but_never_gold(tmp_path: Path) -> None:
    base = base_dict()
    quote = small_doc_dict()["quotes"][0]
    base["quotes"] = [{**quote, "speaker": None, "speaker_reason": "unknown"}]
    base["annotation"]["layers"].append(
        {"layer": "quotes", "status": "silver", "method": "imported", "source": "src"}
    )
    corpus, incoming = corpora(tmp_path, base, incoming_dict())
    assert main(["merge", str(incoming), "--into", str(corpus)]) == 0
    doc = load_document(annotation_path(corpus, "small-doc")).document
    assert doc is not None
    quotes = [s for s in doc.annotation.layers if s.layer == "quotes"]
    assert [(s.status, s.annotators) for s in quotes] == [("gold", ["annotator-b"])]
    assert [(q.text, q.speaker) for q in doc.quotes] == [("talks are dragging", "peskov")]


def test_names_of_labels_the_source_leaves_out_are_added_in_its_regions(tmp_path: Path) -> None:
    base = base_dict()
    base["meta"]["source"] = {"format": "meantime"}
    incoming = incoming_dict()
    incoming["entities"].append(
        {"id": "m9", **span(SMALL_TEXT, "it", 0), "label": "CARDINAL"}  # a stand-in number
    )
    incoming["entities"].append({"id": "m10", **span(SMALL_TEXT, "denies"), "label": "PERSON"})
    corpus, src = corpora(tmp_path, base, incoming)
    assert main(["merge", str(src), "--into", str(corpus)]) == 0
    doc = load_document(annotation_path(corpus, "small-doc")).document
    assert doc is not None
    labels = {m.text: m.label for m in doc.entities if m.end <= HEADLINE_END}
    # MEANTIME leaves numbers out: added; it annotates persons: the source's decision stands
    assert labels == {"Moscow": "GPE", "it": "CARDINAL"}


def test_silver_gives_way_to_gold_declared_in_parts_out_of_text_order(tmp_path: Path) -> None:
    base = base_dict()
    base["annotation"]["layers"][1] = {"layer": "entities", "status": "silver"}
    incoming = incoming_dict()
    manual = {"layer": "entities", "method": "manual"}
    incoming["annotation"]["layers"][0:1] = [
        {**manual, "regions": [{"start": HEADLINE_END, "end": len(SMALL_TEXT)}]},
        {**manual, "regions": [{"start": 0, "end": HEADLINE_END}]},
    ]
    corpus, src = corpora(tmp_path, base, incoming)
    assert main(["merge", str(src), "--into", str(corpus)]) == 0
    doc = load_document(annotation_path(corpus, "small-doc")).document
    assert doc is not None
    entities = [s for s in doc.annotation.layers if s.layer == "entities"]
    assert [s.status for s in entities] == ["gold", "gold"]
    assert [m.text for m in doc.entities] == ["Moscow", "Dmitry Peskov"]


def test_corpus_references_to_superseded_silver_follow_the_gold_that_replaces_it(
    tmp_path: Path,
) -> None:
    base = small_doc_dict()
    base["quotes"][0]["id"] = "q7"  # not the id the incoming quote will get
    base["claims"][0]["reported_by"] = "q7"
    base["annotation"]["layers"][2] = {"layer": "quotes", "status": "silver", "method": "imported"}
    incoming = incoming_dict()
    corpus, src = corpora(tmp_path, base, incoming)
    assert main(["merge", str(src), "--into", str(corpus)]) == 0
    doc = load_document(annotation_path(corpus, "small-doc")).document
    assert doc is not None
    assert [q.id for q in doc.quotes] == ["q1"]
    assert {c.id: c.reported_by for c in doc.claims}["c1"] == "q1"


def test_corpus_references_to_superseded_silver_without_a_replacement_are_cleared(
    tmp_path: Path,
) -> None:
    base = small_doc_dict()
    base["annotation"]["layers"][2] = {"layer": "quotes", "status": "silver", "method": "imported"}
    incoming = incoming_dict()
    incoming["quotes"] = []
    incoming["claims"][0]["reported_by"] = None
    corpus, src = corpora(tmp_path, base, incoming)
    assert main(["merge", str(src), "--into", str(corpus)]) == 0
    doc = load_document(annotation_path(corpus, "small-doc")).document
    assert doc is not None
    assert doc.quotes == []
    assert {c.id: c.reported_by for c in doc.claims}["c1"] is None


def test_a_fresh_cluster_id_never_takes_another_incoming_clusters_id() -> None:
    """The corpus uses ``e1`` for another entity, so incoming ``e1`` needs a fresh id; ``e1-2``
    is taken by another incoming cluster, which keeps it: the two must stay apart."""
    from newsanno.ingest.merge import cluster_map

    base = [{"start": 0, "end": 5, "entity": "e1"}]
    incoming = [
        {"start": 10, "end": 15, "entity": "e1"},
        {"start": 20, "end": 25, "entity": "e1-2"},
    ]
    mapped = cluster_map(base, incoming)
    assert mapped["e1-2"] == "e1-2"
    assert mapped["e1"] not in {"e1", "e1-2"}


def test_many_regions_and_declarations_are_merged_in_time() -> None:
    """Silver regions, each declared on its own, superseded by as many gold ones."""
    n = 2000  # regions: each tried against every other, and more, took about 15 s
    text = "a " * n
    mentions = [
        {"id": f"m{i}", "start": 2 * i, "end": 2 * i + 1, "text": "a", "label": "PERSON"}
        for i in range(n)
    ]
    docs = []
    for status in ("silver", "gold"):
        d = small_doc_dict()
        d["text"], d["entities"] = text, mentions
        d["annotation"]["layers"] = [
            {"layer": "entities", "regions": [{"start": 2 * i, "end": 2 * i + 1}], "status": status}
            for i in range(n)
        ]
        d["zones"], d["quotes"], d["claims"], d["dates"] = [], [], [], []
        docs.append(Document.model_validate(d))
    started = time.process_time()
    merged, report = merge_documents(*docs)
    assert time.process_time() - started < 2
    assert (report.superseded["entities"], report.added["entities"]) == (n, n)
    assert [s["status"] for s in merged["annotation"]["layers"]] == ["gold"] * n


def test_a_source_that_is_no_corpus_or_an_unknown_id_is_refused(tmp_path: Path, capsys) -> None:
    corpus, incoming = corpora(tmp_path, base_dict(), incoming_dict())
    before = annotation_path(corpus, "small-doc").read_bytes()
    (tmp_path / "empty").mkdir()
    init_corpus(tmp_path / "new", "new")
    for args, code in (
        ([str(tmp_path / "missing")], "file-not-found"),
        ([str(tmp_path / "empty")], "not-a-corpus"),
        ([str(tmp_path / "new")], "empty-corpus"),
        ([str(incoming), "small-doc", "no-such-doc"], "unknown-document"),
    ):
        assert main(["merge", *args, "--into", str(corpus)]) == 1
        assert f": {code}: " in capsys.readouterr().err, args
    assert annotation_path(corpus, "small-doc").read_bytes() == before
