"""The gold seed: byte-exact text, and the annotations the guidelines promise for it."""

from __future__ import annotations

import re

import pytest

from conftest import CORPUS, SEED_ID, SHARED
from newsanno.corpus import load_document
from newsanno.model import Document


@pytest.fixture(scope="module")
def seed() -> Document:
    loaded = load_document(CORPUS / "annotations" / f"{SEED_ID}.json")
    assert loaded.problems == []
    assert loaded.document is not None
    return loaded.document


def test_text_is_byte_exact_copy_of_the_source() -> None:
    source = SHARED / "seed_article.txt"
    if not source.exists():
        pytest.skip(f"{source} is absent (it is only on the project's own machines)")
    assert (CORPUS / "articles" / f"{SEED_ID}.txt").read_bytes() == source.read_bytes()


def test_keeps_the_scraped_furniture(seed: Document) -> None:
    assert seed.text.count("\u00a0") == 2
    assert "Live Story" in seed.text and "2 min read" in seed.text
    kinds = {z.kind for z in seed.zones}
    assert {"headline", "standfirst", "caption", "body", "boilerplate"} <= kinds
    boiler = {seed.text[z.start : z.end] for z in seed.zones if z.kind == "boilerplate"}
    assert boiler == {"2 min read", "Live Story"}


@pytest.mark.parametrize(
    "name",
    [
        "Russia",
        "Ukraine",
        "Kyiv",
        "Moscow",
        "Bucha",
        "West",
        "Kremlin",
        "Reuters",
        "Getty",
        "Vladimir Putin",
        "Dmitry Peskov",
        "Sergei Lavrov",
    ],
)
def test_every_occurrence_of_a_name_is_a_mention(seed: Document, name: str) -> None:
    starts = {m.start for m in seed.entities if m.text == name}
    found = [m.start() for m in re.finditer(rf"\b{re.escape(name)}\b", seed.text)]
    assert found, name
    assert set(found) <= starts, f"unannotated {name!r} at {sorted(set(found) - starts)}"


def test_relative_dates_resolve_against_publication(seed: Document) -> None:
    assert seed.meta.published == "2022-04-06"
    assert seed.meta.published_source == "inferred"
    values = {t.text: (t.type, t.value) for t in seed.dates}
    assert values["Wednesday"] == ("DATE", "2022-04-06")
    assert values["Tuesday"] == ("DATE", "2022-04-05")
    assert values["February\u00a024"] == ("DATE", "2022-02-24")


def test_peskov_quotes(seed: Document) -> None:
    peskov = [q for q in seed.quotes if q.type == "direct" and q.speaker == "peskov"]
    assert len(peskov) == 2
    first, second = sorted(peskov, key=lambda q: q.start)
    assert first.cue is not None and first.cue.text == "told" and first.speaker_explicit
    assert first.text.startswith("The only thing I can say")
    assert second.cue is None and not second.speaker_explicit
    assert second.text.startswith("There is a still a long road ahead")


@pytest.mark.parametrize(
    "fragment", ["derail", "hysteria", "monstrous forgery", "a special military operation"]
)
def test_partial_quotes(seed: Document, fragment: str) -> None:
    assert any(q.type == "mixed" and q.text == fragment for q in seed.quotes)


def test_denial_points_at_what_it_denies(seed: Document) -> None:
    by_id = {c.id: c for c in seed.claims}
    denials = [(c, by_id[r.target]) for c in seed.claims for r in c.relations if r.type == "denies"]
    assert any(
        c.claimant in {"moscow", "russia"} and "war crimes" in target.text for c, target in denials
    )


def test_claimants_cover_every_kind(seed: Document) -> None:
    claimants = {c.claimant for c in seed.claims}
    assert {"author", "unattributed", "lavrov"} <= claimants
    assert claimants & {"russia", "moscow"} and claimants & {"kyiv", "the-west"}


def test_pronouns_are_not_names(seed: Document) -> None:
    pronouns = {m.text for m in seed.entities if m.mention_type == "pronoun"}
    assert {"we", "it"} <= pronouns
    assert all(
        m.text[0].isupper()
        for m in seed.entities
        if m.mention_type == "name" and m.label != "CARDINAL"
    )
