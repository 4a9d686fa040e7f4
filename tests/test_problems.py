"""Problems keep their fields: positions and values are attributes, the message is rendered from
them, and they survive the trip to a worker process and back."""

from __future__ import annotations

import pickle
from dataclasses import replace

import pytest

from newsanno.errors import CATALOGUE, Problem, problem

WHERE = {"file": "corpus/annotations/d.json", "doc_id": "d", "annotation_id": "m1"}


def mismatch() -> Problem:
    return problem(
        "span-text-mismatch",
        **WHERE,
        layer="entities",
        start=3,
        end=9,
        expected="Moscow",
        actual="Moskow",
    )


def test_fields_are_attributes_and_the_message_says_them() -> None:
    p = mismatch()
    assert (p.layer, p.start, p.end, p.expected, p.actual) == ("entities", 3, 9, "Moscow", "Moskow")
    assert p.fields == {
        "layer": "entities",
        "start": 3,
        "end": 9,
        "expected": "Moscow",
        "actual": "Moskow",
    }
    assert p.severity == "error"
    assert p.render() == (
        "corpus/annotations/d.json:d:m1: span-text-mismatch: entities [3, 9) has text 'Moscow' "
        "in the document but 'Moskow' in the annotation"
    )


def test_a_problem_of_a_whole_file_renders_without_ids() -> None:
    p = problem("malformed-json", file="a.json", reason="unexpected end of data")
    assert p.render() == "a.json: malformed-json: unexpected end of data"


def test_ids_from_data_cannot_forge_a_line_or_colour_the_terminal() -> None:
    forged = "m1\ncorpus/annotations/x.json: ok: \x1b[32mall good\u2028"
    p = replace(mismatch(), annotation_id=forged, file="a\rb.json")
    line = p.render()
    assert line.isprintable()
    assert line.startswith("a\\rb.json:d:m1\\ncorpus/annotations/x.json: ok: \\x1b[32mall good")
    assert "\\u2028: span-text-mismatch: " in line
    assert p.to_dict()["annotation_id"] == forged  # JSON output keeps the value, escaped by JSON


def test_a_long_value_from_the_data_is_shown_shortened_and_kept_whole() -> None:
    """Regression: a span over a 100,000-character word printed a 100 KB problem line."""
    word = "a" * 50_000 + "b" * 50_000
    p = problem("span-cuts-word", **WHERE, layer="entities", start=3, end=9, word=word, at=5)
    line = p.render()
    assert len(line) < 600 and "[100,000 characters]" in line
    assert "'" + "a" * 300 + "..." in line and "..." + "b" * 60 + "'" in line
    assert p.word == word and p.to_dict()["word"] == word
    short = "x" * 400  # up to the limit, shown as it is
    assert short in problem("malformed-json", file="a.json", reason=short).render()


def test_a_field_the_code_does_not_take_is_no_attribute() -> None:
    with pytest.raises(AttributeError, match="'span-text-mismatch' problem has no field 'line'"):
        _ = mismatch().line


def test_problem_needs_every_field_its_message_names() -> None:
    with pytest.raises(TypeError, match="'actual' is missing"):
        problem("span-text-mismatch", layer="entities", start=3, end=9, expected="Moscow")


def test_further_values_are_kept_after_the_fields_of_the_code() -> None:
    p = problem("temporal-mention", **WHERE, label="time", source="GUM")
    assert (p.label, p.source, p.names) == ("time", "GUM", ("label", "source"))
    assert p.message == "a time mention belongs to the dates layer, not to entities"
    assert list(p.to_dict())[-3:] == ["label", "source", "message"]
    assert pickle.loads(pickle.dumps(p)) == p
    with pytest.raises(TypeError, match="reserved"):
        problem("temporal-mention", severity="warning")


def test_pickled_problems_are_equal_and_hash_alike() -> None:
    p = mismatch()
    q = pickle.loads(pickle.dumps(p))
    assert q == p and hash(q) == hash(p) and q.render() == p.render()
    assert q != replace(p, values=(*p.values[:-1], "Moskva"))
    assert len({p, q}) == 1


def test_a_problem_with_an_unhashable_value_still_hashes() -> None:
    p = problem("unknown-label", location="entities[0].label", value=["GPE"], allowed="'GPE'")
    assert p in {p} and pickle.loads(pickle.dumps(p)) == p
    assert p.message == "entities[0].label: ['GPE'] is not one of 'GPE'"


def test_a_note_follows_the_message() -> None:
    p = replace(mismatch(), annotation_id="T1", note="m1 once imported")
    assert p.render().endswith("in the annotation (m1 once imported)")
    assert p.to_dict()["note"] == "m1 once imported"
    assert "note" not in mismatch().to_dict()


@pytest.mark.parametrize("code", list(CATALOGUE))
def test_every_code_renders_from_its_fields_and_keeps_them_apart(code: str) -> None:
    """Every template is filled by exactly its fields, and no field shadows a fixed key."""
    t = CATALOGUE[code]
    values = {name: 0.5 for name in t.fields}
    d = problem(code, **WHERE, **values).to_dict()
    fixed = ["code", "severity", "file", "doc_id", "annotation_id"]
    assert list(d) == [*fixed, *t.fields, "message"]
    assert {k: d[k] for k in t.fields} == values
    assert (d["code"], d["severity"]) == (code, t.severity)
