"""Label Studio export and import: UTF-16 offsets, round trips, refusing a changed text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import orjson
import pytest

from conftest import SMALL_TEXT, small_doc_dict
from newsanno.cli import main
from newsanno.corpus import load_document, write_document
from newsanno.corpus.layout import annotation_path
from newsanno.formats import exporter, importer
from newsanno.formats.label_studio import (
    ATTRIBUTES,
    REGIONS,
    RELATIONS,
    document_to_task,
    labeling_config,
    result_to_layers,
)
from newsanno.formats.offsets import Utf16Offsets
from newsanno.formats.pipeline import span_budget
from newsanno.model import Document
from newsanno.model.document import Claim, EntityMention, Quote, Timex, Zone

EMOJI_TEXT = "\U0001f600 " + SMALL_TEXT


def test_utf16_offsets_count_an_emoji_as_two_units() -> None:
    offsets = Utf16Offsets(EMOJI_TEXT)
    # "😀" is one code point and two UTF-16 units: "Moscow" is [2, 8) in code points, [3, 9)
    # in UTF-16.
    assert (offsets.to_utf16(2), offsets.to_utf16(8)) == (3, 9)
    assert (offsets.from_utf16(3), offsets.from_utf16(9)) == (2, 8)
    with pytest.raises(ValueError, match="surrogate"):
        offsets.from_utf16(1)
    with pytest.raises(ValueError, match="outside"):
        offsets.from_utf16(len(EMOJI_TEXT) + 3)  # two emoji: the UTF-16 length is len + 2


def _emoji_doc(status: str = "gold") -> Document:
    data = small_doc_dict(EMOJI_TEXT)
    data["annotation"]["status"] = status
    data["entities"] = [
        {"id": "m1", "start": 2, "end": 8, "text": "Moscow", "label": "GPE", "entity": "russia"}
    ]
    return Document.model_validate({**data, "zones": [], "quotes": [], "claims": [], "dates": []})


def test_export_writes_utf16_offsets_after_an_emoji() -> None:
    task = document_to_task(_emoji_doc())
    labels = [r for r in task["annotations"][0]["result"] if r["type"] == "labels"]
    assert labels[0]["value"] == {"start": 3, "end": 9, "text": "Moscow", "labels": ["GPE"]}
    assert "predictions" not in task


def test_silver_documents_become_predictions() -> None:
    task = document_to_task(_emoji_doc("silver"))
    assert "annotations" not in task
    assert task["predictions"][0]["result"][0]["value"]["start"] == 3


def test_every_annotation_field_is_carried() -> None:
    """Fails when the schema grows a field this exporter does not know about."""
    structural = {"id", "start", "end", "text"}
    links = {layer: {f for lay, f in RELATIONS.values() if lay == layer} for layer in REGIONS}
    links["dates"].add("anchor")
    models = {
        "zones": Zone,
        "entities": EntityMention,
        "quotes": Quote,
        "claims": Claim,
        "dates": Timex,
    }
    for layer, model in models.items():
        label = {REGIONS[layer][1]} - {None}
        carried = structural | label | links[layer] | {f for f, _, _ in ATTRIBUTES[layer]}
        assert set(model.model_fields) <= carried, layer


def test_labeling_config_has_a_control_for_each_tag() -> None:
    root = ET.fromstring(labeling_config())
    names = {el.get("name") for el in root}
    assert {"entity", "quote", "cue", "claim", "date", "zone", "cluster", "timex_value"} <= names
    entity_labels = [el.get("value") for el in root.find("Labels[@name='entity']")]
    assert entity_labels[:2] == ["PERSON", "NORP"] and len(entity_labels) == 18
    relations = [el.get("value") for el in root.find("Relations")]
    assert relations == [
        "cue",
        "speaker",
        "claimant",
        "reported_by",
        "denies",
        "supports",
        "anchor",
    ]


def _ui_task(text: str, start: int, end: int) -> dict:
    """A task as a Label Studio export gives it after an annotator drew one region."""
    return {
        "id": 7,
        "data": {"text": text, "newsanno": {"id": "small-doc"}},
        "annotations": [
            {
                "id": 3,
                "completed_by": {"id": 1, "email": "ann@example.org"},
                "was_cancelled": False,
                "result": [
                    {
                        "id": "Xk3_9Lp:a",
                        "from_name": "entity",
                        "to_name": "text",
                        "type": "labels",
                        "value": {"start": start, "end": end, "text": "Moscow", "labels": ["GPE"]},
                    },
                    {
                        "id": "Xk3_9Lp:a",
                        "from_name": "cluster",
                        "to_name": "text",
                        "type": "textarea",
                        "value": {"start": start, "end": end, "text": [" russia "]},
                    },
                ],
            }
        ],
    }


def _corpus_with(tmp_path: Path, doc: Document) -> Path:
    corpus = tmp_path / "corpus"
    write_document(corpus, doc)
    return corpus


def test_import_converts_utf16_back_and_names_the_annotator(tmp_path: Path) -> None:
    doc = _emoji_doc()
    corpus = _corpus_with(tmp_path, doc.model_copy(update={"entities": []}))
    src = tmp_path / "export.json"
    src.write_bytes(orjson.dumps([_ui_task(EMOJI_TEXT, 3, 9)]))
    report = importer("label-studio")(src, corpus)
    assert report.problems == [] and report.documents == 1
    loaded = load_document(annotation_path(corpus, "small-doc")).document
    assert loaded is not None
    (m,) = loaded.entities
    assert (m.id, m.start, m.end, m.text, m.entity) == ("m1", 2, 8, "Moscow", "russia")
    assert loaded.annotation.annotators == ["label-studio:ann@example.org"]
    assert loaded.annotation.status == "gold"


def test_import_refuses_offsets_inside_a_surrogate_pair(tmp_path: Path) -> None:
    corpus = _corpus_with(tmp_path, _emoji_doc())
    src = tmp_path / "export.json"
    src.write_bytes(orjson.dumps([_ui_task(EMOJI_TEXT, 1, 9)]))
    report = importer("label-studio")(src, corpus)
    assert [p.code for p in report.problems] == ["import-unaligned", "import-incomplete"]
    assert report.documents == 0


def test_import_refuses_a_text_that_differs_from_the_corpus(tmp_path: Path, capsys) -> None:
    doc = _emoji_doc()
    corpus = _corpus_with(tmp_path, doc)
    before = annotation_path(corpus, doc.id).read_bytes()
    changed = EMOJI_TEXT.replace("denies", "denied")
    src = tmp_path / "export.json"
    src.write_bytes(orjson.dumps([_ui_task(changed, 3, 9)]))
    assert main(["import", "label-studio", str(src), "--out", str(corpus)]) == 1
    out = capsys.readouterr().out
    assert ":small-doc::import-text-mismatch:" in out.replace(" ", "")
    assert annotation_path(corpus, doc.id).read_bytes() == before
    p, incomplete = importer("label-studio")(src, corpus).problems
    assert incomplete.code == "import-incomplete"
    # first difference: "denies" starts at code point 9, its final "s" at 14.
    assert (p.code, p.doc_id, p.offset) == ("import-text-mismatch", "small-doc", 14)
    assert annotation_path(corpus, doc.id).read_bytes() == before


def test_export_then_import_through_files_leaves_the_corpus_unchanged(
    small_corpus: Path, tmp_path: Path
) -> None:
    before = annotation_path(small_corpus, "small-doc").read_bytes()
    out = tmp_path / "ls"
    report = exporter("label-studio")(small_corpus, out)
    assert report.documents == 1 and report.kept["entities"] == 2
    assert (out / "config.xml").exists()
    back = importer("label-studio")(out / "tasks.json", small_corpus)
    assert back.problems == [] and back.documents == 1
    assert annotation_path(small_corpus, "small-doc").read_bytes() == before


def test_unknown_relation_label_and_broken_items_are_coded(tmp_path: Path) -> None:
    corpus = _corpus_with(tmp_path, _emoji_doc())
    task = _ui_task(EMOJI_TEXT, 3, 9)
    result = task["annotations"][0]["result"]
    result.append({"type": "relation", "from_id": "a", "to_id": "b", "labels": ["causes"]})
    result.append({"type": "labels", "value": {"start": 3, "end": 9, "text": "Moscow"}})
    src = tmp_path / "export.json"
    src.write_bytes(orjson.dumps([task]))
    report = importer("label-studio")(src, corpus)
    assert [p.code for p in report.problems] == [
        "import-malformed",
        "import-malformed",
        "import-incomplete",
    ]
    assert "'causes'" in report.problems[0].message and report.documents == 0


def test_an_export_that_is_not_utf8_names_the_offset(tmp_path: Path) -> None:
    """Regression: bytes that are not UTF-8 were reported as malformed JSON, with no offset."""
    corpus = _corpus_with(tmp_path, _emoji_doc())
    src = tmp_path / "export.json"
    src.write_bytes(orjson.dumps([_ui_task(EMOJI_TEXT, 3, 9)]).replace(b"Moscow", b"Mosc\xf6w"))
    problems = importer("label-studio")(src, corpus).problems
    assert [p.code for p in problems] == ["not-utf8", "import-incomplete"]
    assert "offset" in problems[0].message


# --- results and tasks of the wrong shape -----------------------------------------------------


def _import(tmp_path: Path, tasks: object) -> tuple[list, Path, bytes]:
    """Import ``tasks`` into a corpus holding the emoji document; the problems, the annotation
    file and its bytes before the import."""
    corpus = _corpus_with(tmp_path, _emoji_doc())
    path = annotation_path(corpus, "small-doc")
    before = path.read_bytes()
    src = tmp_path / "export.json"
    src.write_bytes(orjson.dumps(tasks))
    return importer("label-studio")(src, corpus).problems, path, before


def _region(rid: str, start: int, end: int, text: str, labels: object) -> dict:
    value = {"start": start, "end": end, "text": text, "labels": labels}
    return {"id": rid, "from_name": "entity", "to_name": "text", "type": "labels", "value": value}


def test_a_second_region_with_one_id_is_malformed(tmp_path: Path) -> None:
    """Regression: the second region silently replaced the first."""
    task = _ui_task(EMOJI_TEXT, 3, 9)
    start = EMOJI_TEXT.index("Peskov") + 1  # one emoji before it: one more UTF-16 unit
    task["annotations"][0]["result"].append(
        _region("Xk3_9Lp:a", start, start + 6, "Peskov", ["PERSON"])
    )
    problems, path, before = _import(tmp_path, [task])
    assert [(p.code, p.doc_id, p.annotation_id) for p in problems] == [
        ("import-malformed", "small-doc", "Xk3_9Lp:a"),
        ("import-incomplete", "", ""),
    ]
    assert "annotations[0].result[2]: region Xk3_9Lp:a is already given by" in problems[0].message
    assert path.read_bytes() == before


def test_a_control_given_twice_for_one_region_is_malformed(tmp_path: Path) -> None:
    task = _ui_task(EMOJI_TEXT, 3, 9)
    result = task["annotations"][0]["result"]
    result.append({**result[1], "value": {"start": 3, "end": 9, "text": ["moscow"]}})
    problems, _, _ = _import(tmp_path, [task])
    assert [(p.code, p.annotation_id) for p in problems][0] == ("import-malformed", "Xk3_9Lp:a")
    assert "control cluster of region Xk3_9Lp:a" in problems[0].message


@pytest.mark.parametrize("result", [None, {}, "x", "absent"])
def test_a_result_that_is_not_a_list_deletes_nothing(tmp_path: Path, result: object) -> None:
    """Regression: ``"result": null`` imported as no annotations, deleting every layer."""
    task = _ui_task(EMOJI_TEXT, 3, 9)
    if result == "absent":
        del task["annotations"][0]["result"]
    else:
        task["annotations"][0]["result"] = result
    problems, path, before = _import(tmp_path, [task])
    assert [(p.code, p.doc_id) for p in problems] == [
        ("import-malformed", "small-doc"),
        ("import-incomplete", ""),
    ]
    assert problems[0].message.startswith("task 0 (id 7): annotations[0]")
    assert path.read_bytes() == before


def test_a_region_with_several_labels_keeps_the_first_and_says_so(tmp_path: Path) -> None:
    task = _ui_task(EMOJI_TEXT, 3, 9)
    task["annotations"][0]["result"][0]["value"]["labels"] = ["GPE", "LOC"]
    problems, path, _ = _import(tmp_path, [task])
    assert [(p.code, p.annotation_id, p.severity) for p in problems] == [
        ("import-dropped", "Xk3_9Lp:a", "warning")
    ]
    assert "'LOC'" in problems[0].message and "'GPE'" in problems[0].message
    loaded = load_document(path).document
    assert loaded is not None and [m.label for m in loaded.entities] == ["GPE"]


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (("value", "labels"), "GPE"),
        (("value", "labels"), []),
        (("value", "start"), 3.5),
        (("value", "start"), "3"),
        (("value", "start"), True),
        (("value", "end"), None),
        (("value",), None),
        (("id",), 5),
    ],
)
def test_a_region_of_the_wrong_shape_is_malformed(
    tmp_path: Path, edit: tuple[str, ...], said: object
) -> None:
    """Regression: ``"labels": "GPE"`` became the label 'G'; ``"start": 3.5`` was said to split
    a surrogate pair; others gave Python's messages."""
    task = _ui_task(EMOJI_TEXT, 3, 9)
    item = task["annotations"][0]["result"][0]
    *parents, key = edit
    for name in parents:
        item = item[name]
    item[key] = said
    problems, path, before = _import(tmp_path, [task])
    assert [(p.code, p.doc_id) for p in problems][:1] == [("import-malformed", "small-doc")]
    message = problems[0].message
    assert message.startswith(f"annotations[0].result[0]: {'.'.join(edit)} is")
    assert "surrogate" not in message and "Error" not in message
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        ({"annotations": {"result": []}}, "task 0 (id 7): annotations is an object, not a list"),
        ({"annotations": [[]]}, "task 0 (id 7): annotations[0] is a list, not an object"),
        ({"predictions": "x", "annotations": []}, "task 0 (id 7): predictions is a string"),
        ({"data": {"text": "x", "newsanno": "x"}}, "task 0 (id 7): data.newsanno is a string"),
        ({"data": None}, "task 0 (id 7): data is null, not an object"),
    ],
)
def test_a_task_of_the_wrong_shape_is_named_by_its_place(
    tmp_path: Path, edit: dict, said: str
) -> None:
    """Regression: these gave ``task ?: AttributeError: ...``."""
    task = {**_ui_task(EMOJI_TEXT, 3, 9), **edit}
    problems, path, before = _import(tmp_path, [task])
    assert [p.code for p in problems] == ["import-malformed", "import-incomplete"]
    assert problems[0].message.startswith(said)
    assert path.read_bytes() == before


def test_a_relation_between_ids_that_are_not_strings_is_malformed(tmp_path: Path) -> None:
    """Regression: it was left out with no problem."""
    task = _ui_task(EMOJI_TEXT, 3, 9)
    task["annotations"][0]["result"].append({"type": "relation", "from_id": 5, "to_id": None})
    problems, _, _ = _import(tmp_path, [task])
    assert [p.code for p in problems] == ["import-malformed", "import-incomplete"]
    assert problems[0].message == "annotations[0].result[2]: from_id is an integer, not a string"


def test_a_file_without_tasks_is_nothing_found(tmp_path: Path) -> None:
    """Regression: ``[]`` imported nothing and succeeded."""
    problems, path, before = _import(tmp_path, [])
    assert [p.code for p in problems] == ["import-nothing-found", "import-incomplete"]
    assert problems[0].file.endswith("export.json")
    assert path.read_bytes() == before


def _said(rid: str, tag: str, label: str, word: str) -> dict:
    start = SAID.index(word)
    value = {"start": start, "end": start + len(word), "text": word, "labels": [label]}
    return {"id": rid, "from_name": tag, "to_name": "text", "type": "labels", "value": value}


def _relation(source: str, target: str, label: str) -> dict:
    return {"type": "relation", "from_id": source, "to_id": target, "labels": [label]}


SAID = 'Putin said "we will win" and Moscow agreed.'
QUOTE = _said("q1", "quote", "direct", "we will win")


@pytest.mark.parametrize(
    ("second", "label"),
    [
        (_said("k2", "cue", "cue", "agreed"), "cue"),
        (_said("m2", "entity", "GPE", "Moscow"), "speaker"),
    ],
)
def test_a_second_single_relation_is_malformed(second: dict, label: str) -> None:
    """Regression: the last cue or speaker relation of a quote silently replaced the others
    (brat refuses the same)."""
    first = (
        _said("k1", "cue", "cue", "said")
        if label == "cue"
        else _said("m1", "entity", "PERSON", "Putin")
    )
    result = [
        QUOTE,
        first,
        second,
        _relation("q1", first["id"], label),
        _relation("q1", second["id"], label),
    ]
    problems: list = []
    result_to_layers(result, SAID, "t.json", "d", problems, span_budget(Path("t.json"), 0))
    assert [(p.code, p.annotation_id) for p in problems] == [("import-malformed", "q1")]
    assert f"a second {label} relation, to {second['id']}" in problems[0].message


def test_a_cue_linked_to_no_quote_is_reported() -> None:
    problems: list = []
    result = [QUOTE, _said("k1", "cue", "cue", "said")]
    layers = result_to_layers(result, SAID, "t.json", "d", problems, span_budget(Path("t.json"), 0))
    assert [(p.code, p.annotation_id) for p in problems] == [("import-dropped", "k1")]
    assert layers["quotes"][0].get("cue") is None


def _mixed_provenance(tmp_path: Path) -> Path:
    """A gold document whose dates are unchecked extractor output, whose entities two people
    annotated, and whose quotes and claims nobody annotated."""
    d = small_doc_dict()
    d["quotes"], d["claims"] = [], []
    d["annotation"]["layers"] = [
        {"layer": "zones"},
        {"layer": "entities", "annotators": ["ana", "ben"], "method": "adjudicated"},
        {"layer": "dates", "status": "silver", "method": "automatic", "annotators": ["dates"]},
    ]
    return _corpus_with(tmp_path, Document.model_validate(d))


# imported back into the corpus it came from, or into a new one (the export's record is then
# all there is to compare with)
INTO = pytest.mark.parametrize("into", ["the same corpus", "a new corpus"])


@INTO
def test_an_unedited_round_trip_keeps_each_layers_provenance(tmp_path: Path, into: str) -> None:
    """Silver stays silver, undeclared stays undeclared: nobody checked anything in the tool."""
    corpus = _mixed_provenance(tmp_path)
    before = annotation_path(corpus, "small-doc").read_bytes()
    exporter("label-studio")(corpus, tmp_path / "ls")
    target = corpus if into == "the same corpus" else tmp_path / "new"
    back = importer("label-studio")(tmp_path / "ls" / "tasks.json", target)
    assert back.problems == [] and back.documents == 1
    assert annotation_path(target, "small-doc").read_bytes() == before


@INTO
def test_a_layer_edited_in_the_tool_is_the_tools_and_the_others_keep_theirs(
    tmp_path: Path, into: str
) -> None:
    corpus = _mixed_provenance(tmp_path)
    exporter("label-studio")(corpus, tmp_path / "ls")
    tasks = orjson.loads((tmp_path / "ls" / "tasks.json").read_bytes())
    (annotation,) = tasks[0]["annotations"]
    annotation["completed_by"] = {"email": "cy@example.org"}
    annotation["result"] = [r for r in annotation["result"] if r.get("id") != "t1"]
    (tmp_path / "ls" / "tasks.json").write_bytes(orjson.dumps(tasks))
    target = corpus if into == "the same corpus" else tmp_path / "new"
    back = importer("label-studio")(tmp_path / "ls" / "tasks.json", target)
    assert back.problems == [] and back.documents == 1
    loaded = load_document(annotation_path(target, "small-doc")).document
    assert loaded is not None and loaded.dates == []
    prov = loaded.annotation
    scopes = {s.layer: prov.effective(s) for s in prov.layers}
    assert sorted(scopes) == ["dates", "entities", "zones"]
    assert (scopes["dates"].annotators, scopes["dates"].status) == (
        ["label-studio:cy@example.org"],
        "gold",
    )
    entities = scopes["entities"]
    assert (entities.annotators, entities.status, entities.method) == (
        ["ana", "ben"],
        "gold",
        "adjudicated",
    )
    assert (scopes["zones"].annotators, scopes["zones"].guideline_version) == (["test"], "1.0")


def test_provenance_recorded_wrongly_in_the_export_is_not_taken(tmp_path: Path) -> None:
    """The export's record is read from the file like the rest: invalid, it is left aside and
    the layers are the tool's, as they were before the record was read."""
    corpus = _mixed_provenance(tmp_path)
    exporter("label-studio")(corpus, tmp_path / "ls")
    tasks = orjson.loads((tmp_path / "ls" / "tasks.json").read_bytes())
    tasks[0]["data"]["newsanno"]["annotation"]["status"] = "approved"
    (tmp_path / "ls" / "tasks.json").write_bytes(orjson.dumps(tasks))
    back = importer("label-studio")(tmp_path / "ls" / "tasks.json", tmp_path / "new")
    assert back.problems == [] and back.documents == 1
    loaded = load_document(annotation_path(tmp_path / "new", "small-doc")).document
    assert loaded is not None
    assert {loaded.annotation.effective(s).status for s in loaded.annotation.layers} == {"gold"}
