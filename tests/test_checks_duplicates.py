"""``duplicate-annotation``: two records of a layer equal in every field but their ids, whatever
the fields hold (lists, nested models, nothing)."""

from __future__ import annotations

from typing import Any

from conftest import small_doc_dict
from newsanno.model.checks import validate_document


def duplicates(change: Any) -> list[str]:
    data = small_doc_dict()
    change(data)
    _, problems = validate_document(data)
    return [p.annotation_id for p in problems if p.code == "duplicate-annotation"]


def test_records_that_differ_only_in_a_list_are_not_duplicates() -> None:
    def add(links: list[str]) -> Any:
        def change(d: dict[str, Any]) -> None:
            d["entities"][0]["links"] = ["http://dbpedia.org/resource/Moscow"]
            d["entities"].append({**d["entities"][0], "id": "m9", "links": links})

        return change

    assert duplicates(add(["http://dbpedia.org/resource/Moscow"])) == ["m9"]
    assert duplicates(add([])) == []
    assert duplicates(add(["http://dbpedia.org/resource/Moscow", "urn:x"])) == []


def test_records_that_differ_only_inside_a_nested_model_are_not_duplicates() -> None:
    def add(cue_end: int) -> Any:
        def change(d: dict[str, Any]) -> None:
            quote = d["quotes"][0]
            cue = {**quote["cue"], "end": cue_end}
            cue["text"] = d["text"][cue["start"] : cue_end]
            d["quotes"].append({**quote, "id": "q9", "cue": cue})

        return change

    end = small_doc_dict()["quotes"][0]["cue"]["end"]
    assert duplicates(add(end)) == ["q9"]
    assert duplicates(add(end - 1)) == []


def test_claims_with_other_relations_are_not_duplicates() -> None:
    def add(relations: list[dict[str, str]]) -> Any:
        def change(d: dict[str, Any]) -> None:
            d["claims"].append({**d["claims"][1], "id": "c9", "relations": relations})

        return change

    assert duplicates(add([{"type": "denies", "target": "c1"}])) == ["c9"]
    assert duplicates(add([{"type": "supports", "target": "c1"}])) == []
    assert duplicates(add([])) == []


def test_a_missing_optional_value_is_a_value_like_any_other() -> None:
    def add(anchor: str | None) -> Any:
        return lambda d: d["dates"].append({**d["dates"][0], "id": "t9", "anchor": anchor})

    assert duplicates(add("document")) == ["t9"]
    assert duplicates(add(None)) == []
