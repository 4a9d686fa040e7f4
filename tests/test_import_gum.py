"""GUM import on the real news section: text, counts and identities checked against the source."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import SHARED
from newsanno.corpus import read_documents
from newsanno.formats import Report, importer
from newsanno.model import Document
from newsanno.validate.runner import Summary, validate

GUM = SHARED / "data" / "gum" / "news"

pytestmark = pytest.mark.skipif(
    not GUM.is_dir(), reason=f"GUM news not available at {GUM} (shared data folder)"
)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report, dict[str, Document]]:
    corpus = tmp_path_factory.mktemp("gum") / "corpus"
    report = importer("gum")(GUM, corpus)
    return corpus, report, {d.id: d for d in read_documents(corpus)}


def _misc(path: Path, key: str) -> list[str]:
    return re.findall(rf"(?:\t|\|){key}=([^|\n]*)", path.read_text(encoding="utf-8"))


def test_imported_corpus_validates(imported) -> None:
    corpus, _, _ = imported
    loaded = list(validate([corpus], Summary()))
    assert len(loaded) == 24 and all(x.ok and not x.problems for x in loaded)


def test_every_sentence_is_verbatim_and_in_order(imported) -> None:
    _, report, docs = imported
    assert report.documents == 24 and not any(p.severity == "error" for p in report.problems)
    for path in sorted(GUM.glob("*.conllu")):
        doc = docs["gum-" + path.stem.removeprefix("GUM_news_")]
        pos = 0
        for sentence in re.findall(r"^# text = (.*)$", path.read_text(encoding="utf-8"), re.M):
            found = doc.text.find(sentence, pos)
            assert found >= pos, (doc.id, sentence)
            pos = found + len(sentence)


def test_counts_match_the_source_or_are_explained(imported) -> None:
    _, report, _ = imported
    src: Counter[str] = Counter()
    for path in GUM.glob("*.conllu"):
        for value in _misc(path, "Entity"):
            src["mentions"] += value.count("(")
            src["time"] += len(re.findall(r"\(\d+-time-", value))
        for value in _misc(path, "XML"):
            src["dates"] += len(re.findall(r"<(?:date|time) ", value))
            src["quote"] += len(re.findall(r"<quote[ >]", value))
            src["q"] += len(re.findall(r"<q[ >]", value))
    dropped = report.dropped
    assert src["mentions"] == report.kept["entities"] + sum(
        dropped[c]
        for c in (
            "label-not-mapped",
            "temporal-mention",
            "name-overlap",
            "duplicate-import",
            "pronoun-not-annotated",
        )
    )
    assert src["time"] == dropped["temporal-mention"]
    assert src["dates"] == report.kept["dates"] + dropped["date-range"] + dropped["invalid-timex"]
    assert src["quote"] == report.kept["quotes"] == 68
    assert src["q"] == dropped["not-reported-speech"]


def _mention_tags(path: Path) -> dict[str, list[list[str]]]:
    """Entity id -> the words of each of its mentions of a mapped type, as 'form/XPOS'."""
    out: dict[str, list[list[str]]] = {}
    open_: dict[str, list[list[str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) != 10 or not cols[0].isdigit():
            continue
        entity = next((kv[7:] for kv in cols[9].split("|") if kv.startswith("Entity=")), "")
        closing: list[str] = []
        for m in re.finditer(r"\(([^()]+)(\))?|(\d+)\)", entity):
            if m.group(1) is not None:
                gid, kind = m.group(1).split("-")[:2]
                tags: list[str] = []
                if kind in ("person", "organization", "place", "event"):
                    out.setdefault(gid, []).append(tags)
                open_.setdefault(gid, []).append(tags)
                if m.group(2):
                    closing.append(gid)
            else:
                closing.append(m.group(3))
        for stack in open_.values():
            for tags in stack:
                tags.append(f"{cols[1]}/{cols[4]}")
        for gid in closing:
            open_[gid].pop()
    return out


def _group_name(words: list[str]) -> bool:
    """A mention whose only proper noun is a plural group name ('Muslims', 'Texans')."""
    proper = [w.rsplit("/", 1) for w in words if w.endswith(("/NNP", "/NNPS"))]
    return (
        len(proper) == 1
        and proper[0][1] == "NNPS"
        and re.fullmatch(
            r"[A-Z]\w*(ans|ese|is|ists|ics)|Muslims|Christians|Jews|Democrats|Republicans|Rohingya",
            proper[0][0],
        )
        is not None
    )


def test_clusters_are_gum_entity_ids_of_mapped_types(imported) -> None:
    """One cluster per GUM entity id of a mapped type, except entities whose every mention
    lies inside another name or is a relative pronoun (left out), and groups of people named
    only by plural proper nouns ('Muslims'), whose names are NORP without a cluster."""
    _, report, _ = imported
    left_out = Counter(
        (p.doc_id, p.annotation_id.rsplit("-", 1)[1])
        for p in report.problems
        if p.code in ("name-overlap", "pronoun-not-annotated")
    )
    expected = 0
    for path in GUM.glob("*.conllu"):
        doc_id = "gum-" + path.stem.removeprefix("GUM_news_")
        text = path.read_text(encoding="utf-8")
        persons = set(re.findall(r"\((\d+)-person-", text))
        for gid, mentions in _mention_tags(path).items():
            groups = gid in persons and all(_group_name(words) for words in mentions)
            if left_out[(doc_id, gid)] < len(mentions) and not groups:
                expected += 1
    # The source's tags approximate the importer's group test (which looks at the name cut
    # from each mention): a group cluster missed here is at most one per group-to-NORP item.
    assert expected - report.converted["group-to-NORP"] <= report.kept["clusters"] <= expected


def test_identity_holds_for_the_whole_cluster(imported) -> None:
    _, _, docs = imported
    doc = docs["gum-afghan"]
    team = [m for m in doc.entities if m.entity == "afghan-girls-robotics-team"]
    assert len(team) > 3
    link = "https://en.wikipedia.org/wiki/Afghan_Girls_Robotics_Team"
    assert all(m.links == [link] for m in team)
    assert {m.mention_type for m in team} >= {"nominal", "pronoun"}
    assert all(m.label == "ORG" for m in team)


def test_metadata_dates_and_quotes_of_one_article(imported) -> None:
    _, _, docs = imported
    doc = docs["gum-afghan"]
    # The date line (Friday, July 21, 2017) wins over meta::dateCreated (2017-07-18).
    assert doc.meta.published == "2017-07-21" and doc.meta.published_source == "stated"
    assert "2017-07-18" in (doc.meta.published_note or "")
    assert doc.meta.url and doc.meta.url.startswith("https://en.wikinews.org/wiki/After_visa")
    assert doc.meta.license == "CC-BY-2.5" and "GUM" in (doc.meta.attribution or "")
    assert doc.text.startswith("After visa snags, all-girl Afghan team honored")
    friday = next(t for t in doc.dates if t.text == "Friday, July 21, 2017")
    assert (friday.type, friday.value) == ("DATE", "2017-07-21")
    q = doc.quotes[0]
    assert q.text.startswith("We are so interested because")
    assert (q.speaker, q.speaker_reason, q.type) == (None, "unknown", "direct")
    assert all(s.regions is None for s in doc.annotation.layers)


def test_a_source_error_is_corrected_by_its_erratum(imported) -> None:
    """GUM dates the election night's clock times 2010 in an article of 2016 about an
    election held on Sunday 2016-09-04: the errata correct those two values and nothing else."""
    _, report, docs = imported
    values = {t.text: t.value for t in docs["gum-election"].dates}
    assert values["Sunday"] == "2016-09-04"
    assert values["22:30"] == "2016-09-04T22:30:00"
    assert values["2:30 the next day"] == "2016-09-05T02:30:00"
    assert report.converted["source-erratum"] == 2
    assert not [p for p in report.problems if p.code == "erratum-unused"]


def test_an_erratum_the_source_no_longer_needs_changes_nothing(tmp_path: Path) -> None:
    """A source corrected upstream gives another value than the erratum expects: the import
    keeps the source's value and warns, naming the record."""
    src = tmp_path / "src"
    src.mkdir()
    election = (GUM / "GUM_news_election.conllu").read_text(encoding="utf-8")
    assert election.count('"2010-09-04T22:30:00"') == 1
    fixed = election.replace('"2010-09-04T22:30:00"', '"2016-09-04T22:00:00"')
    (src / "GUM_news_election.conllu").write_text(fixed, encoding="utf-8")
    report = importer("gum")(src, tmp_path / "corpus")
    assert report.documents == 1 and report.converted["source-erratum"] == 1
    unused = [p for p in report.problems if p.code == "erratum-unused"]
    assert [(p.doc_id, p.annotation_id, p.severity) for p in unused] == [
        ("gum-election", "48-19-date", "warning")
    ]
    assert "2010-09-04T22:30:00" in unused[0].render()
    (doc,) = read_documents(tmp_path / "corpus")
    values = {t.text: t.value for t in doc.dates}
    assert values["22:30"] == "2016-09-04T22:00:00"
    assert values["2:30 the next day"] == "2016-09-05T02:30:00"


def test_a_file_without_sentences_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "notes.conllu"
    src.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    report = importer("gum")(src, tmp_path / "corpus")
    assert report.documents == 0
    assert [p.code for p in report.problems] == ["import-malformed", "import-incomplete"]
    assert not (tmp_path / "corpus").exists()


def test_a_file_of_several_documents_gives_each_its_own(imported, tmp_path: Path) -> None:
    """The Universal Dependencies release of GUM puts many documents in one file."""
    _, _, docs = imported
    src = tmp_path / "src"
    src.mkdir()
    names = ["GUM_news_afghan", "GUM_news_asylum"]
    joined = "".join((GUM / f"{n}.conllu").read_text(encoding="utf-8") for n in names)
    (src / "en_gum-ud-news.conllu").write_text(joined, encoding="utf-8")
    report = importer("gum")(src, tmp_path / "corpus")
    assert report.documents == 2 and not any(p.severity == "error" for p in report.problems)
    got = {d.id: d for d in read_documents(tmp_path / "corpus")}
    assert sorted(got) == ["gum-afghan", "gum-asylum"]

    def spans(doc: Document) -> list[tuple[int, int, str, str | None]]:  # no Wikidata map here
        return [(m.start, m.end, m.label, m.entity) for m in doc.entities]

    for doc_id, doc in got.items():
        assert doc.text == docs[doc_id].text and doc.dates == docs[doc_id].dates
        assert spans(doc) == spans(docs[doc_id])


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (("Entity=1)|", ""), "'(1' at sentence 1, word 2 is never closed"),
        (("Entity=(1-event-", "Entity=(9-event-"), "'1)' at sentence 1, word 3 closes an entity"),
    ],
    ids=["opened, never closed", "closed, never opened"],
)
def test_an_unmatched_entity_bracket_refuses_the_file(
    tmp_path: Path, edit: tuple[str, str], said: str
) -> None:
    text = (GUM / "GUM_news_afghan.conllu").read_text(encoding="utf-8")
    assert edit[0] in text
    src = tmp_path / "GUM_news_afghan.conllu"
    src.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    report = importer("gum")(src, tmp_path / "corpus")
    assert report.documents == 0 and not (tmp_path / "corpus").exists()
    bad = [p for p in report.problems if p.code == "import-malformed"]
    assert any(p.doc_id == "gum-afghan" and said in p.render() for p in bad)
