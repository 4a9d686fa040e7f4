"""The columnar fast path against the model path, document by document.

A document the fast path (``corpus.batch.read_batch``) passes must be one the model path
(``corpus.reader.load_document``: pydantic plus ``check_document``) reports nothing for; a
document it flags is read by the model path. So on any corpus both must report the same
problems for every document. Corpora here: synthetic documents and the repository's corpus,
each mutated by seeded edits of every kind the checks know (and by hypothesis)."""

from __future__ import annotations

import copy
import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import AfterValidator, BaseModel

from conftest import CORPUS
from newsanno.corpus.batch import read_batch
from newsanno.corpus.layout import annotation_path, text_path
from newsanno.corpus.reader import corpus_ids, load_entry, sha256_text
from newsanno.model import checks, document
from newsanno.model.fast_checks import MIRRORED_CHECKS, MIRRORED_VALIDATORS
from newsanno.synth import write_synthetic_corpus

Doc = dict[str, Any]


def outcome(loaded: Any) -> list[tuple[str, str, str, str]]:
    return sorted((p.code, p.doc_id, p.annotation_id, p.message) for p in loaded.problems)


def compare(corpus: Path, ids: list[str] | None = None) -> tuple[int, set[str], set[str]]:
    """Assert the fast and the model path agree on every document; return how many the fast
    path passed, the codes the model path found, and the ids the fast path flagged."""
    ann_ids, txt_ids = corpus_ids(corpus)
    orphans = frozenset(set(txt_ids) - set(ann_ids))
    ids = ids or sorted(set(ann_ids) | orphans)
    batch = read_batch(corpus, ids, orphans)
    codes: set[str] = set()
    flagged = set()
    for doc_id, slot, loaded in zip(ids, batch.slots, batch.loaded, strict=True):
        model = load_entry(corpus, doc_id, orphan=doc_id in orphans)
        codes.update(p.code for p in model.problems)
        if slot >= 0:
            assert loaded is None
            assert model.problems == [], f"{doc_id}: fast path passed {outcome(model)}"
            assert model.document is not None
        else:
            flagged.add(doc_id)
            assert outcome(loaded) == outcome(model), doc_id
    return len(ids) - len(flagged), codes, flagged


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic_corpus(tmp_path_factory.mktemp("synth") / "c", 60, seed=3, workers=1)


def test_clean_documents_pass_the_fast_path(synth: Path) -> None:
    passed, codes, flagged = compare(synth)
    assert codes == set() and flagged == set() and passed == 60


def test_the_repository_corpus_agrees() -> None:
    passed, codes, flagged = compare(CORPUS)
    # the one span that cuts a word is a warning, and the only document re-read
    assert codes == {"span-cuts-word"}
    assert len(flagged) == 1 and passed == len(corpus_ids(CORPUS)[0]) - 1


# --- seeded mutations ------------------------------------------------------------------------

SPAN_LAYERS = ("entities", "quotes", "claims", "dates")


def _any(rng: random.Random, doc: Doc, layers: tuple[str, ...] = SPAN_LAYERS) -> Doc:
    layer = rng.choice([x for x in layers if doc.get(x)])
    return rng.choice(doc[layer])


def _retext(doc: Doc, text: str, item: Doc) -> None:
    item["text"] = text[item["start"] : item["end"]]


def shift(rng: random.Random, doc: Doc, text: str) -> None:
    item = _any(rng, doc)
    k = rng.choice([-2, -1, 1, 3])
    item["start"] = max(0, item["start"] + k)
    item["end"] += k


def break_text(rng: random.Random, doc: Doc, text: str) -> None:
    item = _any(rng, doc)
    item["text"] = item["text"][:-1] + ("x" if item["text"][-1] != "x" else "y")


def cut_word(rng: random.Random, doc: Doc, text: str) -> None:
    item = _any(rng, doc, ("entities",))
    if item["end"] - item["start"] > 1:
        item["start"] += 1
        _retext(doc, text, item)


def edge_space(rng: random.Random, doc: Doc, text: str) -> None:
    item = _any(rng, doc)
    if item["end"] < len(text) and text[item["end"]].isspace():
        item["end"] += 1
        _retext(doc, text, item)


def out_of_bounds(rng: random.Random, doc: Doc, text: str) -> None:
    item = _any(rng, doc, (*SPAN_LAYERS, "zones"))
    item["end"] = len(text) + rng.randint(1, 5)


def duplicate_id(rng: random.Random, doc: Doc, text: str) -> None:
    a, b = _any(rng, doc), _any(rng, doc, ("zones", "entities"))
    if a is not b:
        a["id"] = b["id"]


def duplicate_annotation(rng: random.Random, doc: Doc, text: str) -> None:
    layer = rng.choice([x for x in (*SPAN_LAYERS, "zones") if doc.get(x)])
    copy_ = copy.deepcopy(rng.choice(doc[layer]))
    copy_["id"] = "dup1"
    doc[layer].append(copy_)


def dangling(rng: random.Random, doc: Doc, text: str) -> None:
    choices = []
    if doc.get("quotes"):
        choices.append(("quotes", "speaker"))
    if doc.get("claims"):
        choices += [("claims", "claimant"), ("claims", "reported_by")]
    if doc.get("dates"):
        choices.append(("dates", "anchor"))
    layer, field = rng.choice(choices)
    item = rng.choice(doc[layer])
    item[field] = rng.choice(["nobody", item["id"]])
    if layer == "quotes":
        item.pop("speaker_reason", None)


def bad_relation(rng: random.Random, doc: Doc, text: str) -> None:
    if doc.get("claims"):
        claim = rng.choice(doc["claims"])
        claim["relations"] = [{"type": "denies", "target": rng.choice([claim["id"], "c999"])}]


def reserved_cluster(rng: random.Random, doc: Doc, text: str) -> None:
    _any(rng, doc, ("entities",))["entity"] = rng.choice(["author", "unattributed"])


def anchor_cycle(rng: random.Random, doc: Doc, text: str) -> None:
    if len(doc.get("dates", [])) >= 2:
        a, b = rng.sample(doc["dates"], 2)
        a["anchor"], b["anchor"] = b["id"], a["id"]


def anchor_chain(rng: random.Random, doc: Doc, text: str) -> None:
    """Valid: a date anchored on a date anchored on a date, no cycle."""
    if len(doc.get("dates", [])) >= 3:
        a, b, c = rng.sample(doc["dates"], 3)
        a["anchor"], b["anchor"], c["anchor"] = b["id"], c["id"], "document"


def kb_conflict(rng: random.Random, doc: Doc, text: str) -> None:
    clusters: dict[str, list[Doc]] = {}
    for m in doc.get("entities", []):
        if m.get("entity"):
            clusters.setdefault(m["entity"], []).append(m)
    many = [ms for ms in clusters.values() if len(ms) > 1]
    if many:
        a, b = rng.sample(rng.choice(many), 2)
        a["kb_id"], b["kb_id"] = "Q1", "Q2"


def zone_overlap(rng: random.Random, doc: Doc, text: str) -> None:
    if len(doc.get("zones", [])) >= 2:
        a, b = doc["zones"][0], doc["zones"][1]
        b["start"] = max(a["start"], a["end"] - 1)


def bad_enum(rng: random.Random, doc: Doc, text: str) -> None:
    target = rng.choice(["label", "kind", "type", "status", "layer", "source"])
    if target == "label":
        _any(rng, doc, ("entities",))["label"] = "PERSONS"
    elif target == "kind":
        _any(rng, doc, ("zones",))["kind"] = "footer"
    elif target == "type":
        _any(rng, doc, ("quotes", "dates"))["type"] = "direct-ish"
    elif target == "status":
        doc["annotation"]["status"] = "platinum"
    elif target == "layer":
        doc["annotation"]["layers"][0]["layer"] = "tokens"
    else:
        doc["meta"]["published_source"] = "guessed"


def bad_pattern(rng: random.Random, doc: Doc, text: str) -> None:
    target = rng.choice(["id", "kb", "url", "lang", "sha", "mod", "entity"])
    if target == "id":
        _any(rng, doc)["id"] = rng.choice(["bad id", "-x", "a" * 129, "x\n"])
    elif target == "kb":
        _any(rng, doc, ("entities",))["kb_id"] = rng.choice(["Q0", "q5", "Q12x"])
    elif target == "url":
        doc["meta"]["url"] = rng.choice(
            [
                "ftp://example.org/a",
                "https://example.org/a\u00a0b",
                "https://a\x0bb",
                "https://é.fr",
            ]
        )
    elif target == "lang":
        doc["meta"]["language"] = "EN"
    elif target == "sha":
        doc["text_sha256"] = doc["text_sha256"].upper()
    elif target == "mod":
        _any(rng, doc, ("dates",))["mod"] = "less than"
    else:
        _any(rng, doc, ("entities",))["entity"] = "e 1"


def extra_field(rng: random.Random, doc: Doc, text: str) -> None:
    where = rng.choice(["top", "meta", "item", "cue", "layer"])
    if where == "top":
        doc["comment"] = "x"
    elif where == "meta":
        doc["meta"]["tags"] = []
    elif where == "item":
        _any(rng, doc)["confidence"] = 1
    elif where == "cue" and any(q.get("cue") for q in doc.get("quotes", [])):
        next(q for q in doc["quotes"] if q.get("cue"))["cue"]["extra"] = None
    else:
        doc["annotation"]["layers"][0]["note"] = "x"


def wrong_type(rng: random.Random, doc: Doc, text: str) -> None:
    item = _any(rng, doc)
    kind = rng.randrange(9)
    if kind == 0:
        item["start"] = str(item["start"])
    elif kind == 1:
        item["end"] = float(item["end"])
    elif kind == 2:
        item["text"] = 5
    elif kind == 3:
        _any(rng, doc, ("entities",))["metonymy"] = 1
    elif kind == 4:
        _any(rng, doc, ("entities",))["links"] = "http://x"
    elif kind == 5:
        doc["annotation"]["annotators"] = "ab"
    elif kind == 6:
        doc["schema_version"] = rng.choice([True, 2, "1", 1.0])
    elif kind == 7:
        item["start"] = 2**40
    else:
        doc["zones"] = {"id": "z1"}


def empty_span(rng: random.Random, doc: Doc, text: str) -> None:
    item = _any(rng, doc, (*SPAN_LAYERS, "zones"))
    item["end"] = item["start"] - rng.choice([0, 1])
    if "text" in item:
        item["text"] = ""


def missing_field(rng: random.Random, doc: Doc, text: str) -> None:
    kind = rng.randrange(4)
    if kind == 0:
        del _any(rng, doc)["id"]
    elif kind == 1 and doc.get("quotes"):
        del rng.choice(doc["quotes"])["speaker"]
    elif kind == 2:
        del doc["meta"]["title"]
    else:
        del doc["annotation"]["layers"]


def null_field(rng: random.Random, doc: Doc, text: str) -> None:
    kind = rng.randrange(5)
    if kind == 0:
        _any(rng, doc, ("entities",))["mention_type"] = None
    elif kind == 1:
        doc["zones"] = None
    elif kind == 2:
        _any(rng, doc, ("entities",))["label"] = None
    elif kind == 3:
        doc["meta"]["synthetic"] = None
    else:
        _any(rng, doc)["text"] = None


def speaker_reason(rng: random.Random, doc: Doc, text: str) -> None:
    if doc.get("quotes"):
        q = rng.choice(doc["quotes"])
        if q.get("speaker") is None:
            q["speaker_reason"] = None
        else:
            q["speaker_reason"] = "unnamed"


def timex_value(rng: random.Random, doc: Doc, text: str) -> None:
    if doc.get("dates"):
        t = rng.choice(doc["dates"])
        t["value"] = rng.choice(["2020-02-30", "P", "2020-13", "PRESENT_REF\n", "P3D", "1999"])


def published(rng: random.Random, doc: Doc, text: str) -> None:
    kind = rng.randrange(3)
    if kind == 0:
        doc["meta"]["published"] = None
    elif kind == 1:
        doc["meta"]["published_source"] = "unknown"
    else:
        doc["meta"]["published"] = rng.choice(["2020-13-01", "2020-02-15T25:00", "15.2.2020"])


def scope_regions(rng: random.Random, doc: Doc, text: str) -> None:
    layers = doc["annotation"]["layers"]
    n = len(text)
    kind = rng.randrange(3)
    if kind == 0:  # overlapping declarations
        layers.append({"layer": "entities", "regions": [{"start": 0, "end": n // 2}]})
    elif kind == 1:  # valid: two halves, silver
        for s in layers:
            if s["layer"] == "entities":
                s["regions"] = [{"start": 0, "end": n // 2}, {"start": n // 2, "end": n}]
                s["status"] = "silver"
    else:
        layers[0]["regions"] = rng.choice(
            [[], [{"start": 0, "end": n + 3}], [{"start": 0, "end": 5}, {"start": 3, "end": 9}]]
        )


def scope_outside(rng: random.Random, doc: Doc, text: str) -> None:
    layer = rng.choice(["entities", "zones", "dates"])
    for s in doc["annotation"]["layers"]:
        if s["layer"] == layer:
            s["regions"] = [{"start": 0, "end": len(text) // rng.choice([2, 3])}]


def scope_declared(rng: random.Random, doc: Doc, text: str) -> None:
    layers = doc["annotation"]["layers"]
    if rng.random() < 0.5:
        drop = rng.choice(["dates", "zones", "quotes"])
        doc["annotation"]["layers"] = [s for s in layers if s["layer"] != drop]
    else:
        layers[0]["method"] = "automatic"


def settings_value(rng: random.Random, doc: Doc, text: str) -> None:
    source = doc["meta"].setdefault("source", {"format": "text"})
    source["settings"] = rng.choice([{"a": [1]}, {"a": None}, "x", {"b": 1.5}, {"c": True}])


MUTATIONS: tuple[Callable[[random.Random, Doc, str], None], ...] = (
    shift,
    break_text,
    cut_word,
    edge_space,
    out_of_bounds,
    duplicate_id,
    duplicate_annotation,
    dangling,
    bad_relation,
    reserved_cluster,
    anchor_cycle,
    anchor_chain,
    kb_conflict,
    zone_overlap,
    bad_enum,
    bad_pattern,
    extra_field,
    wrong_type,
    empty_span,
    missing_field,
    null_field,
    speaker_reason,
    timex_value,
    published,
    scope_regions,
    scope_outside,
    scope_declared,
    settings_value,
)


def _mutated_corpus(
    source: Path, out: Path, seed: int, ids: list[str], *, each: bool = False
) -> list[str]:
    """A copy of ``source`` with seeded mutations: 0 to 2 random ones per document, or with
    ``each`` exactly one per document, every kind in turn."""
    shutil.copytree(source, out)
    rng = random.Random(seed)
    for i, doc_id in enumerate(ids):
        path = annotation_path(out, doc_id)
        doc = orjson.loads(path.read_bytes())
        text = text_path(out, doc_id).read_text(encoding="utf-8")
        if each:
            MUTATIONS[(i + seed) % len(MUTATIONS)](rng, doc, text)
        else:
            for _ in range(0 if i % 7 == 0 else rng.choice([1, 1, 2])):
                rng.choice(MUTATIONS)(rng, doc, text)
        file_edit = rng.randrange(40) if not each else (5 if i == 1 else -1)
        if file_edit == 0:
            text_path(out, doc_id).write_text(text + "!", encoding="utf-8")
        elif file_edit == 1:
            doc["id"] = doc_id + "x"
        elif file_edit == 2:
            path.write_bytes(b"\xef\xbb\xbf" + orjson.dumps(doc))
            continue
        elif file_edit == 3:
            path.write_bytes(orjson.dumps(doc)[:-2])
            continue
        elif file_edit == 4:
            text_path(out, doc_id).unlink()
        elif file_edit == 5:  # a text starting with U+FEFF, pinned by its checksum
            text_path(out, doc_id).write_text("\ufeff" + text, encoding="utf-8")
            doc["text_sha256"] = sha256_text("\ufeff" + text)
        path.write_bytes(orjson.dumps(doc))
    return ids


EXPECTED_CODES = {
    "bom",
    "span-out-of-bounds",
    "span-text-mismatch",
    "span-cuts-word",
    "span-edge-whitespace",
    "duplicate-id",
    "duplicate-annotation",
    "dangling-reference",
    "reserved-id",
    "anchor-cycle",
    "kb-id-conflict",
    "zone-overlap",
    "layer-not-declared",
    "scope-overlap",
    "automatic-gold",
    "outside-scope",
    "unknown-field",
    "missing-field",
    "unknown-label",
    "empty-span",
    "bad-date-value",
    "schema",
}


@pytest.mark.parametrize("seed", range(3))
def test_mutated_synthetic_corpora_agree(synth: Path, tmp_path: Path, seed: int) -> None:
    ids = corpus_ids(synth)[0]
    _mutated_corpus(synth, tmp_path / "c", seed, ids)
    passed, codes, flagged = compare(tmp_path / "c")
    assert passed >= len(ids) // 10  # the untouched documents stay on the fast path
    assert len(flagged) >= len(ids) // 2


def test_every_kind_of_problem_is_exercised(synth: Path, tmp_path: Path) -> None:
    codes: set[str] = set()
    for seed in range(4):
        corpus = tmp_path / f"c{seed}"
        _mutated_corpus(synth, corpus, seed, corpus_ids(synth)[0], each=True)
        codes |= compare(corpus)[1]
    assert codes >= EXPECTED_CODES, EXPECTED_CODES - codes


def test_mutated_repository_corpus_agrees(tmp_path: Path) -> None:
    ids = corpus_ids(CORPUS)[0]
    _mutated_corpus(CORPUS, tmp_path / "c", 11, ids)
    compare(tmp_path / "c")


# --- hypothesis: one value anywhere replaced by another JSON value ---------------------------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 2**33)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["", "x", "gold", "PERSON", "m1", "e1", "document", "2020-01-01", "Q5"])
    | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=4,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic_corpus(tmp_path_factory.mktemp("small") / "c", 4, seed=5, workers=1)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_one_value_replaced(small: Path, tmp_path_factory: pytest.TempPathFactory, data) -> None:
    corpus = tmp_path_factory.mktemp("h") / "c"
    shutil.copytree(small, corpus)
    for doc_id in corpus_ids(corpus)[0]:
        path = annotation_path(corpus, doc_id)
        doc = orjson.loads(path.read_bytes())
        if data.draw(st.booleans()):
            where = data.draw(st.sampled_from(_paths(doc)))
            node = doc
            for part in where[:-1]:
                node = node[part]
            if data.draw(st.booleans()) and isinstance(node, dict):
                node.pop(where[-1])
            else:
                node[where[-1]] = data.draw(JSON_VALUES)
        path.write_bytes(orjson.dumps(doc))
    compare(corpus)


# --- the mirrors cover the models --------------------------------------------------------------


def _has_after_validator(annotation: Any) -> bool:
    if any(isinstance(m, AfterValidator) for m in getattr(annotation, "__metadata__", ())):
        return True
    return any(_has_after_validator(a) for a in getattr(annotation, "__args__", ()))


def test_every_python_validator_of_the_models_is_mirrored() -> None:
    found = set()
    for cls in vars(document).values():
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)):
            continue
        for name in cls.__pydantic_decorators__.model_validators:
            owner = next(c for c in cls.__mro__ if name in vars(c))
            found.add((owner, name))
        for name, info in cls.model_fields.items():
            if name in vars(cls).get("__annotations__", {}) and (
                _has_after_validator(info.annotation)
                or any(isinstance(m, AfterValidator) for m in info.metadata)
            ):
                found.add((cls, name))
        assert not cls.__pydantic_decorators__.field_validators, cls
    assert found == MIRRORED_VALIDATORS


def test_every_cross_record_check_is_mirrored() -> None:
    assert tuple(c.__name__ for c in checks.CHECKS) == MIRRORED_CHECKS


def test_sha256_of_text_is_what_the_batch_compares(synth: Path) -> None:
    doc_id = corpus_ids(synth)[0][0]
    batch = read_batch(synth, [doc_id])
    assert batch.sha256 == [sha256_text(text_path(synth, doc_id).read_text(encoding="utf-8"))]


def test_links_and_odd_files_agree(synth: Path, tmp_path: Path) -> None:
    """Files the fast path does not open (links, folders, FIFOs) are read by the model path."""
    corpus = tmp_path / "c"
    shutil.copytree(synth, corpus)
    ids = corpus_ids(corpus)[0]
    outside = tmp_path / "outside.txt"
    outside.write_bytes(text_path(corpus, ids[0]).read_bytes())
    text_path(corpus, ids[0]).unlink()
    text_path(corpus, ids[0]).symlink_to(outside)
    inner = text_path(corpus, ids[1])
    inner.rename(inner.with_name("moved.txt"))
    inner.symlink_to("moved.txt")  # a link that stays inside the corpus
    annotation_path(corpus, ids[2]).unlink()
    annotation_path(corpus, ids[2]).mkdir()
    text_path(corpus, ids[3]).unlink()
    os.mkfifo(text_path(corpus, ids[3]))
    passed, codes, flagged = compare(corpus, ids)
    assert flagged == set(ids[:4]) and "outside-root" in codes


def test_a_linked_folder_sends_every_document_to_the_model_path(
    synth: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "c"
    shutil.copytree(synth, corpus)
    (corpus / "articles").rename(tmp_path / "elsewhere")
    (corpus / "articles").symlink_to(tmp_path / "elsewhere")
    passed, codes, flagged = compare(corpus)
    assert passed == 0 and "outside-root" in codes


@pytest.mark.parametrize(
    "url",
    [
        *(f"https://a{c}b" for c in "\u00a0\x0b\x0c\x1c\x85\u1680\u2000\u200a\u200b\u2028\u3000"),
        "https://é.fr",
        "https://a.fr/x",
    ],
)
def test_patterns_with_unicode_classes_agree(synth: Path, tmp_path: Path, url: str) -> None:
    """The models' regex engine reads \\S as Unicode, Arrow's RE2 as ASCII."""
    corpus = tmp_path / "c"
    shutil.copytree(synth, corpus)
    doc_id = corpus_ids(corpus)[0][0]
    doc = orjson.loads(annotation_path(corpus, doc_id).read_bytes())
    doc["meta"]["url"] = url
    annotation_path(corpus, doc_id).write_bytes(orjson.dumps(doc))
    compare(corpus, [doc_id])


@pytest.mark.parametrize("value", [2**64, 2**63, -(2**63) - 1, 10**30, 2**63 - 1, -(2**63)])
def test_integers_beyond_64_bits_are_refused_on_both_paths(
    small: Path, tmp_path: Path, value: int
) -> None:
    """Regression: orjson reads an integer beyond 64 bits as a float, which the fast path then
    wrote into the release while the model path kept it exact; such a setting is now refused
    on both paths, and one within 64 bits is kept exactly."""
    corpus = tmp_path / "c"
    shutil.copytree(small, corpus)
    doc_id = corpus_ids(corpus)[0][0]
    path = annotation_path(corpus, doc_id)
    doc = orjson.loads(path.read_bytes())
    doc["meta"]["source"] = {"format": "text", "settings": {"n": 0}}
    path.write_bytes(orjson.dumps(doc).replace(b'{"n":0}', b'{"n":%d}' % value))
    _, codes, _ = compare(corpus)
    model = load_entry(corpus, doc_id, orphan=False)
    if -(2**63) <= value < 2**63:
        assert codes == set()
        assert model.document is not None
        assert model.document.meta.source.settings == {"n": value}
    else:
        assert codes == {"schema"}
        assert "beyond 64 bits" in model.problems[0].message
