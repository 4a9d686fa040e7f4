"""The gold seed article through every exchange format: real text, pronoun mentions, nested
mentions, claims that deny each other, relative dates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import CORPUS, SEED_ID
from newsanno.corpus import load_document
from newsanno.corpus.layout import annotation_path, text_path
from newsanno.formats import exporter, importer
from newsanno.model.document import Claim, EntityMention, Quote, Timex, Zone


@pytest.fixture
def seed_corpus(tmp_path: Path) -> Path:
    """A corpus holding the seed article only."""
    corpus = tmp_path / "corpus"
    for part in (text_path(CORPUS, SEED_ID), annotation_path(CORPUS, SEED_ID)):
        target = corpus / part.relative_to(CORPUS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(part, target)
    shutil.copy(CORPUS / "manifest.json", corpus / "manifest.json")
    return corpus


@pytest.mark.parametrize("fmt", ["label-studio", "brat", "conll", "spacy", "inception"])
def test_seed_export_import_leaves_the_annotation_file_byte_identical(
    fmt: str, seed_corpus: Path, tmp_path: Path
) -> None:
    path = annotation_path(seed_corpus, SEED_ID)
    before = path.read_bytes()
    out = tmp_path / fmt
    exported = exporter(fmt)(seed_corpus, out)
    assert exported.documents == 1
    src = out / "tasks.json" if fmt == "label-studio" else out
    report = importer(fmt)(src, seed_corpus)
    assert report.problems == [] and report.documents == 1
    assert path.read_bytes() == before


def test_conll_counts_what_the_seed_loses(seed_corpus: Path, tmp_path: Path) -> None:
    seed = load_document(annotation_path(seed_corpus, SEED_ID)).document
    assert seed is not None
    report = exporter("conll")(seed_corpus, tmp_path / "conll")
    assert report.not_carried["quotes"] == len(seed.quotes)
    assert report.not_carried["claims"] == len(seed.claims)
    pronouns = sum(m.mention_type != "name" for m in seed.entities)
    assert pronouns > 0
    assert report.not_carried["nominal and pronoun mentions"] == pronouns


def test_brat_and_inception_tables_name_every_field() -> None:
    """Fails when the schema grows a field these exporters do not know about."""
    from newsanno.formats import brat, cas_xmi

    models = {
        "zones": Zone,
        "entities": EntityMention,
        "quotes": Quote,
        "claims": Claim,
        "dates": Timex,
    }
    structural = {"id", "start", "end", "text"}
    brat_links = {
        layer: {f for lay, f, _ in brat.RELATIONS.values() if lay == layer} for layer in models
    }
    for layer, model in models.items():
        carried = structural | set(brat.NOTES[layer]) | {f for f, _, _ in brat.ATTRIBUTES[layer]}
        extra = {"entities": {"label"}, "dates": {"anchor"}}.get(layer, set())
        carried |= brat_links[layer] | extra
        assert set(model.model_fields) <= carried, ("brat", layer)
        _, label, fields = cas_xmi.LAYERS[layer]
        carried = structural | {label} | {f for f, _, _ in fields} | {"cue", "relations"}
        assert set(model.model_fields) <= carried, ("inception", layer)
