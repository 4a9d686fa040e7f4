"""Plugging in one's own extractor, as README and docs/predictions.md describe: module:attr,
an entry point, the library's predict_corpus, any spaCy pipeline, and per-token predictions on
the ner config turned back into a predictions file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsanno.cli import main
from newsanno.errors import NewsannoError

MODULE = """
from newsanno.extractors import ExtractorSpec, silver
from newsanno.model import EntityMention


class MyNER:
    name = "my-ner"
    version = "0.1"
    layers = ("entities",)

    def predict(self, doc):
        start = doc.text.find("Dmitry Peskov")
        found = [] if start < 0 else [
            EntityMention(id="m1", start=start, end=start + 13, text="Dmitry Peskov",
                          label="PERSON")
        ]
        return silver(doc, self, entities=found)


not_an_extractor = 42


def _untrained():
    return MyNER()


SPEC = ExtractorSpec("ignored", "my_ner_mod:_untrained", ("entities",))
LYING = ExtractorSpec("lying", "my_ner_mod:MyNER", ("dates",))
"""


@pytest.fixture
def my_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "my_ner_mod.py").write_text(MODULE)
    monkeypatch.syspath_prepend(str(site))
    return site


def _scored(capsys: pytest.CaptureFixture[str], corpus: Path, pred: Path) -> dict:
    capsys.readouterr()
    args = ["evaluate", "--gold", str(corpus), "--pred", str(pred), "--split", "all"]
    assert main([*args, "--format", "json", "--bootstrap", "0"]) == 0
    return json.loads(capsys.readouterr().out)


def test_module_attr_extractor(
    small_corpus: Path, tmp_path: Path, my_module: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pred = tmp_path / "p.jsonl"
    args = ["predict", "--extractor", "my_ner_mod:MyNER", "--corpus", str(small_corpus)]
    assert main([*args, "--out", str(pred)]) == 0
    out = _scored(capsys, small_corpus, pred)
    assert out["layers"] == ["entities"]
    assert out["figures"]["entities/strict"]["cor"] == 1
    assert out["figures"]["entities/strict"]["mis"] == 1


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("my_ner_mod:not_an_extractor", "bad-extractor"),
        ("my_ner_mod:Nope", "bad-extractor"),
        ("no_such_module_x:Thing", "bad-extractor"),
        ("nonsense", "unknown-extractor"),
    ],
)
def test_unusable_extractor_names_are_coded_problems(
    small_corpus: Path,
    tmp_path: Path,
    my_module: Path,
    capsys: pytest.CaptureFixture[str],
    spec: str,
    expected: str,
) -> None:
    args = ["predict", "--extractor", spec, "--corpus", str(small_corpus)]
    assert main([*args, "--out", str(tmp_path / "p.jsonl")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{expected}: ") and spec in err
    assert not (tmp_path / "p.jsonl").exists()


def test_entry_point_extractor(
    small_corpus: Path, tmp_path: Path, my_module: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    info = my_module / "my_ner-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: my-ner\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[newsanno.extractors]\nmy-ner = my_ner_mod:MyNER\n")
    pred = tmp_path / "p.jsonl"
    args = ["predict", "--extractor", "my-ner", "--corpus", str(small_corpus)]
    assert main([*args, "--out", str(pred)]) == 0
    assert _scored(capsys, small_corpus, pred)["figures"]["entities/strict"]["cor"] == 1


def test_a_package_registers_a_spec_through_an_entry_point(
    small_corpus: Path, tmp_path: Path, my_module: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsanno.extractors.registry import extractor_names, find_spec, registered

    info = my_module / "my_specs-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: my-specs\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(
        "[newsanno.extractors]\nmy-spec = my_ner_mod:SPEC\nmy-lying = my_ner_mod:LYING\n"
    )
    assert {"my-spec", "my-lying", "quotes", "baseline"} <= set(extractor_names())
    spec = find_spec("my-spec")
    assert spec is not None and (spec.name, spec.layers, spec.trains) == (
        "my-spec",
        ("entities",),
        False,
    )
    assert "my-spec" in [s.name for s in registered()]
    pred = tmp_path / "p.jsonl"
    args = ["predict", "--corpus", str(small_corpus), "--out", str(pred), "--extractor"]
    assert main([*args, "my-spec"]) == 0
    assert _scored(capsys, small_corpus, pred)["figures"]["entities/strict"]["cor"] == 1
    pred.unlink()
    assert main([*args, "my-lying"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("bad-extractor: my-lying: predicts entities, declared dates")
    assert not pred.exists()


def test_predict_corpus_library_call(small_corpus: Path, tmp_path: Path, my_module: Path) -> None:
    import my_ner_mod  # type: ignore[import-not-found]

    from newsanno.evaluate import evaluate
    from newsanno.extractors.run import predict_corpus

    pred = tmp_path / "p.jsonl"
    assert predict_corpus(small_corpus, my_ner_mod.MyNER(), pred).documents == 1
    assert evaluate(small_corpus, pred, bootstrap=0).counts["entities/strict"].cor == 1
    assert predict_corpus(small_corpus, "dates", pred).documents == 1
    with pytest.raises(NewsannoError):
        predict_corpus(small_corpus, "my_ner_mod:not_an_extractor", pred)


def test_spacy_pipeline_saved_to_disk(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": [{"TEXT": "Dmitry"}, {"TEXT": "Peskov"}]},
            {"label": "MISC", "pattern": "Moscow"},  # no counterpart: left out, counted
        ]
    )
    model = tmp_path / "model"
    nlp.to_disk(model)
    pred = tmp_path / "p.jsonl"
    args = ["predict", "--extractor", f"spacy:{model}", "--corpus", str(small_corpus)]
    assert main([*args, "--out", str(pred)]) == 0
    assert "MISC (1)" in capsys.readouterr().err
    line = json.loads(pred.read_text())
    assert [(m["text"], m["label"]) for m in line["entities"]] == [("Dmitry Peskov", "PERSON")]
    assert _scored(capsys, small_corpus, pred)["figures"]["entities/strict"]["cor"] == 1
    assert (
        main(
            [
                "predict",
                "--extractor",
                f"spacy:{tmp_path / 'none'}",
                "--corpus",
                str(small_corpus),
                "--out",
                str(pred),
            ]
        )
        == 1
    )
    assert "bad-extractor" in capsys.readouterr().err


def test_token_tags_on_the_ner_config_back_to_predictions(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import pyarrow.parquet as pq

    from newsanno.evaluate import write_tag_predictions

    dist = tmp_path / "dist"
    assert main(["build", str(small_corpus), "--out", str(dist), "--quiet"]) == 0
    (release,) = dist.iterdir()
    rows = [r for p in sorted(release.rglob("ner/*.parquet")) for r in pq.read_table(p).to_pylist()]
    # a "model" that tags every row as the gold does, by ClassLabel id
    tags = {r["id"]: r["ner_tags"] for r in rows}
    pred = tmp_path / "p.jsonl"
    assert write_tag_predictions(release, tags, pred) == 1
    out = _scored(capsys, small_corpus, pred)
    assert out["figures"]["entities/strict"]["f1"] == 1.0
    # tag names work too, and a wrong count of tags is a coded problem
    names = {k: ["O"] * len(v) for k, v in tags.items()}
    assert write_tag_predictions(release, names, pred) == 1
    with pytest.raises(NewsannoError) as e:
        write_tag_predictions(release, {k: ["O"] for k in tags}, pred)
    assert e.value.problems[0].code == "pred-malformed"
