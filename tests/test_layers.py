"""The layer table: it agrees with the schema, and a layer registered in it alone (with its model)
is checked, released, withheld from a public release, counted and written like the others."""

from __future__ import annotations

from typing import Any, Literal, get_args, get_origin

import pytest
from pydantic import Field

from conftest import SMALL_TEXT, small_doc_dict, span
from newsanno.corpus.writer import annotation_json
from newsanno.model import layers
from newsanno.model.checks import check_document
from newsanno.model.document import Cue, Document, DocumentBody, Extent, Id, LayerScope, Provenance
from newsanno.model.document import Span as SpanModel
from newsanno.model.labels import LAYERS
from newsanno.model.layers import LayerSpec, layer_names
from newsanno.release.arrow import CONFIGS, SCHEMAS
from newsanno.release.rows import config_rows, withheld
from newsanno.release.stats import Stats
from newsanno.viewer.article import render_document


def test_the_table_lists_the_schema_layers_in_order() -> None:
    assert layer_names() == LAYERS
    fields = {}
    for name, info in DocumentBody.model_fields.items():
        (item,) = get_args(info.annotation) or (None,)
        if get_origin(info.annotation) is list and issubclass(item, Extent):
            fields[name] = item
    assert fields == {spec.name: spec.model for spec in layers.TABLE}


def test_the_table_names_release_columns_that_exist() -> None:
    fed = [spec.config for spec in layers.TABLE if spec.config]
    assert CONFIGS == ("documents", *fed) == tuple(SCHEMAS)
    for spec in layers.TABLE:
        assert set(spec.text_columns) <= set(SCHEMAS[spec.config].names if spec.config else ())
        assert spec.label is None or spec.label in spec.model.model_fields
    prefixes = [spec.id_prefix for spec in layers.TABLE]
    assert len(set(prefixes)) == len(prefixes)


def test_text_carrying_spans_are_found_from_the_models() -> None:
    paths = {spec.name: spec.span_paths for spec in layers.TABLE}
    assert paths == {
        "zones": (),
        "entities": ((),),
        "quotes": ((), ("cue",)),
        "claims": ((),),
        "dates": ((),),
    }


# --- a toy layer, declared in a test only ---------------------------------------------------


class Topic(SpanModel):
    id: Id
    topic: str
    trigger: Cue | None = None
    scores: dict[str, float] = Field(default_factory=dict)  # a value no tuple can hash


class ToyScope(LayerScope):
    layer: Literal[(*LAYERS, "topics")]  # type: ignore[valid-type]


class ToyProvenance(Provenance):
    layers: list[ToyScope]  # type: ignore[assignment]


class ToyDocument(Document):
    annotation: ToyProvenance
    topics: list[Topic] = Field(default_factory=list)


TOPICS = LayerSpec("topics", Topic, id_prefix="tp", label="topic")


@pytest.fixture
def toy_layer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layers, "TABLE", (*layers.TABLE, TOPICS))


def toy_dict(**changes: Any) -> dict[str, Any]:
    d = small_doc_dict()
    text = d["text"]
    d["annotation"]["layers"].append({"layer": "topics"})
    topic = {"id": "tp1", **span(text, "talks are dragging"), "topic": "diplomacy"}
    d["topics"] = [{**topic, "trigger": span(text, "said")}]
    d["meta"]["redistribution"] = "annotations-only"
    return {**d, **changes}


def codes(d: dict[str, Any]) -> list[tuple[str, str, str]]:
    problems = check_document(ToyDocument.model_validate(d))
    return [(p.code, p.annotation_id, p.message) for p in problems]


def test_a_registered_layer_is_checked(toy_layer: None) -> None:
    good = toy_dict()
    assert codes(good) == []
    text, (topic,) = good["text"], good["topics"]

    beyond = {**topic, "start": 0, "end": len(text) + 3, "text": text + "..."}
    assert [(c, a) for c, a, _ in codes(toy_dict(topics=[beyond]))] == [
        ("span-out-of-bounds", "tp1")
    ]
    shifted = {**topic, "trigger": {**topic["trigger"], "text": "sai"}}
    ((code, ann, message),) = codes(toy_dict(topics=[shifted]))
    assert (code, ann) == ("span-text-mismatch", "tp1") and "topics" in message
    assert [c for c, _, _ in codes(toy_dict(topics=[{**topic, "id": "m1"}]))] == ["duplicate-id"]
    twin = codes(toy_dict(topics=[topic, {**topic, "id": "tp2"}]))
    assert [(c, a) for c, a, _ in twin] == [("duplicate-annotation", "tp2")]
    scored = {**topic, "scores": {"diplomacy": 0.9}}
    twin = codes(toy_dict(topics=[scored, {**scored, "id": "tp2"}]))
    assert [(c, a) for c, a, _ in twin] == [("duplicate-annotation", "tp2")]
    other = {**scored, "id": "tp2", "scores": {"diplomacy": 0.8}}
    assert codes(toy_dict(topics=[scored, other])) == []

    undeclared = toy_dict()
    undeclared["annotation"]["layers"].pop()
    assert [c for c, _, _ in codes(undeclared)] == ["layer-not-declared"]
    narrow = toy_dict()
    narrow["annotation"]["layers"][-1]["regions"] = [{"start": 0, "end": 17}]
    assert [(c, a) for c, a, _ in codes(narrow)] == [("outside-scope", "tp1")]


def test_an_unregistered_layer_is_not_checked() -> None:
    """The control for the test above: it is the table entry that brings the checks."""
    d = toy_dict()
    d["topics"][0]["end"] = len(d["text"]) + 3
    assert codes(d) == []


def test_a_registered_layer_is_released_and_withheld(toy_layer: None) -> None:
    doc = ToyDocument.model_validate(toy_dict())
    rows, _ = config_rows(doc, withhold=False)
    (topic,) = rows["documents"][0]["topics"]
    assert (topic["text"], topic["trigger"]["text"]) == ("talks are dragging", "said")

    assert withheld(doc, public=True)
    rows, _ = config_rows(doc, withhold=True)
    (topic,) = rows["documents"][0]["topics"]
    assert (topic["start"], topic["topic"]) == (doc.topics[0].start, "diplomacy")
    assert (topic["text"], topic["trigger"]["text"]) == (None, None)
    assert rows["documents"][0]["text"] is None


def test_a_registered_layer_is_counted(toy_layer: None) -> None:
    stats = Stats()
    stats.add(ToyDocument.model_validate(toy_dict()), "train")
    assert stats.labels[("topics", "diplomacy")] == 1
    assert "| topics | diplomacy | 1 | 1 |" in stats.stats_table()
    key = ("text", "topics", "test", "gold", "", "")
    assert stats.provenance[(key, "annotations")] == 1
    row = f"| text | topics | test | gold | - | - | 1 | {len(SMALL_TEXT)} | 1 |"
    assert row in stats.provenance_table()


def test_a_registered_layer_is_written_and_shown(toy_layer: None) -> None:
    doc = ToyDocument.model_validate(toy_dict())
    lines = annotation_json(doc).decode().splitlines()
    assert lines[-3].startswith('    {"id":"tp1"') and lines[-4] == '  "topics": ['
    assert 'data-layer="topics" checked> topics (1)' in render_document(doc)
