"""The imported part of corpus/ is what the importers make of the shared MEANTIME and GUM data.

The texts must be byte-identical. Annotation files are compared only on what the import made:
the metadata, the layer scopes whose method is "imported", and the items of those layers inside
those scopes' regions. Annotators add their own scopes (other regions, other layers) and items
to the same files later (and are then listed after the source's annotators of the imported
scope); the comparison ignores those additions but not a change to an imported item.
"""

from __future__ import annotations

import copy
import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from newsanno.formats import importer

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
DATA = (Path(__file__).parents[1] / "../shared/data").resolve()
SOURCES = {"meantime": DATA / "meantime", "gum": DATA / "gum" / "news"}
LAYERS = ("zones", "entities", "quotes", "claims", "dates")

pytestmark = pytest.mark.skipif(
    not all(p.is_dir() for p in SOURCES.values()),
    reason=f"the shared MEANTIME and GUM data are not at {DATA}: nothing to rebuild from",
)


def _import_all(corpus: Path) -> None:
    (corpus / "articles").mkdir(parents=True)
    (corpus / "annotations").mkdir()
    shutil.copy(CORPUS / "manifest.json", corpus / "manifest.json")
    for name, src in SOURCES.items():
        report = importer(name)(src, corpus)
        assert not [p for p in report.problems if p.severity == "error"], report.render()


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("rebuilt") / "corpus"
    _import_all(corpus)
    return corpus


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _superseded(rebuilt: dict[str, Any], committed: dict[str, Any]) -> set[str]:
    """Layers whose imported scope is silver and was replaced by gold annotation (merging gold
    over silver removes the silver scope and its items): not compared."""
    imported = {
        s["layer"] for s in committed["annotation"]["layers"] if s.get("method") == "imported"
    }
    gold = {
        s["layer"]
        for s in committed["annotation"]["layers"]
        if s.get("method") != "imported" and s.get("status", "gold") == "gold"
    }
    return {
        s["layer"]
        for s in rebuilt["annotation"]["layers"]
        if s.get("status") == "silver" and s["layer"] not in imported and s["layer"] in gold
    }


def _imported_part(ann: dict[str, Any], text_length: int, skip: set[str]) -> dict[str, Any]:
    """Metadata, imported scopes, and the items of each layer inside the imported regions,
    without their ids (annotators' additions may renumber them); a date anchor is given as
    the anchor's extent. Layers in ``skip`` are left out."""
    scopes = [
        s
        for s in ann["annotation"]["layers"]
        if s.get("method") == "imported" and s["layer"] not in skip
    ]
    dates = {d["id"]: (d["start"], d["end"]) for d in ann.get("dates", [])}
    items: dict[str, Counter[str]] = {}
    for layer in LAYERS:
        if layer in skip:
            continue
        regions = [
            (r["start"], r["end"])
            for s in scopes
            if s["layer"] == layer
            for r in (s.get("regions") or [{"start": 0, "end": text_length}])
        ]
        kept: Counter[str] = Counter()
        for item in ann.get(layer, []):
            if any(a <= item["start"] and item["end"] <= b for a, b in regions):
                plain = {k: v for k, v in item.items() if k != "id"}
                if plain.get("anchor") not in (None, "document"):
                    plain["anchor"] = dates.get(plain["anchor"])
                kept[json.dumps(plain, sort_keys=True)] += 1
        items[layer] = kept
    return {"meta": ann["meta"], "scopes": scopes, "items": items}


def _same_scopes(want: list[dict[str, Any]], have: list[dict[str, Any]]) -> bool:
    """The committed imported scopes are the import's, except that annotators who added items
    in an imported region are listed after the source's annotators."""

    def rest(scope: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in scope.items() if k != "annotators"}

    return len(want) == len(have) and all(
        rest(w) == rest(h)
        and h.get("annotators", [])[: len(w.get("annotators", []))] == w.get("annotators", [])
        for w, h in zip(want, have, strict=False)
    )


def _differences(committed: Path, rebuilt: Path) -> list[str]:
    """What differs between the committed corpus and a rebuilt import, restricted as above."""
    out: list[str] = []
    ids = sorted(p.stem for p in (rebuilt / "annotations").glob("*.json"))
    committed_ids = {
        p.stem
        for p in (committed / "annotations").glob("*.json")
        if p.stem.startswith(("meantime-", "gum-"))
    }
    out += [f"{i}: committed but not imported" for i in sorted(committed_ids - set(ids))]
    for doc_id in ids:
        text_file = f"articles/{doc_id}.txt"
        if not (committed / text_file).is_file():
            out.append(f"{doc_id}: imported but not committed")
            continue
        text = (rebuilt / text_file).read_bytes()
        if (committed / text_file).read_bytes() != text:
            out.append(f"{doc_id}: text differs")
            continue
        length = len(text.decode("utf-8"))
        built_ann = _load(rebuilt / f"annotations/{doc_id}.json")
        committed_ann = _load(committed / f"annotations/{doc_id}.json")
        skip = _superseded(built_ann, committed_ann)
        want = _imported_part(built_ann, length, skip)
        have = _imported_part(committed_ann, length, skip)
        if want["meta"] != have["meta"]:
            out.append(f"{doc_id}: meta differ")
        if not _same_scopes(want["scopes"], have["scopes"]):
            out.append(f"{doc_id}: scopes differ")
        for layer in LAYERS:
            # every imported item is still there, unchanged; a merged annotation may add
            # items inside the imported regions (speakers, labels the source leaves out)
            if layer not in skip and want["items"][layer] - have["items"][layer]:
                out.append(f"{doc_id}: imported {layer} differ")
    for summary in sorted((rebuilt / "imports").glob("*.json")):
        if (committed / "imports" / summary.name).read_bytes() != summary.read_bytes():
            out.append(f"imports/{summary.name} differs")
    return out


def test_committed_import_is_reproducible(rebuilt: Path) -> None:
    assert len(list((rebuilt / "articles").glob("*.txt"))) == 114
    assert _differences(CORPUS, rebuilt) == []


def test_the_comparison_ignores_additions_and_catches_changes(
    rebuilt: Path, tmp_path: Path
) -> None:
    edited = tmp_path / "corpus"
    shutil.copytree(CORPUS, edited)
    path = edited / "annotations" / "meantime-gm-1007169.json"
    ann = _load(path)
    region_end = ann["annotation"]["layers"][1]["regions"][0]["end"]
    text = (edited / "articles" / "meantime-gm-1007169.txt").read_text(encoding="utf-8")
    # Another annotator's layer over the rest of the text, with one mention: ignored.
    start = text.index("General Motors", region_end + 1)
    added = copy.deepcopy(ann)
    added["annotation"]["layers"].append(
        {
            "layer": "entities",
            "regions": [{"start": region_end + 1, "end": len(text)}],
            "method": "manual",
        }
    )
    added["entities"].append(
        {"id": "m999", "start": start, "end": start + 14, "text": "General Motors", "label": "ORG"}
    )
    path.write_text(json.dumps(added), encoding="utf-8")
    assert _differences(edited, rebuilt) == []
    # A changed imported mention: caught.
    changed = copy.deepcopy(added)
    changed["entities"][0]["label"] = "ORG" if changed["entities"][0]["label"] != "ORG" else "GPE"
    path.write_text(json.dumps(changed), encoding="utf-8")
    assert _differences(edited, rebuilt) == ["meantime-gm-1007169: imported entities differ"]
    # A removed imported mention: caught; one added inside the imported region: tolerated.
    removed = copy.deepcopy(added)
    inside = removed["entities"].pop(0)
    path.write_text(json.dumps(removed), encoding="utf-8")
    assert _differences(edited, rebuilt) == ["meantime-gm-1007169: imported entities differ"]
    removed["entities"] += [inside, {**inside, "id": "m1000", "label": "CARDINAL"}]
    path.write_text(json.dumps(removed), encoding="utf-8")
    assert _differences(edited, rebuilt) == []


def test_gold_quotes_replacing_the_silver_gum_quotes_are_not_a_change(
    rebuilt: Path, tmp_path: Path
) -> None:
    edited = tmp_path / "corpus"
    shutil.copytree(CORPUS, edited)
    path = edited / "annotations" / "gum-afghan.json"
    ann = _load(path)
    layers = ann["annotation"]["layers"]
    ann["annotation"]["layers"] = [s for s in layers if s["layer"] != "quotes"] + [
        {"layer": "quotes", "method": "manual", "status": "gold", "annotators": ["annotator-a"]}
    ]
    ann["quotes"] = ann["quotes"][:1]
    path.write_text(json.dumps(ann), encoding="utf-8")
    assert _differences(edited, rebuilt) == []
    ann["entities"] = ann["entities"][1:]  # an imported entity removed: caught
    path.write_text(json.dumps(ann), encoding="utf-8")
    assert _differences(edited, rebuilt) == ["gum-afghan: imported entities differ"]


def test_import_is_deterministic(rebuilt: Path, tmp_path: Path) -> None:
    again = tmp_path / "corpus"
    _import_all(again)
    files = sorted(p.relative_to(rebuilt) for p in rebuilt.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert all((rebuilt / f).read_bytes() == (again / f).read_bytes() for f in files)
